#include "app/platform/audit.h"
#include "app/platform/outbox.h"
#include "app/search/search.h"
#include "app/settings/priority_matrix.h"
#include "app/tickets/relations.h"
#include "app/tickets/sla_clocks.h"
#include "app/tickets/ticket.h"
#include "domain/richtext/sanitize.h"
#include "domain/ticket/priority.h"

namespace fuwu::app {
Result<Ticket> update_ticket(store::Executor& ex, const Actor& actor, Instant now, std::int64_t id,
                             std::int64_t expected_version, const TicketPatch& patch) {
  Ticket t = TRY(visible_ticket(ex, actor, id));
  if (!access::may(actor.principal, "ticket.write", ownership(t))) {
    return Error(ErrorCode::permission_denied, "you may not change this ticket");
  }
  if (t.version != expected_version) {
    return Error(ErrorCode::precondition_failed,
                 "the ticket was changed by someone else; reload it and try again");
  }
  const KindInfo* kind = TRY(kind_info(t.kind));
  std::vector<std::string> touched;
  if (patch.title) touched.push_back("title");
  if (patch.description) touched.push_back("description");
  if (patch.service) touched.push_back("service");
  if (patch.impact) touched.push_back("impact");
  if (patch.urgency) touched.push_back("urgency");
  if (patch.priority) touched.push_back("priority");
  if (patch.group_id) touched.push_back("group_id");
  if (patch.assignee_id) touched.push_back("assignee_id");
  if (patch.major) touched.push_back("major");
  if (auto ro = ticket::read_only_violations(kind->lifecycle, t.state, touched); !ro.empty()) {
    Error e(ErrorCode::validation_failed, "these fields cannot change in state " + t.state);
    for (const auto& f : ro)
      e.with_field(f, "read_only", "read-only in state " + t.state);
    return e;
  }

  Ticket next = t;
  if (patch.title) next.title = *patch.title;
  std::string description_format = t.description_format;
  if (patch.description) {
    description_format = patch.description_format.value_or("text");
    if (description_format != "text" && description_format != "html") {
      return Error(ErrorCode::validation_failed, "unknown format")
          .with_field("description_format", "not_allowed", "text or html");
    }
    // Rich text is stored sanitised; the original is kept beside it.
    next.description = description_format == "html" ? richtext::sanitize_html(*patch.description)
                                                    : *patch.description;
  }
  if (patch.service) next.service = *patch.service;
  if (patch.impact) next.impact = *patch.impact;
  if (patch.urgency) next.urgency = *patch.urgency;
  if (patch.group_id) next.group_id = *patch.group_id;
  if (patch.assignee_id) next.assignee_id = *patch.assignee_id;
  if (patch.major) next.major = *patch.major;
  Error invalid(ErrorCode::validation_failed, "the ticket is not valid");
  const ticket::PriorityMatrix matrix = TRY(load_priority_matrix(ex));
  auto computed = ticket::priority_of(matrix, next.impact, next.urgency);
  if (!computed.ok()) {
    for (const auto& f : computed.error().fields)
      invalid.fields.push_back(f);
  }
  if (patch.priority) {
    if (*patch.priority < 1 || *patch.priority > 4) {
      invalid.with_field("priority", "out_of_range", "1 to 4");
    } else {
      next.priority = *patch.priority;
      next.priority_overridden = computed.ok() && *patch.priority != *computed;
    }
  } else if (computed.ok() && !t.priority_overridden) {
    next.priority = *computed;
  }
  if (patch.group_id && *patch.group_id != 0) {
    auto g = TRY(ex.query_one("SELECT id FROM groups WHERE id = $1", {*patch.group_id}));
    if (!g) invalid.with_field("group_id", "not_found", "no such group");
  }
  if (next.assignee_id != 0 && (patch.assignee_id || patch.group_id)) {
    auto u =
        TRY(ex.query_one("SELECT role, disabled FROM users WHERE id = $1", {next.assignee_id}));
    if (!u || u->i64(1) != 0 || u->text(0) == "customer") {
      invalid.with_field("assignee_id", "not_allowed", "not an active agent");
    } else if (next.group_id != 0) {
      auto m = TRY(ex.query_one("SELECT 1 FROM group_members WHERE group_id = $1 AND user_id = $2",
                                {next.group_id, next.assignee_id}));
      if (!m) invalid.with_field("assignee_id", "not_allowed", "not a member of the group");
    }
  }
  if (!invalid.fields.empty()) return invalid;

  ChangeSet changes;
  changes.add("title", t.title, next.title);
  changes.add("description", t.description, next.description);
  changes.add("service", t.service, next.service);
  changes.add("impact", std::to_string(t.impact), std::to_string(next.impact));
  changes.add("urgency", std::to_string(t.urgency), std::to_string(next.urgency));
  changes.add("priority", std::to_string(t.priority), std::to_string(next.priority));
  changes.add("priority_overridden", t.priority_overridden ? "true" : "false",
              next.priority_overridden ? "true" : "false");
  changes.add("group_id", id_text(t.group_id), id_text(next.group_id));
  changes.add("assignee_id", id_text(t.assignee_id), id_text(next.assignee_id));
  changes.add("major", t.major ? "true" : "false", next.major ? "true" : "false");
  if (changes.empty()) return t;

  auto optional_id = [](std::int64_t v) {
    return v ? store::Value(v) : store::Value(store::Null{});
  };
  const auto updated = TRY(ex.exec(
      "UPDATE tickets SET title = $3, description = $4, service = $5, impact = $6, urgency = $7, "
      "priority = $8, priority_overridden = $9, group_id = $10, assignee_id = $11, major = $12, "
      "version = version + 1, updated_at = $13 WHERE id = $1 AND version = $2",
      {id, expected_version, next.title, next.description, next.service, std::int64_t{next.impact},
       std::int64_t{next.urgency}, std::int64_t{next.priority},
       std::int64_t{next.priority_overridden ? 1 : 0}, optional_id(next.group_id),
       optional_id(next.assignee_id), std::int64_t{next.major ? 1 : 0}, format_rfc3339(now)}));
  if (updated == 0) {
    return Error(ErrorCode::precondition_failed,
                 "the ticket was changed by someone else; reload it and try again");
  }
  if (next.priority != t.priority) {
    TRY_VOID(record_ticket_event(ex, id, now, "priority_changed",
                                 "{\"priority\":" + std::to_string(next.priority) + "}"));
  }
  if (next.priority != t.priority) TRY_VOID(refresh_ticket_sla(ex, id, now));
  if (patch.description) {
    TRY_VOID(ex.exec(
        "UPDATE tickets SET description_format = $2, description_original = $3 WHERE id = $1",
        {id, description_format,
         description_format == "html" ? store::Value(*patch.description)
                                      : store::Value(store::Null{})}));
  }
  if (next.major && !t.major) TRY_VOID(announce_major_incident(ex, actor, now, id));
  TRY_VOID(write_audit(ex, actor, now, "ticket", id, "update", changes.changes()));
  if (next.assignee_id != t.assignee_id || next.group_id != t.group_id) {
    TRY_VOID(emit_event(ex, actor, now, "ticket.assigned", "ticket", id));
  }
  TRY_VOID(emit_event(ex, actor, now, "ticket.updated", "ticket", id));
  TRY_VOID(index_ticket(ex, id));
  auto reloaded = TRY(find_ticket(ex, id));
  return *reloaded;
}

}  // namespace fuwu::app
