// What every use case receives: the services it may use (Services) and who is acting (Actor).
#pragma once

#include <string>

#include "base/time.h"
#include "domain/access/access.h"
#include "domain/attachment/attachment.h"
#include "store/sql.h"

namespace fuwu::app {

struct Settings {
  int session_idle_minutes = 120;   // a session unused this long expires
  int session_absolute_hours = 12;  // a session expires this long after login regardless
  int login_max_failures = 5;       // per account and per address within the window
  int login_window_minutes = 15;
  int login_lockout_minutes = 15;
  int ip_max_failures = 50;
  attachment::Limits attachments;  // attachments.* keys
};

class AuthCache;

struct Services {
  store::Database& db;
  const Clock& clock;
  Settings settings;
  // Optional: the server's credential cache. Use cases that change credentials clear it.
  AuthCache* auth_cache = nullptr;

  void credentials_changed() const;
};

// The caller of a use case: a principal, how it came in, and the request it belongs to.
struct Actor {
  access::Principal principal;
  std::string via = "system";  // "session", "token", "cli", "system", "job"
  std::string request_id;

  static Actor system(std::string via = "system") {
    return Actor{access::Principal::system(), std::move(via), {}};
  }
};

}  // namespace fuwu::app
