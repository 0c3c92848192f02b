#include "app/platform/audit.h"
#include "app/platform/outbox.h"
#include "app/users/user.h"
#include "base/crypto.h"

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

}  // namespace

Result<User> add_user(Services& s, const Actor& actor, const NewUser& in) {
  if (!access::can(actor.principal, "user.write")) {
    return Error(ErrorCode::permission_denied, "you may not create users");
  }
  Error invalid(ErrorCode::validation_failed, "the user is not valid");
  if (!valid_login(in.login)) {
    invalid.with_field("login", "invalid_format",
                       "3 to 64 characters: letters, digits and . _ @ -");
  }
  if (in.role.empty()) invalid.with_field("role", "required", "a role is required");
  if (!in.password.empty()) {
    auto ok = validate_password(in.password);
    if (!ok) invalid.fields.push_back(ok.error().fields.front());
  }
  if (!invalid.fields.empty()) return invalid;

  std::string hash;
  if (!in.password.empty()) hash = TRY(crypto::hash_password(in.password));
  const Instant now = s.clock.now();
  User created;
  TRY_VOID(s.db.write([&](store::Executor& ex) -> Status {
    auto role = TRY(ex.query_one("SELECT name FROM roles WHERE name = $1", {in.role}));
    if (!role) {
      return Error(ErrorCode::validation_failed, "no such role")
          .with_field("role", "not_allowed", "no role named " + in.role);
    }
    if (in.organisation_id != 0) {
      auto org =
          TRY(ex.query_one("SELECT id FROM organisations WHERE id = $1", {in.organisation_id}));
      if (!org) {
        return Error(ErrorCode::validation_failed, "no such organisation")
            .with_field("organisation_id", "not_found", "no organisation with this id");
      }
    }
    const std::string ts = format_rfc3339(now);
    auto rows = TRY(ex.query(
        std::string("INSERT INTO users (login, kind, display_name, email, role, organisation_id, "
                    "password_hash, language, password_changed_at, created_at, updated_at) "
                    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING ") +
            kUserColumns,
        {in.login, std::string(in.password.empty() ? "contact" : "user"),
         in.display_name.empty() ? in.login : in.display_name, store::null_if_empty(in.email),
         in.role,
         in.organisation_id ? store::Value(in.organisation_id) : store::Value(store::Null{}),
         store::null_if_empty(hash), in.language,
         in.password.empty() ? store::Value(store::Null{}) : store::Value(ts), ts}));
    created = user_from_row(rows.at(0));
    TRY_VOID(write_audit(
        ex, actor, now, "user", created.id, "create",
        {{"login", std::nullopt, created.login},
         {"role", std::nullopt, created.role},
         {"organisation_id", std::nullopt,
          in.organisation_id ? std::optional(std::to_string(in.organisation_id)) : std::nullopt}}));
    TRY_VOID(emit_event(ex, actor, now, "user.created", "user", created.id));
    return {};
  }));
  return created;
}

}  // namespace fuwu::app
