// Users and contacts: the people Fuwu knows. Use cases, one per file in this folder.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/platform/context.h"

namespace fuwu::app {

struct User {
  std::int64_t id = 0;
  std::string login;
  std::string kind = "user";  // "user" | "contact"
  std::string display_name;
  std::string email;
  std::string role;
  std::int64_t organisation_id = 0;
  bool disabled = false;
  std::string language = "zh-CN";
  std::string time_zone = "Asia/Shanghai";
  std::int64_t version = 1;
  Instant created_at;
  Instant updated_at;
};

struct NewUser {
  std::string login;
  std::string role;
  std::int64_t organisation_id = 0;  // 0: none
  std::string password;              // "" for a contact without login
  std::string display_name;
  std::string email;
  std::string language = "zh-CN";
};

// Columns selected by user_from_row, in order.
extern const char* const kUserColumns;
User user_from_row(const store::Row& row);

Result<std::optional<User>> find_user_by_login(store::Executor& ex, std::string_view login);
Result<std::optional<User>> find_user_by_id(store::Executor& ex, std::int64_t id);

// Creates a user. Needs "user.write" (system actors always may). Validation: login of 3–64
// characters from [A-Za-z0-9._@-], unique (conflict); role exists; organisation exists; a
// password of at least 8 characters when given.
Result<User> add_user(Services& s, const Actor& actor, const NewUser& input);

// Sets a new password and revokes every session of the user.
Status set_password(Services& s, const Actor& actor, std::string_view login,
                    std::string_view new_password);

// Disables (or re-enables) the account; disabling revokes its sessions and API tokens.
Status set_user_disabled(Services& s, const Actor& actor, std::string_view login, bool disabled);

Result<std::vector<User>> list_users(Services& s, const Actor& actor, std::int64_t after_id,
                                     int limit);

// Validation rules shared by the user use cases.
Status validate_password(std::string_view password);

}  // namespace fuwu::app
