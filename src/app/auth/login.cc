#include "app/auth/auth.h"
#include "app/platform/audit.h"
#include "base/crypto.h"
#include "domain/access/throttle.h"

namespace fuwu::app {
namespace {

Result<access::ThrottleState> load_throttle(store::Executor& ex, const std::string& key) {
  access::ThrottleState st;
  auto row =
      TRY(ex.query_one("SELECT failures, window_started_at, locked_until FROM login_throttle WHERE "
                       "throttle_key = $1",
                       {key}));
  if (row) {
    st.failures = static_cast<int>(row->i64(0));
    st.window_started_at = parse_rfc3339(row->text(1)).value_or(Instant{});
    if (!row->is_null(2)) st.locked_until = parse_rfc3339(row->text(2));
  }
  return st;
}

Status save_throttle(store::Executor& ex, const std::string& key, const access::ThrottleState& st) {
  TRY_VOID(ex.exec(
      "INSERT INTO login_throttle (throttle_key, failures, window_started_at, locked_until) "
      "VALUES ($1, $2, $3, $4) ON CONFLICT (throttle_key) DO UPDATE SET "
      "failures = excluded.failures, window_started_at = excluded.window_started_at, "
      "locked_until = excluded.locked_until",
      {key, std::int64_t{st.failures}, format_rfc3339(st.window_started_at),
       st.locked_until ? store::Value(format_rfc3339(*st.locked_until))
                       : store::Value(store::Null{})}));
  return {};
}

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

Error too_many(std::int64_t seconds) {
  Error e(ErrorCode::rate_limited, "too many failed logins; try again later");
  e.retry_after_seconds = seconds;
  return e;
}

}  // namespace

Result<SessionGrant> login(Services& s, const LoginInput& in) {
  const Instant now = s.clock.now();
  const std::string account_key = "login:" + lower_ascii(in.login);
  const std::string address_key = "addr:" + in.remote_address;
  const access::ThrottlePolicy account_policy{
      s.settings.login_max_failures, Duration::of_minutes(s.settings.login_window_minutes),
      Duration::of_minutes(s.settings.login_lockout_minutes)};
  const access::ThrottlePolicy address_policy{
      s.settings.ip_max_failures, Duration::of_minutes(s.settings.login_window_minutes),
      Duration::of_minutes(s.settings.login_lockout_minutes)};

  // Read what we need, then verify the password outside any transaction (Argon2id is slow).
  std::optional<User> user;
  std::string hash;
  access::ThrottleState account_state, address_state;
  TRY_VOID(s.db.read([&](store::Executor& ex) -> Status {
    account_state = TRY(load_throttle(ex, account_key));
    address_state = TRY(load_throttle(ex, address_key));
    user = TRY(find_user_by_login(ex, in.login));
    if (user) {
      auto row = TRY(
          ex.query_one("SELECT COALESCE(password_hash, '') FROM users WHERE id = $1", {user->id}));
      hash = row ? row->text(0) : "";
    }
    return {};
  }));
  if (auto wait = access::locked_for(account_state, now)) return too_many(*wait);
  if (auto wait = access::locked_for(address_state, now)) return too_many(*wait);

  const bool usable = user && !user->disabled && !hash.empty();
  const bool password_ok =
      crypto::verify_password(in.password, usable ? hash : crypto::decoy_password_hash()) && usable;

  if (!password_ok) {
    TRY_VOID(s.db.write([&](store::Executor& ex) -> Status {
      // Reload inside the write so concurrent failures all count.
      auto acc = TRY(load_throttle(ex, account_key));
      auto adr = TRY(load_throttle(ex, address_key));
      TRY_VOID(save_throttle(ex, account_key, access::after_failure(acc, account_policy, now)));
      TRY_VOID(save_throttle(ex, address_key, access::after_failure(adr, address_policy, now)));
      return {};
    }));
    return Error(ErrorCode::unauthenticated, "login or password is incorrect");
  }

  SessionGrant grant;
  grant.session_token = crypto::random_token(32);
  grant.csrf_token = crypto::random_token(24);
  grant.user = *user;
  const Instant idle_end = now + Duration::of_minutes(s.settings.session_idle_minutes);
  const Instant absolute_end = now + Duration::of_hours(s.settings.session_absolute_hours);
  grant.expires_at = std::min(idle_end, absolute_end);
  const Actor actor{
      access::Principal{.user_id = user->id, .login = user->login, .role = user->role}, "session",
      in.request_id};
  TRY_VOID(s.db.write([&](store::Executor& ex) -> Status {
    const std::string ts = format_rfc3339(now);
    TRY_VOID(
        ex.exec("INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, last_seen_at, "
                "expires_at, remote_address) VALUES ($1, $2, $3, $4, $4, $5, $6)",
                {crypto::sha256_hex(grant.session_token), user->id, grant.csrf_token, ts,
                 format_rfc3339(grant.expires_at), in.remote_address}));
    TRY_VOID(ex.exec("DELETE FROM login_throttle WHERE throttle_key = $1", {account_key}));
    return write_audit(ex, actor, now, "user", user->id, "login", {});
  }));
  return grant;
}

}  // namespace fuwu::app
