// Authentication: password login with sessions, API tokens, and resolving either to a Principal.
//
// Secrets (session tokens, API tokens) are random 256-bit values that the client holds; the
// database keeps only their SHA-256. Login never tells whether an account exists: unknown and
// disabled accounts and wrong passwords all fail the same way and take the same time (an Argon2id
// check runs against a decoy hash), and throttling counts per login name, existing or not.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/platform/context.h"
#include "app/users/user.h"

namespace fuwu::app {

struct LoginInput {
  std::string login;
  std::string password;
  std::string remote_address;
  std::string request_id;
};

struct SessionGrant {
  std::string session_token;  // the cookie value
  std::string csrf_token;     // sent back in X-CSRF-Token on unsafe requests
  Instant expires_at;
  User user;
};

// Fails with unauthenticated ("login or password is incorrect"), or rate_limited with
// retry_after_seconds when the account name or the client address is throttled.
Result<SessionGrant> login(Services& s, const LoginInput& input);

struct Authenticated {
  Actor actor;
  std::string csrf_token;  // for sessions; "" for API tokens
  std::optional<User> user;
};

// Resolves a session cookie value. unauthenticated when unknown, revoked or expired. Slides the
// idle expiry forward (written at most once a minute per session).
Result<Authenticated> authenticate_session(Services& s, std::string_view session_token,
                                           std::string_view request_id);
// Resolves a bearer API token ("fuwu_…"). unauthenticated when unknown, revoked or expired.
Result<Authenticated> authenticate_token(Services& s, std::string_view token,
                                         std::string_view request_id);

Status logout(Services& s, std::string_view session_token);

// Loads role grants and groups of a user into a Principal.
Result<access::Principal> load_principal(store::Executor& ex, const User& user);
// The same, with the grants of the user's role already read (by load_role_grants): for callers
// that load many users of few roles, such as the notification dispatcher.
Result<access::Principal> load_principal(store::Executor& ex, const User& user,
                                         const std::vector<access::Grant>& role_grants);
Result<std::vector<access::Grant>> load_role_grants(store::Executor& ex, std::string_view role);

struct NewToken {
  std::string login;  // whose token
  std::string name;   // a label ("monitoring", "erp-sync")
  std::vector<std::string> scopes = {"*"};
  std::optional<Instant> expires_at;
};

struct CreatedToken {
  std::int64_t id = 0;
  std::string token;  // shown once; only its hash is kept
};

// Creating a token for another user needs "token.write"; anyone may create their own.
Result<CreatedToken> create_token(Services& s, const Actor& actor, const NewToken& input);
Status revoke_token(Services& s, const Actor& actor, std::int64_t token_id);

}  // namespace fuwu::app
