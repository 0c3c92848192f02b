#include "app/users/user.h"

namespace fuwu::app {
namespace {

// The same counter login uses for the account, so guesses through either path add up.
std::string account_key(std::string_view login) {
  std::string key = "login:";
  for (char c : login)
    key += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  return key;
}

}  // namespace

Result<std::optional<std::int64_t>> password_locked_for(store::Executor& ex, std::string_view login,
                                                        Instant now) {
  auto row =
      TRY(ex.query_one("SELECT failures, window_started_at, locked_until FROM login_throttle "
                       "WHERE throttle_key = $1",
                       {account_key(login)}));
  if (!row || row->is_null(2)) return std::optional<std::int64_t>();
  access::ThrottleState state;
  state.failures = static_cast<int>(row->i64(0));
  state.locked_until = parse_rfc3339(row->text(2));
  return access::locked_for(state, now);
}

Status record_password_failure(store::Executor& ex, std::string_view login,
                               const access::ThrottlePolicy& policy, Instant now) {
  const std::string key = account_key(login);
  access::ThrottleState state;
  auto row =
      TRY(ex.query_one("SELECT failures, window_started_at, locked_until FROM login_throttle "
                       "WHERE throttle_key = $1",
                       {key}));
  if (row) {
    state.failures = static_cast<int>(row->i64(0));
    state.window_started_at = parse_rfc3339(row->text(1)).value_or(Instant{});
    if (!row->is_null(2)) state.locked_until = parse_rfc3339(row->text(2));
  }
  state = access::after_failure(state, policy, now);
  TRY_VOID(ex.exec(
      "INSERT INTO login_throttle (throttle_key, failures, window_started_at, locked_until) "
      "VALUES ($1, $2, $3, $4) ON CONFLICT (throttle_key) DO UPDATE SET "
      "failures = excluded.failures, window_started_at = excluded.window_started_at, "
      "locked_until = excluded.locked_until",
      {key, std::int64_t{state.failures}, format_rfc3339(state.window_started_at),
       state.locked_until ? store::Value(format_rfc3339(*state.locked_until))
                          : store::Value(store::Null{})}));
  return {};
}

}  // namespace fuwu::app
