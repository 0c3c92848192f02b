// Domain events go into the outbox in the same write unit as the change that caused them, so a
// rolled-back change never announces itself and a committed one is never lost. Consumers
// (notifications, webhooks, live updates) read forward from their own cursor.
#pragma once

#include <string>
#include <vector>

#include "app/platform/context.h"

namespace fuwu::app {

struct Event {
  std::int64_t id = 0;
  Instant at;
  std::string type;  // "organisation.created", "ticket.assigned", "sla.warning" ...
  std::string record_type;
  std::int64_t record_id = 0;
  std::string payload;  // a JSON object
  std::string request_id;
};

Status emit_event(store::Executor& ex, const Actor& actor, Instant at, std::string_view type,
                  std::string_view record_type, std::int64_t record_id,
                  std::string_view payload_json = "{}");

// Events after `after_id`, oldest first.
Result<std::vector<Event>> read_events(store::Executor& ex, std::int64_t after_id, int limit);

// A consumer's cursor: the last event id it has handled (0 when it has none).
Result<std::int64_t> consumer_cursor(store::Executor& ex, std::string_view consumer);
Status advance_cursor(store::Executor& ex, std::string_view consumer, std::int64_t last_id);

}  // namespace fuwu::app
