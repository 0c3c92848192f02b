#include "app/platform/audit.h"
#include "app/platform/outbox.h"
#include "app/users/user.h"

namespace fuwu::app {
namespace {

bool valid_login(std::string_view login) {
  if (login.size() < 3 || login.size() > 64) return false;
  for (char c : login) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == '_' || c == '@' || c == '-';
    if (!ok) return false;
  }
  return true;
}

std::string kind_of(const NewUser& in) {
  if (!in.kind.empty()) return in.kind;
  return in.password.empty() ? "contact" : "user";
}

std::optional<std::string> audit_text(const std::string& s) {
  return s.empty() ? std::nullopt : std::optional(s);
}

}  // namespace

Result<User> create_user(store::Executor& ex, const Actor& actor, Instant now, const NewUser& in,
                         std::string_view password_hash) {
  if (!access::may(actor.principal, "user.write", {.organisation_id = in.organisation_id})) {
    return Error(ErrorCode::permission_denied, "you may not create people in this organisation");
  }
  const std::string kind = kind_of(in);
  Error invalid(ErrorCode::validation_failed, "the person is not valid");
  if (!valid_login(in.login)) {
    invalid.with_field("login", "invalid_format",
                       "3 to 64 characters: letters, digits and . _ @ -");
  }
  if (in.role.empty()) invalid.with_field("role", "required", "a role is required");
  if (kind != "user" && kind != "contact") {
    invalid.with_field("kind", "not_allowed", "one of user, contact");
  }
  if (kind == "contact" && !password_hash.empty()) {
    invalid.with_field("password", "not_allowed", "a contact has no password");
  }
  check_contact_fields(invalid, in.email, in.phone, in.language, in.time_zone);
  if (!invalid.fields.empty()) return invalid;
  TRY_VOID(check_role_and_organisation(ex, in.role, in.organisation_id));
  TRY_VOID(no_escalation(ex, actor, in.role));

  const std::string ts = format_rfc3339(now);
  auto rows = ex.query(
      std::string("INSERT INTO users (login, kind, display_name, email, phone, role, "
                  "organisation_id, password_hash, language, time_zone, password_changed_at, "
                  "created_at, updated_at) "
                  "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12) RETURNING ") +
          kUserColumns,
      {in.login, kind, in.display_name.empty() ? in.login : in.display_name,
       store::null_if_empty(in.email), store::null_if_empty(in.phone), in.role,
       in.organisation_id ? store::Value(in.organisation_id) : store::Value(store::Null{}),
       store::null_if_empty(std::string(password_hash)), in.language, in.time_zone,
       password_hash.empty() ? store::Value(store::Null{}) : store::Value(ts), ts});
  if (!rows.ok()) {
    if (rows.error().code == ErrorCode::conflict) {
      return Error(ErrorCode::conflict, "this login is taken")
          .with_field("login", "taken", "already used by another person (case does not matter)");
    }
    return std::move(rows).error();
  }
  User created = user_from_row(rows->at(0));
  TRY_VOID(write_audit(
      ex, actor, now, "user", created.id, "create",
      {{"login", std::nullopt, created.login},
       {"kind", std::nullopt, created.kind},
       {"display_name", std::nullopt, created.display_name},
       {"email", std::nullopt, audit_text(created.email)},
       {"phone", std::nullopt, audit_text(created.phone)},
       {"role", std::nullopt, created.role},
       {"organisation_id", std::nullopt,
        in.organisation_id ? std::optional(std::to_string(in.organisation_id)) : std::nullopt}}));
  TRY_VOID(emit_event(ex, actor, now, "user.created", "user", created.id));
  return created;
}

Result<User> add_user(Services& s, const Actor& actor, const NewUser& in) {
  if (!access::can(actor.principal, "user.write")) {
    return Error(ErrorCode::permission_denied, "you may not create users");
  }
  std::string hash;
  if (!in.password.empty()) hash = TRY(prepare_password(in.password));
  const Instant now = s.clock.now();
  User created;
  TRY_VOID(s.db.write([&](store::Executor& ex) -> Status {
    created = TRY(create_user(ex, actor, now, in, hash));
    return {};
  }));
  return created;
}

}  // namespace fuwu::app
