// Watchers of a record: people who are told about it (the notification recipient "watchers")
// without being its requester or assignee. Use cases, one per file, each running inside the
// caller's unit of work.
//
// Access: the record must be visible to the actor (not_found otherwise). Whoever may write the
// record ("ticket.write": agents) adds or removes anyone; the person added must be able to read
// the record (validation_failed on user_id otherwise, so nobody is told about what they may not
// see). Anyone else (a customer) may only watch or unwatch themselves (permission_denied for
// someone else). Each change is audited on the record ("watcher_added" / "watcher_removed") and
// emits ticket.watcher_added / ticket.watcher_removed with {"user_id": …}.
#pragma once

#include <string>
#include <vector>

#include "app/tickets/ticket.h"

namespace fuwu::app {

struct TicketWatcher {
  std::int64_t user_id = 0;
  std::string login;
  std::string display_name;
  std::int64_t added_by = 0;  // 0: added by the system
  Instant added_at;
};

struct WatcherChange {
  TicketWatcher watcher;
  bool changed = false;  // false: already watching (add) — nothing was written
};

// The watchers of a record, by name.
Result<std::vector<TicketWatcher>> list_ticket_watchers(store::Executor& ex, const Actor& actor,
                                                        std::int64_t ticket_id);
// Adds `user_id` (an active user who may read the record). Adding a watcher twice changes
// nothing (changed = false).
Result<WatcherChange> add_ticket_watcher(store::Executor& ex, const Actor& actor, Instant now,
                                         std::int64_t ticket_id, std::int64_t user_id);
// Removes `user_id` from the watchers; not_found when they are not watching.
Status remove_ticket_watcher(store::Executor& ex, const Actor& actor, Instant now,
                             std::int64_t ticket_id, std::int64_t user_id);

// Shared by the use cases above: may the actor change who watches, other than themselves?
bool may_manage_watchers(const Actor& actor, const Ticket& t);
// The user ids watching a record (for the notification recipient "watchers").
Result<std::vector<std::int64_t>> ticket_watcher_ids(store::Executor& ex, std::int64_t ticket_id);

}  // namespace fuwu::app
