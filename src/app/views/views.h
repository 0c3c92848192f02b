// Saved views of tickets: a name, filters and a sort; personal (its owner only) or shared
// (everyone who may read views). Use cases, one per file in this folder, each inside the
// caller's unit of work.
//
// Access: "view.read" to see views (one's own and the shared ones), "view.write" to create and
// change one's own personal views, "view.share" to create, change or delete shared ones. A view
// the actor may not see is not_found. A view narrows the actor's reach, never widens it: its
// tickets and its count are those of the filters within the actor's "ticket.read" scope.
//
// Counts are maintained on write (migration 0011: triggers on tickets, in the writing
// transaction), one counter per view and scope key (see view_scope_key). A scope's counter is
// created with one COUNT the first time that scope uses the view (ensure_view_counts, a write);
// after that reading it is one indexed row.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/platform/context.h"
#include "app/tickets/ticket.h"

namespace fuwu::app {

// How a view's tickets are ordered: newest (id descending), sla_due (earliest SLA deadline
// first, tickets without a running clock last), updated (latest change first).
bool valid_view_sort(std::string_view sort);

struct SavedView {
  std::int64_t id = 0;
  std::string name;
  std::int64_t owner_id = 0;
  bool shared = false;
  TicketFilter filter;
  std::string sort = "newest";
  std::int64_t version = 1;
  Instant created_at;
  Instant updated_at;
  std::optional<std::int64_t> count;  // for the actor's scope; nullopt until ensured
};

struct NewView {
  std::string name;
  bool shared = false;
  TicketFilter filter;
  std::string sort = "newest";
};

struct ViewPatch {
  std::optional<std::string> name;
  std::optional<bool> shared;
  std::optional<TicketFilter> filter;  // replaces every filter
  std::optional<std::string> sort;
};

struct ViewTicketPage {
  std::vector<Ticket> items;
  std::optional<std::string> next_cursor;
};

Result<SavedView> create_view(store::Executor& ex, const Actor& actor, Instant now,
                              const NewView& input);
Result<SavedView> get_view(store::Executor& ex, const Actor& actor, std::int64_t id);
// The actor's personal views and the shared ones, by name.
Result<std::vector<SavedView>> list_views(store::Executor& ex, const Actor& actor);
Result<SavedView> update_view(store::Executor& ex, const Actor& actor, Instant now, std::int64_t id,
                              std::int64_t expected_version, const ViewPatch& patch);
Status delete_view(store::Executor& ex, const Actor& actor, Instant now, std::int64_t id,
                   std::int64_t expected_version);
// One page of the view's tickets in its sort, keyset-paginated; `cursor` is "" or a
// next_cursor of the same view (invalid_request, field "cursor", otherwise).
Result<ViewTicketPage> list_view_tickets(store::Executor& ex, const Actor& actor, std::int64_t id,
                                         const std::string& cursor, int limit);

// --- shared by the use cases of this folder ---------------------------------------------------
// The key of the actor's counter: "all", "organisation:<org>:<user>", "group:<ids>:<user>" or
// "own:<user>".
Result<std::string> view_scope_key(const access::Principal& p);
// Fills `count` of each view from its counter for the actor's scope (left nullopt if missing).
Status load_view_counts(store::Executor& ex, const Actor& actor, std::vector<SavedView>& views);
// Creates the actor's missing counters of these views (one COUNT each). A write.
Status ensure_view_counts(store::Executor& ex, const Actor& actor,
                          const std::vector<std::int64_t>& view_ids);
// validation_failed naming every field that is wrong.
Status check_view(const std::string& name, const std::string& sort, const TicketFilter& f);
// The view's settings as audit text, by field (filters that are not set are absent).
std::map<std::string, std::string> view_fields(const SavedView& v);
// permission_denied unless the actor may change `v` (and keep it shared or not: shared_after).
Status check_may_change(const Actor& actor, const SavedView& v, bool shared_after);
std::string view_select();  // "SELECT <columns> FROM saved_views"
SavedView view_from_row(const store::Row& row);
// The view if the actor may see it, else not_found.
Result<SavedView> visible_view(store::Executor& ex, const Actor& actor, std::int64_t id);

}  // namespace fuwu::app
