#include "app/users/user.h"

#include "app/calendar/zone_loader.h"
#include "app/roles/role.h"
#include "base/crypto.h"

namespace fuwu::app {

const char* const kUserColumns =
    "id, login, kind, display_name, COALESCE(email, ''), role, COALESCE(organisation_id, 0), "
    "disabled, language, time_zone, version, created_at, updated_at, COALESCE(phone, ''), "
    "COALESCE(manager_id, 0), available";

User user_from_row(const store::Row& r) {
  User u;
  u.id = r.i64(0);
  u.login = r.text(1);
  u.kind = r.text(2);
  u.display_name = r.text(3);
  u.email = r.text(4);
  u.role = r.text(5);
  u.organisation_id = r.i64(6);
  u.disabled = r.i64(7) != 0;
  u.language = r.text(8);
  u.time_zone = r.text(9);
  u.version = r.i64(10);
  u.created_at = parse_rfc3339(r.text(11)).value_or(Instant{});
  u.updated_at = parse_rfc3339(r.text(12)).value_or(Instant{});
  u.phone = r.text(13);
  u.manager_id = r.i64(14);
  u.available = r.i64(15) != 0;
  return u;
}

Result<std::optional<User>> find_user_by_login(store::Executor& ex, std::string_view login) {
  // lower(login) is the unique index (0003_parties), so "Alice" and "alice" are one account.
  auto row = TRY(ex.query_one(
      std::string("SELECT ") + kUserColumns + " FROM users WHERE lower(login) = lower($1)",
      {std::string(login)}));
  if (!row) return std::optional<User>();
  return std::optional<User>(user_from_row(*row));
}

Result<std::optional<User>> find_user_by_id(store::Executor& ex, std::int64_t id) {
  auto row =
      TRY(ex.query_one(std::string("SELECT ") + kUserColumns + " FROM users WHERE id = $1", {id}));
  if (!row) return std::optional<User>();
  return std::optional<User>(user_from_row(*row));
}

Result<std::string> read_password_hash(store::Executor& ex, std::int64_t user_id) {
  auto row =
      TRY(ex.query_one("SELECT COALESCE(password_hash, '') FROM users WHERE id = $1", {user_id}));
  return row ? row->text(0) : std::string();
}

Status validate_password(std::string_view password) {
  if (password.size() < 8) {
    return Error(ErrorCode::validation_failed, "the password is too short")
        .with_field("password", "too_short", "at least 8 characters");
  }
  if (password.size() > 1024) {
    return Error(ErrorCode::validation_failed, "the password is too long")
        .with_field("password", "too_long", "at most 1024 characters");
  }
  return {};
}

Result<std::string> prepare_password(std::string_view password) {
  TRY_VOID(validate_password(password));
  return crypto::hash_password(password);
}

bool user_visible(const Actor& actor, std::string_view permission, const User& user) {
  return access::may(actor.principal, permission,
                     {.organisation_id = user.organisation_id, .owner_user_id = user.id});
}

Result<User> user_for_change(store::Executor& ex, const Actor& actor, std::int64_t id) {
  auto user = TRY(find_user_by_id(ex, id));
  if (!user || !user_visible(actor, "user.read", *user)) {
    return Error(ErrorCode::not_found, "no such person");
  }
  if (!user_visible(actor, "user.write", *user)) {
    return Error(ErrorCode::permission_denied, "you may not change this person");
  }
  TRY_VOID(no_escalation(ex, actor, user->role));
  return *user;
}

Status no_escalation(store::Executor& ex, const Actor& actor, std::string_view role) {
  auto found = TRY(find_role(ex, role));
  // An unknown role is reported by check_role_and_organisation.
  if (!found) return {};
  return grants_within_actor(actor, found->grants);
}

void check_contact_fields(Error& e, const std::optional<std::string>& email,
                          const std::optional<std::string>& phone,
                          const std::optional<std::string>& language,
                          const std::optional<std::string>& time_zone) {
  if (email && !email->empty()) {
    const auto at = email->find('@');
    const bool ok = email->size() <= 254 && at != std::string::npos && at > 0 &&
                    at + 1 < email->size() && email->find('@', at + 1) == std::string::npos &&
                    email->find_first_of(" \t\r\n<>,;\"") == std::string::npos;
    if (!ok) e.with_field("email", "invalid_format", "an e-mail address such as li.wei@example.cn");
  }
  if (phone && !phone->empty()) {
    bool ok = phone->size() <= 32;
    for (char c : *phone) {
      if (!((c >= '0' && c <= '9') || c == ' ' || c == '+' || c == '-' || c == '(' || c == ')')) {
        ok = false;
      }
    }
    if (!ok) e.with_field("phone", "invalid_format", "digits, spaces and + - ( ), at most 32");
  }
  if (language && *language != "zh-CN" && *language != "en") {
    e.with_field("language", "not_allowed", "one of zh-CN, en");
  }
  if (time_zone && !calendar::load_zone_or_builtin(*time_zone).ok()) {
    e.with_field("time_zone", "not_allowed", "an IANA time zone such as Asia/Shanghai");
  }
}

Status check_role_and_organisation(store::Executor& ex, const std::optional<std::string>& role,
                                   std::optional<std::int64_t> organisation_id) {
  Error e(ErrorCode::validation_failed, "the person is not valid");
  if (role) {
    auto row = TRY(ex.query_one("SELECT name FROM roles WHERE name = $1", {*role}));
    if (!row) e.with_field("role", "not_allowed", "no role named " + *role);
  }
  if (organisation_id && *organisation_id != 0) {
    auto row = TRY(ex.query_one("SELECT id FROM organisations WHERE id = $1", {*organisation_id}));
    if (!row) e.with_field("organisation_id", "not_found", "no organisation with this id");
  }
  if (!e.fields.empty()) return e;
  return {};
}

}  // namespace fuwu::app
