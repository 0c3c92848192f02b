#include "app/users/user.h"

namespace fuwu::app {

const char* const kUserColumns =
    "id, login, kind, display_name, COALESCE(email, ''), role, COALESCE(organisation_id, 0), "
    "disabled, language, time_zone, version, created_at, updated_at";

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
  return u;
}

Result<std::optional<User>> find_user_by_login(store::Executor& ex, std::string_view login) {
  auto row =
      TRY(ex.query_one(std::string("SELECT ") + kUserColumns + " FROM users WHERE login = $1",
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

}  // namespace fuwu::app
