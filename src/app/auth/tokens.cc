#include "app/auth/auth.h"
#include "app/platform/audit.h"
#include "base/crypto.h"

namespace fuwu::app {

Result<CreatedToken> create_token(Services& s, const Actor& actor, const NewToken& in) {
  const Instant now = s.clock.now();
  if (in.name.size() > 200) {
    return Error(ErrorCode::validation_failed, "the token name is too long")
        .with_field("name", "too_long", "at most 200 characters");
  }
  if (in.expires_at && *in.expires_at <= now) {
    return Error(ErrorCode::validation_failed, "the expiry is in the past")
        .with_field("expires_at", "out_of_range", "must be in the future");
  }
  std::string scopes;
  for (const auto& sc : in.scopes) {
    if (sc.empty() || sc.find(' ') != std::string::npos) {
      return Error(ErrorCode::validation_failed, "invalid scope")
          .with_field("scopes", "invalid_format", "scopes are single words");
    }
    if (!scopes.empty()) scopes += ' ';
    scopes += sc;
  }
  CreatedToken out;
  out.token = "fuwu_" + crypto::random_token(32);
  TRY_VOID(s.db.write([&](store::Executor& ex) -> Status {
    auto user = TRY(find_user_by_login(ex, in.login));
    const bool self = user && user->id == actor.principal.user_id;
    if (!user || (!self && !access::can(actor.principal, "token.write"))) {
      return Error(ErrorCode::not_found, "no such user");
    }
    if (user->disabled) return Error(ErrorCode::conflict, "the user is disabled");
    auto rows = TRY(ex.query(
        "INSERT INTO api_tokens (user_id, name, token_hash, scopes, expires_at, created_at) "
        "VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        {user->id, in.name, crypto::sha256_hex(out.token), scopes.empty() ? "*" : scopes,
         in.expires_at ? store::Value(format_rfc3339(*in.expires_at)) : store::Value(store::Null{}),
         format_rfc3339(now)}));
    out.id = rows.at(0).i64(0);
    return write_audit(ex, actor, now, "api_token", out.id, "create",
                       {{"user", std::nullopt, user->login}, {"scopes", std::nullopt, scopes}});
  }));
  return out;
}

Status revoke_token(Services& s, const Actor& actor, std::int64_t token_id) {
  const Instant now = s.clock.now();
  auto st = s.db.write([&](store::Executor& ex) -> Status {
    auto row = TRY(ex.query_one(
        "SELECT user_id FROM api_tokens WHERE id = $1 AND revoked_at IS NULL", {token_id}));
    if (!row ||
        (row->i64(0) != actor.principal.user_id && !access::can(actor.principal, "token.write"))) {
      return Error(ErrorCode::not_found, "no such token");
    }
    TRY_VOID(ex.exec("UPDATE api_tokens SET revoked_at = $2 WHERE id = $1",
                     {token_id, format_rfc3339(now)}));
    return write_audit(ex, actor, now, "api_token", token_id, "revoke", {});
  });
  // Cleared after the commit, so no request can re-cache the old state.
  s.credentials_changed();
  return st;
}

}  // namespace fuwu::app
