// Service-desk records ("tickets"): one core shared by every kind. Use cases, one per file in
// this folder, each running inside the caller's unit of work.
//
// Access: "ticket.read" with its scope decides which records a principal sees (organisation
// scope: its organisation's records and its own; own: the records it requested); a record out of
// reach is not_found everywhere (read, list, journal, transitions). Customers see public journal
// entries only; internal notes need "ticket.note".
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/platform/context.h"
#include "app/tickets/lifecycles.h"

namespace fuwu::app {

struct Ticket {
  std::int64_t id = 0;
  std::string kind;
  std::string number;
  std::string title;
  std::string description;
  std::int64_t requester_id = 0;
  std::int64_t organisation_id = 0;
  std::int64_t site_id = 0;
  std::string service;
  int impact = 3;
  int urgency = 3;
  int priority = 4;
  bool priority_overridden = false;
  std::string state;
  std::string state_category;
  std::int64_t group_id = 0;
  std::int64_t assignee_id = 0;
  std::string channel;
  std::string resolution;
  std::string resolution_code;
  bool major = false;
  std::optional<Instant> sla_due_at;
  std::int64_t version = 1;
  Instant created_at;
  Instant updated_at;
  std::optional<Instant> resolved_at;
  std::optional<Instant> closed_at;
  std::int64_t merged_into_id = 0;          // set when merged into another ticket (then closed)
  std::string description_format = "text";  // text | html (sanitised; the original is kept)
};

struct NewTicket {
  std::string kind;
  std::string title;
  std::string description;
  std::int64_t organisation_id = 0;  // required for agents; customers: their own
  std::int64_t requester_id = 0;     // default: the actor when it is a customer
  std::int64_t site_id = 0;
  std::string service;
  std::optional<int> impact;
  std::optional<int> urgency;
  std::optional<int> priority;  // a manual override (agents only), audited
  std::int64_t group_id = 0;
  std::int64_t assignee_id = 0;
  std::string channel;  // phone | email | portal | walk_in | letter | api; default from the actor
  bool major = false;
  std::string description_format = "text";  // text | html: sanitised, the original kept
  // The permission that creates the record. Kinds with their own API (work orders) are created
  // through it, with its permission; "ticket.create" may not create them.
  std::string permission = "ticket.create";
  // The record's own SLA policy ({"policies": [one policy]}), used instead of the policies table.
  std::string sla_policy_json;
};

// A partial update; only fields that are set change. 0 ids clear the reference.
struct TicketPatch {
  std::optional<std::string> title;
  std::optional<std::string> description;
  std::optional<std::string> service;
  std::optional<int> impact;
  std::optional<int> urgency;
  std::optional<int> priority;
  std::optional<std::int64_t> group_id;
  std::optional<std::int64_t> assignee_id;
  std::optional<bool> major;
  std::optional<std::string> description_format;  // with description: text | html
};

struct TransitionRequest {
  std::string transition;
  std::optional<std::string> resolution;
  std::optional<std::string> resolution_code;
  std::optional<std::int64_t> group_id;
  std::optional<std::int64_t> assignee_id;
  std::string comment;  // added to the journal as a public reply when not empty
};

struct JournalEntry {
  std::int64_t id = 0;
  std::int64_t ticket_id = 0;
  std::string visibility;  // public | internal
  std::string entry_kind;  // reply | note | system
  std::int64_t author_id = 0;
  std::string author_login;
  std::string body;  // as shown: sanitised HTML when format is "html"
  Instant created_at;
  std::string format = "text";  // text | html (the original HTML is kept in the database)
};

struct TicketFilter {
  std::optional<std::string> kind;
  std::optional<int> priority;
  std::optional<std::string> state;
  std::optional<std::string> state_category;
  std::optional<std::int64_t> group_id;
  std::optional<std::int64_t> assignee_id;
  std::optional<std::int64_t> organisation_id;
  std::optional<std::int64_t> requester_id;
  // Half-open periods [from, to) over created_at / resolved_at, as RFC 3339 UTC text (the stored
  // form, so they compare as text). Lists only: saved views do not store them.
  std::optional<std::string> created_from, created_to, resolved_from, resolved_to;
  std::optional<std::string> number;  // exactly this human number (lists only)
};

struct TicketPage {
  std::vector<Ticket> items;
  std::optional<std::int64_t> next_before_id;  // newest first: the next page is older
};

Result<Ticket> create_ticket(store::Executor& ex, const Actor& actor, Instant now,
                             const NewTicket& input);
Result<Ticket> get_ticket(store::Executor& ex, const Actor& actor, std::int64_t id);
Result<TicketPage> list_tickets(store::Executor& ex, const Actor& actor, const TicketFilter& f,
                                std::int64_t before_id, int limit);
Result<Ticket> update_ticket(store::Executor& ex, const Actor& actor, Instant now, std::int64_t id,
                             std::int64_t expected_version, const TicketPatch& patch);
Result<Ticket> transition_ticket(store::Executor& ex, const Actor& actor, Instant now,
                                 std::int64_t id, std::int64_t expected_version,
                                 const TransitionRequest& request);
// The part of a transition after the caller has checked that the actor may see the ticket: checks
// the version and the lifecycle (permissions against `owner`), writes the change, its event, audit,
// journal entry and outbox event, and recomputes the SLA clocks.
Result<Ticket> apply_ticket_transition(store::Executor& ex, const Actor& actor, Instant now,
                                       const Ticket& ticket, std::int64_t expected_version,
                                       const TransitionRequest& request,
                                       const access::RecordOwnership& owner);
// The transitions the actor may fire now (for buttons in the UI).
Result<std::vector<const ticket::TransitionDef*>> available_transitions(store::Executor& ex,
                                                                        const Actor& actor,
                                                                        std::int64_t id);
Result<JournalEntry> add_journal_entry(store::Executor& ex, const Actor& actor, Instant now,
                                       std::int64_t ticket_id, std::string_view visibility,
                                       std::string_view body, std::string_view format = "text");
Result<std::vector<JournalEntry>> list_journal(store::Executor& ex, const Actor& actor,
                                               std::int64_t ticket_id, std::int64_t after_id,
                                               int limit);

// Shared by the use cases of this folder.
// An optional reference as audit text: "" for none.
inline std::string id_text(std::int64_t v) {
  return v ? std::to_string(v) : std::string();
}
std::string ticket_select();  // "SELECT <columns> FROM tickets"
// " AND <column> = $n" for each filter that is set (columns of `alias`, "" for none), with the
// values appended to `params`.
std::string ticket_filter_sql(const TicketFilter& f, std::string_view alias,
                              std::vector<store::Value>& params);
Ticket ticket_from_row(const store::Row& row);
Result<std::optional<Ticket>> find_ticket(store::Executor& ex, std::int64_t id);
// The ticket if the actor may read it, else not_found.
Result<Ticket> visible_ticket(store::Executor& ex, const Actor& actor, std::int64_t id);
// Kinds that are the service team's own work about a customer (the customer archive task):
// never shown to the customer's side, whose scopes are organisation and own; left out of the
// ticket lists, views and dashboard unless a filter names the kind.
inline constexpr std::string_view kStaffOnlyKinds = "'archive_task'";  // SQL list
bool staff_only_kind(std::string_view kind);
// Events about what only the service team sees (internal notes and attachments): told only to
// those holding ticket.note.
bool internal_event(std::string_view type);
// What the scope check sees of a ticket; a staff-only kind offers nothing to the organisation and
// own scopes.
access::RecordOwnership ownership(const Ticket& t);
Status record_ticket_event(store::Executor& ex, std::int64_t ticket_id, Instant at,
                           std::string_view type, std::string_view data = "{}");
// Writes a journal entry without access checks (the caller has made them).
Result<JournalEntry> insert_journal_entry(store::Executor& ex, const Actor& actor, Instant now,
                                          const Ticket& ticket, std::string_view visibility,
                                          std::string_view body, std::string_view format = "text");
Status add_system_entry(store::Executor& ex, const Actor& actor, Instant now,
                        std::int64_t ticket_id, std::string_view body);

}  // namespace fuwu::app
