// People: users (who sign in) and contacts (people we know who have no password yet), and their
// API tokens. Use cases, one per file in this folder.
//
// Most use cases run inside the caller's unit of work (store::Database::read/write), so the
// caller can add its own rows (an idempotency record, a response) atomically; they take the
// executor, the actor and `now`. The few taking Services open their own units; they exist for
// the CLI and for steps that must run outside a transaction (Argon2id hashing, ~50 ms).
//
// Visibility: "user.read" with scope all sees everybody; organisation sees the people of the
// principal's organisation; own sees only oneself. A person outside the caller's reach is
// not_found, exactly as if they did not exist.
//
// Changing people ("user.write") never lets the actor hand out more than it holds: the role a
// person has, and any role given to them, must grant nothing beyond the actor's own grants
// (no_escalation). So an agent may create customers and contacts but not administrators.
//
// Errors: validation_failed with field errors for bad values (unknown role: field "role",
// code "not_allowed"; unknown organisation: "organisation_id", "not_found"); conflict with
// field "login", code "taken" for a login used by someone else (compared case-insensitively);
// precondition_failed for a stale expected version.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/platform/context.h"
#include "domain/access/throttle.h"

namespace fuwu::app {

struct User {
  std::int64_t id = 0;
  std::string login;
  std::string kind = "user";  // "user" | "contact"
  std::string display_name;
  std::string email;
  std::string phone;
  std::string role;
  std::int64_t organisation_id = 0;
  bool disabled = false;
  std::string language = "zh-CN";
  std::string time_zone = "Asia/Shanghai";
  std::int64_t manager_id = 0;  // the person's line manager (approvals "by manager"); 0: none
  bool available = true;        // false: absent, skipped by round-robin assignment
  std::int64_t version = 1;
  Instant created_at;
  Instant updated_at;
};

struct NewUser {
  std::string login;
  std::string role;
  std::int64_t organisation_id = 0;  // 0: none
  std::string password;              // "" for a contact, or a user whose password is set later
  std::string display_name;
  std::string email;
  std::string kind;  // "user" | "contact"; "" means "user" with a password, else "contact"
  std::string phone;
  std::string language = "zh-CN";
  std::string time_zone = "Asia/Shanghai";
};

// A partial update: only fields that are set change. organisation_id 0 removes the organisation.
struct UserPatch {
  std::optional<std::string> display_name;
  std::optional<std::string> email;
  std::optional<std::string> phone;
  std::optional<std::string> role;
  std::optional<std::int64_t> organisation_id;
  std::optional<std::string> language;
  std::optional<std::string> time_zone;
  std::optional<std::int64_t> manager_id;  // 0 clears; an active user, not the person, no cycle
};

struct UserFilter {
  std::optional<std::int64_t> organisation_id;
  std::optional<std::string> role;
  std::optional<std::string> kind;
  std::optional<std::string> q;  // a substring of login, display name or e-mail (case-insensitive)
};

struct UserPage {
  std::vector<User> items;
  std::optional<std::int64_t> next_after_id;  // the keyset cursor for the next page
};

// Columns selected by user_from_row, in order.
extern const char* const kUserColumns;
User user_from_row(const store::Row& row);

// Lookups without access checks, for the use cases and authentication. Logins are compared
// case-insensitively.
Result<std::optional<User>> find_user_by_login(store::Executor& ex, std::string_view login);
Result<std::optional<User>> find_user_by_id(store::Executor& ex, std::int64_t id);

// --- Use cases inside the caller's unit -------------------------------------------------------

// Creates a user or contact. `password_hash` is the Argon2id hash of input.password (hash it
// with prepare_password before the unit; "" when there is no password). Needs "user.write"
// reaching the new person's organisation, and no_escalation for the role.
Result<User> create_user(store::Executor& ex, const Actor& actor, Instant now, const NewUser& input,
                         std::string_view password_hash);
// not_found when absent or outside the caller's "user.read" scope.
Result<User> get_user(store::Executor& ex, const Actor& actor, std::int64_t id);
Result<UserPage> list_users(store::Executor& ex, const Actor& actor, const UserFilter& filter,
                            std::int64_t after_id, int limit);
Result<User> update_user(store::Executor& ex, const Actor& actor, Instant now, std::int64_t id,
                         std::int64_t expected_version, const UserPatch& patch);
// Disables (ends the person's sessions and revokes their API tokens) or re-enables. Nobody may
// disable themselves (conflict). Unchanged state is not an error. Callers clear the credential
// cache after the commit (Services::credentials_changed).
Result<User> set_user_disabled(store::Executor& ex, const Actor& actor, Instant now,
                               std::int64_t id, bool disabled);
// An administrator sets another person's password (a contact becomes a user) and every session
// of that person ends; one's own is conflict (it needs the current one: change_own_password).
// Callers clear the credential cache after the commit.
Result<User> set_user_password(store::Executor& ex, const Actor& actor, Instant now,
                               std::int64_t id, std::string_view password_hash);

// The signed-in person changes their own password. `current_hash` is the hash read (with
// read_password_hash) and verified against the current password before the unit; when it has
// changed since, precondition_failed. Ends every session of the person except
// `keep_session_hash` (the SHA-256 of the session making the change; "" ends them all).
Status change_own_password(store::Executor& ex, const Actor& actor, Instant now,
                           std::string_view current_hash, std::string_view new_hash,
                           std::string_view keep_session_hash);
// Guessing the current password through change_own_password counts against the same
// per-account limit as login (login_throttle, "login:<lower-case login>"), so a stolen session
// cannot try passwords without end. password_locked_for: seconds until the lock ends, or
// nullopt when not locked.
Result<std::optional<std::int64_t>> password_locked_for(store::Executor& ex, std::string_view login,
                                                        Instant now);
Status record_password_failure(store::Executor& ex, std::string_view login,
                               const access::ThrottlePolicy& policy, Instant now);
// The stored password hash of a person ("" when none).
Result<std::string> read_password_hash(store::Executor& ex, std::int64_t user_id);

// --- Tokens ------------------------------------------------------------------------------------

struct TokenInfo {
  std::int64_t id = 0;
  std::string name;
  std::vector<std::string> scopes;
  std::optional<Instant> expires_at;
  Instant created_at;
  std::optional<Instant> revoked_at;
};
struct TokenPage {
  std::vector<TokenInfo> items;
  std::optional<std::int64_t> next_after_id;
};
// The caller's own API tokens (never their secrets), newest last.
Result<TokenPage> list_own_tokens(store::Executor& ex, const Actor& actor, std::int64_t after_id,
                                  int limit);

// --- Wrappers that open their own units (the CLI) ----------------------------------------------

// Validates and hashes the password outside any unit, then create_user.
Result<User> add_user(Services& s, const Actor& actor, const NewUser& input);
// Sets a new password and revokes every session of the user.
Status set_password(Services& s, const Actor& actor, std::string_view login,
                    std::string_view new_password);
// Disables (or re-enables) the account; disabling revokes its sessions and API tokens.
Status set_user_disabled(Services& s, const Actor& actor, std::string_view login, bool disabled);
Result<std::vector<User>> list_users(Services& s, const Actor& actor, std::int64_t after_id,
                                     int limit);

// --- Rules shared by the user use cases -------------------------------------------------------

Status validate_password(std::string_view password);
// validate_password, then the Argon2id hash (slow: call it outside any unit).
Result<std::string> prepare_password(std::string_view password);
// Adds a field error to `e` for each value that breaks its rule: e-mail (an address with one @,
// at most 254 characters), phone (digits, spaces and + - ( ), at most 32), language (zh-CN or
// en), time zone (an IANA zone name this machine knows).
void check_contact_fields(Error& e, const std::optional<std::string>& email,
                          const std::optional<std::string>& phone,
                          const std::optional<std::string>& language,
                          const std::optional<std::string>& time_zone);
// validation_failed unless the role exists ("role", "not_allowed") and the organisation, when
// not 0, exists ("organisation_id", "not_found").
Status check_role_and_organisation(store::Executor& ex, const std::optional<std::string>& role,
                                   std::optional<std::int64_t> organisation_id);
// The person for a change: not_found when absent or outside "user.read", permission_denied
// without "user.write" reaching them or when their role grants more than the actor holds.
Result<User> user_for_change(store::Executor& ex, const Actor& actor, std::int64_t id);
bool user_visible(const Actor& actor, std::string_view permission, const User& user);
// permission_denied unless every grant of `role` is within the actor's own grants (same
// permission, or "*", with a scope at least as wide).
Status no_escalation(store::Executor& ex, const Actor& actor, std::string_view role);

}  // namespace fuwu::app
