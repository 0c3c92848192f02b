// What ties records together and moves them between people: links (parent/child, relates to,
// duplicate of, caused by), merge, major incidents and their review, escalation between lines,
// and assignment (by hand or round-robin within a group, skipping absent agents). Use cases,
// one per file in this folder, each running inside the caller's unit of work.
//
// Access: every use case first needs the ticket to be visible (not_found otherwise) and
// "ticket.write" on it (permission_denied). A linked or merged record the actor may not see is
// treated exactly like one that does not exist (a validation error on the field naming it), and
// lists leave such links out.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/tickets/ticket.h"
#include "domain/ticket/links.h"

namespace fuwu::app {

class ChangeSet;  // app/platform/audit.h

struct TicketLink {
  std::int64_t id = 0;
  const ticket::LinkName* name = nullptr;  // as seen from the ticket the list is for
  std::int64_t other_id = 0;
  std::string other_number;
  std::string other_title;
  std::string other_kind;
  std::string other_state;
  Instant created_at;
};

// `name` is any of ticket::link_names() as seen from `ticket_id` ("child_of" makes `ticket_id`
// the child of `other_id`). No self-links (validation_failed), no duplicates (conflict), one
// parent per record and no cycles of parents (validation_failed). Audited on both records.
Result<TicketLink> link_tickets(store::Executor& ex, const Actor& actor, Instant now,
                                std::int64_t ticket_id, std::string_view name,
                                std::int64_t other_id);
Status unlink_tickets(store::Executor& ex, const Actor& actor, Instant now, std::int64_t ticket_id,
                      std::int64_t link_id);
// The links of a ticket the actor can see the other end of, oldest first.
Result<std::vector<TicketLink>> list_ticket_links(store::Executor& ex, const Actor& actor,
                                                  std::int64_t ticket_id);

// Merges `ticket_id` into `survivor_id`: the journal, the attachments and the links to other
// records move to the survivor, the merged ticket closes with merged_into_id and a duplicate_of
// link to the survivor; both are audited (merged_into / merged_from). A link moves unless the
// survivor already has it (it is then dropped), it joins the two records (dropped), or it would
// give the survivor a second parent or make a record its own ancestor (it then stays on the
// merged record). The actor must see and write both (so records of two
// organisations merge only for someone who may see both); neither may be closed, a major
// incident is not merged away.
Result<Ticket> merge_ticket(store::Executor& ex, const Actor& actor, Instant now,
                            std::int64_t ticket_id, std::int64_t expected_version,
                            std::int64_t survivor_id);

// Announces that a ticket became a major incident: the outbox event ticket.major_declared, which
// the shipped notification rule sends to service managers (roles granting ticket.manage) and the
// ticket's group. Called by create and update when the major flag turns on (they audit it).
Status announce_major_incident(store::Executor& ex, const Actor& actor, Instant now,
                               std::int64_t ticket_id);

struct MajorReview {
  std::int64_t ticket_id = 0;
  std::string summary;
  std::string root_cause;
  std::string actions;
  std::int64_t reviewed_by = 0;
  Instant reviewed_at;
};
// Records (or replaces) the review a major incident needs before it may close. Audited.
Result<MajorReview> record_major_review(store::Executor& ex, const Actor& actor, Instant now,
                                        std::int64_t ticket_id, const MajorReview& review);
Result<std::optional<MajorReview>> get_major_review(store::Executor& ex, const Actor& actor,
                                                    std::int64_t ticket_id);

// Moves the ticket to a group of a higher line (一线 → 二线 → 三线) with a reason: the assignee
// is cleared (or picked round-robin when `round_robin`), an internal note records why, audited,
// event ticket.escalated.
Result<Ticket> escalate_ticket(store::Executor& ex, const Actor& actor, Instant now,
                               std::int64_t ticket_id, std::int64_t expected_version,
                               std::int64_t group_id, std::string_view reason, bool round_robin);

// Assigns by hand (`assignee_id`, who must be an active agent and, when the ticket has a group,
// a member of it) or round-robin within `group_id` (or the ticket's group): the next available
// member after the last one picked in that group, skipping absent and disabled users.
struct AssignRequest {
  std::optional<std::int64_t> group_id;
  std::optional<std::int64_t> assignee_id;
  bool round_robin = false;
};
Result<Ticket> assign_ticket(store::Executor& ex, const Actor& actor, Instant now,
                             std::int64_t ticket_id, std::int64_t expected_version,
                             const AssignRequest& request);

// Shared: the ticket if the actor may see it (else not_found) and holds ticket.write on it (else
// permission_denied) and, when given, it is at `expected_version` (else precondition_failed).
Result<Ticket> ticket_for_write(store::Executor& ex, const Actor& actor, std::int64_t ticket_id,
                                std::optional<std::int64_t> expected_version);

// Shared by link and merge: true when `ancestor` is `id` or one of its parents, grandparents …
// (a bounded walk up the parent_of links).
Result<bool> is_parent_ancestor(store::Executor& ex, std::int64_t ancestor, std::int64_t id);

// Shared: the next available member of a group after its round-robin cursor (and moves the
// cursor), or validation_failed when no member is available.
Result<std::int64_t> next_round_robin_member(store::Executor& ex, std::int64_t group_id);

// Shared by assign and escalate: gives ticket `t` to `group_id` and `assignee` (0: none) if it is
// still at `expected_version` (else precondition_failed), adding both fields to `changes`.
Status move_ticket(store::Executor& ex, const Ticket& t, Instant now, std::int64_t expected_version,
                   std::int64_t group_id, std::int64_t assignee, ChangeSet& changes);

// Shared tail of a ticket change: announces `event_type` with `payload_json`, refreshes the
// ticket's search document and returns the ticket as stored now.
Result<Ticket> announce_ticket_change(store::Executor& ex, const Actor& actor, Instant now,
                                      std::int64_t ticket_id, std::string_view event_type,
                                      std::string_view payload_json);

// A user's availability for assignment (absent agents are skipped by round-robin). The user
// themself, or someone holding user.write over them.
Status set_user_availability(store::Executor& ex, const Actor& actor, Instant now,
                             std::int64_t user_id, bool available);

}  // namespace fuwu::app
