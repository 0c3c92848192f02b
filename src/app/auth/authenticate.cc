#include "app/auth/auth.h"
#include "app/auth/auth_cache.h"
#include "base/crypto.h"

namespace fuwu::app {
namespace {

Error not_authenticated() {
  return Error(ErrorCode::unauthenticated, "authentication required");
}

std::vector<std::string> split_scopes(std::string_view s) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= s.size()) {
    const std::size_t end = std::min(s.find(' ', start), s.size());
    if (end > start) out.emplace_back(s.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

}  // namespace

Result<Authenticated> authenticate_session(Services& s, std::string_view session_token,
                                           std::string_view request_id) {
  if (session_token.empty() || session_token.size() > 128) return not_authenticated();
  const Instant now = s.clock.now();
  const std::string hash = crypto::sha256_hex(session_token);
  if (s.auth_cache != nullptr) {
    if (auto hit = s.auth_cache->get("s:" + hash, now)) {
      hit->actor.request_id = std::string(request_id);
      return *hit;
    }
  }
  Authenticated out;
  Instant last_seen, created;
  TRY_VOID(s.db.read([&](store::Executor& ex) -> Status {
    auto row = TRY(ex.query_one(
        "SELECT user_id, csrf_token, last_seen_at, expires_at, created_at FROM sessions "
        "WHERE token_hash = $1 AND revoked_at IS NULL",
        {hash}));
    if (!row) return not_authenticated();
    const auto expires = parse_rfc3339(row->text(3));
    if (!expires || *expires <= now) return not_authenticated();
    last_seen = parse_rfc3339(row->text(2)).value_or(now);
    created = parse_rfc3339(row->text(4)).value_or(now);
    out.csrf_token = row->text(1);
    auto user = TRY(find_user_by_id(ex, row->i64(0)));
    if (!user || user->disabled) return not_authenticated();
    out.actor.principal = TRY(load_principal(ex, *user));
    out.user = std::move(user);
    return {};
  }));
  out.actor.via = "session";
  out.actor.request_id = std::string(request_id);
  if (now - last_seen >= Duration::of_seconds(60)) {
    const Instant idle_end = now + Duration::of_minutes(s.settings.session_idle_minutes);
    const Instant absolute_end = created + Duration::of_hours(s.settings.session_absolute_hours);
    TRY_VOID(s.db.write([&](store::Executor& ex) -> Status {
      TRY_VOID(
          ex.exec("UPDATE sessions SET last_seen_at = $2, expires_at = $3 WHERE token_hash = $1",
                  {hash, format_rfc3339(now), format_rfc3339(std::min(idle_end, absolute_end))}));
      return {};
    }));
  }
  if (s.auth_cache != nullptr) s.auth_cache->put("s:" + hash, out, now);
  return out;
}

Result<Authenticated> authenticate_token(Services& s, std::string_view token,
                                         std::string_view request_id) {
  if (!token.starts_with("fuwu_") || token.size() > 128) return not_authenticated();
  const Instant now = s.clock.now();
  const std::string hash = crypto::sha256_hex(token);
  if (s.auth_cache != nullptr) {
    if (auto hit = s.auth_cache->get("t:" + hash, now)) {
      hit->actor.request_id = std::string(request_id);
      return *hit;
    }
  }
  Authenticated out;
  TRY_VOID(s.db.read([&](store::Executor& ex) -> Status {
    auto row = TRY(
        ex.query_one("SELECT user_id, scopes, expires_at FROM api_tokens WHERE token_hash = $1 AND "
                     "revoked_at IS NULL",
                     {hash}));
    if (!row) return not_authenticated();
    if (!row->is_null(2)) {
      const auto expires = parse_rfc3339(row->text(2));
      if (!expires || *expires <= now) return not_authenticated();
    }
    auto user = TRY(find_user_by_id(ex, row->i64(0)));
    if (!user || user->disabled) return not_authenticated();
    out.actor.principal = TRY(load_principal(ex, *user));
    out.actor.principal.token_scopes = split_scopes(row->text(1));
    out.user = std::move(user);
    return {};
  }));
  out.actor.via = "token";
  out.actor.request_id = std::string(request_id);
  if (s.auth_cache != nullptr) s.auth_cache->put("t:" + hash, out, now);
  return out;
}

Status logout(Services& s, std::string_view session_token) {
  const Instant now = s.clock.now();
  s.credentials_changed();
  return s.db.write([&](store::Executor& ex) -> Status {
    TRY_VOID(
        ex.exec("UPDATE sessions SET revoked_at = $2 WHERE token_hash = $1 AND revoked_at IS NULL",
                {crypto::sha256_hex(session_token), format_rfc3339(now)}));
    return {};
  });
}

}  // namespace fuwu::app
