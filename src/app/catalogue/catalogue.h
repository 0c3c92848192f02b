// The service catalogue: services and the request items requesters choose from, each item with
// a versioned form schema, approval stages, who may request it, and the defaults a request
// raised from it gets (group, impact, urgency). Use cases, one per file in this folder, each
// inside the caller's unit of work.
//
// Access: "catalogue.read" browses; holders of "catalogue.manage" create and change services
// and items and see inactive ones. Others see only active items whose audience includes them
// (an item out of reach is not_found). Requests are raised through create_request (POST
// /api/v1/tickets with catalogue_item_id): the form data is checked against the item's current
// form schema and stored with that schema's version, so later schema changes never break it.
//
// Documents (form schema, approval stages, audience) travel as JSON text: parse_* check them and
// report every problem with a JSON pointer under the given prefix ("/form_schema/fields/0/type").
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/platform/audit.h"
#include "app/platform/context.h"
#include "app/tickets/ticket.h"
#include "domain/catalogue/approval.h"
#include "domain/catalogue/form.h"

namespace fuwu::app {

// What services and request items both have.
struct CatalogueEntry {
  std::int64_t id = 0;
  std::string code;
  std::string name_zh;
  std::string name_en;
  std::string description_zh;
  std::string description_en;
  std::string category;
  bool active = true;
  std::int64_t version = 1;
  Instant created_at;
  Instant updated_at;
};

// Create: every field; update: only the fields that are set.
struct EntryInput {
  std::optional<std::string> code;
  std::optional<std::string> name_zh;
  std::optional<std::string> name_en;
  std::optional<std::string> description_zh;
  std::optional<std::string> description_en;
  std::optional<std::string> category;
  std::optional<bool> active;
};

// A service is an entry and nothing more.
using CatalogueService = CatalogueEntry;
using ServiceInput = EntryInput;

// Who may request an item: empty lists mean everyone.
struct Audience {
  std::vector<std::string> roles;
  std::vector<std::int64_t> organisation_ids;
};

struct CatalogueItem : CatalogueEntry {
  std::int64_t service_id = 0;
  std::string service_code;
  Audience audience;
  std::int64_t default_group_id = 0;
  int impact = 3;
  int urgency = 3;
  std::vector<catalogue::StageDef> approvals;
  int form_version = 1;
  catalogue::FormSchema form;
};

// Create: service_id, code, names required; update: only what is set. A form schema that differs
// from the current one becomes a new form version.
struct ItemInput : EntryInput {
  std::optional<std::int64_t> service_id;
  std::optional<Audience> audience;
  std::optional<std::int64_t> default_group_id;  // 0 clears
  std::optional<int> impact;
  std::optional<int> urgency;
  std::optional<std::string> approvals_json;    // a JSON array of stages
  std::optional<std::string> form_schema_json;  // a JSON object {"fields": [...]}
};

struct ItemFilter {
  std::optional<std::int64_t> service_id;
  std::optional<std::string> category;
  bool include_inactive = false;  // managers only
};

Result<std::vector<CatalogueService>> list_services(store::Executor& ex, const Actor& actor);
Result<CatalogueService> get_service(store::Executor& ex, const Actor& actor, std::int64_t id);
Result<CatalogueService> create_service(store::Executor& ex, const Actor& actor, Instant now,
                                        const ServiceInput& input);
Result<CatalogueService> update_service(store::Executor& ex, const Actor& actor, Instant now,
                                        std::int64_t id, std::int64_t expected_version,
                                        const ServiceInput& patch);

Result<std::vector<CatalogueItem>> list_items(store::Executor& ex, const Actor& actor,
                                              const ItemFilter& filter);
Result<CatalogueItem> get_item(store::Executor& ex, const Actor& actor, std::int64_t id);
Result<CatalogueItem> create_item(store::Executor& ex, const Actor& actor, Instant now,
                                  const ItemInput& input);
Result<CatalogueItem> update_item(store::Executor& ex, const Actor& actor, Instant now,
                                  std::int64_t id, std::int64_t expected_version,
                                  const ItemInput& patch);
// An older (or the current) version of an item's form schema, as JSON text.
Result<std::string> get_item_form(store::Executor& ex, const Actor& actor, std::int64_t id,
                                  int form_version);

// A request raised from a catalogue item (POST /api/v1/tickets with catalogue_item_id).
struct NewRequest {
  NewTicket ticket;  // kind "request"; title defaults to the item's name; impact, urgency,
                     // service and group default to the item's
  std::int64_t item_id = 0;
  std::string form_json = "{}";  // the form data, a JSON object
};

// Checks that the actor may request the item (its audience; agents with catalogue.read scope
// "all" may request any active item on behalf of others), checks the form data against the
// item's current schema (validation_failed with "/form/<field>" errors, nothing written),
// creates the ticket, stores the form with its schema version and starts the approval stages:
// a request with stages moves to awaiting_approval and announces approval.requested to each
// approver of the first stage. A stage without any approver (no manager, nobody in the role)
// is validation_failed ("/catalogue_item_id", "no_approver").
Result<Ticket> create_request(store::Executor& ex, const Actor& actor, Instant now,
                              const NewRequest& input);

// The form a request was raised with: the item, the schema version and the data (JSON).
struct RequestForm {
  std::int64_t ticket_id = 0;
  std::int64_t item_id = 0;
  std::string item_code;
  std::string item_name_zh;
  std::string item_name_en;
  int form_version = 1;
  std::string form_schema_json;  // the schema of that version
  std::string form_data_json;
};
// not_found when the ticket is out of reach or was not raised from the catalogue.
Result<RequestForm> get_request_form(store::Executor& ex, const Actor& actor,
                                     std::int64_t ticket_id);

// One approver's decision in one stage of a request.
struct Approval {
  std::int64_t id = 0;
  std::int64_t ticket_id = 0;
  std::string ticket_number;
  std::string ticket_title;
  int stage = 0;
  std::string stage_label_zh;
  std::string stage_label_en;
  std::string rule;  // any | all
  std::int64_t approver_id = 0;
  std::string approver_login;
  std::string approver_name;
  std::string source;  // "role:<name>", "manager", "user"
  std::string state;   // waiting | pending | approved | rejected | not_needed | cancelled
  std::string comment;
  std::optional<Instant> decided_at;
};

// The approvals of a request, by stage: for whoever may read the ticket and for its approvers.
Result<std::vector<Approval>> list_approvals(store::Executor& ex, const Actor& actor,
                                             std::int64_t ticket_id);
// The actor's own approvals in `state` ("" for every state), newest first.
Result<std::vector<Approval>> list_my_approvals(store::Executor& ex, const Actor& actor,
                                                std::string_view state, int limit);

struct ApprovalDecision {
  bool approve = true;
  std::string comment;  // required to reject
};
// Records the actor's decision on its pending approval of the request; the stage and request
// outcome follow (domain/catalogue/approval.h). The last approval moves the request to
// "approved", a rejection to "rejected" (the comment is the resolution). Audited; emits
// approval.approved / approval.rejected and approval.requested for the next stage's approvers.
// not_found: neither an approver nor allowed to see the ticket; permission_denied: may see it
// but is not an approver (or its stage has not started); conflict: decided already or no longer
// open; invalid_transition: the request is not awaiting approval.
Result<std::vector<Approval>> decide_approval(store::Executor& ex, const Actor& actor, Instant now,
                                              std::int64_t ticket_id,
                                              const ApprovalDecision& decision);

// Shared by the use cases of this folder.
bool may_manage_catalogue(const Actor& actor);
// Whether the actor is in the item's audience (and the item active).
bool may_request(const Actor& actor, const CatalogueItem& item);
Result<std::optional<CatalogueService>> find_service(store::Executor& ex, std::int64_t id);
Result<std::optional<CatalogueItem>> find_item(store::Executor& ex, std::int64_t id);
// The form schema of one version of an item (JSON text), or not_found.
Result<std::string> load_form_json(store::Executor& ex, std::int64_t item_id, int form_version);

// Field errors for a malformed code ("/code") or empty names ("/name_zh", "/name_en").
void check_catalogue_code(Error& e, const std::optional<std::string>& code);
void check_catalogue_names(Error& e, const std::optional<std::string>& name_zh,
                           const std::optional<std::string>& name_en);
// Field errors for references of an item that do not resolve: its service, default group,
// audience roles and organisations, approver roles and named approvers; impact and urgency 1..5.
Status check_item(store::Executor& ex, const CatalogueItem& item, Error& e);
// A unique code taken (conflict) as a "/code" "taken" problem naming `what`; others unchanged.
Error code_taken_or(Error e, std::string_view what);
// Applies what `patch` sets to `entry`, and records the changed fields of `after` against `before`.
void patch_entry(CatalogueEntry& entry, const EntryInput& patch);
void add_entry_changes(ChangeSet& changes, const CatalogueEntry& before,
                       const CatalogueEntry& after);
// permission_denied unless the actor may manage the catalogue.
Status require_catalogue_manager(const Actor& actor);

// Approvals (approvals.cc). The people of each stage of `item` for a request by `requester_id`,
// each with where they came from ("role:<name>", "manager", "user"); field errors
// ("/catalogue_item_id", "no_approver") for stages nobody can decide.
using StageApprovers = std::vector<std::pair<std::int64_t, std::string>>;
Result<std::vector<StageApprovers>> resolve_approvers(store::Executor& ex,
                                                      const CatalogueItem& item,
                                                      std::int64_t requester_id, Error& e);
// Writes the slots, moves the request to awaiting_approval and announces the first stage.
Status start_approvals(store::Executor& ex, const Actor& actor, Instant now, const Ticket& ticket,
                       const CatalogueItem& item, const std::vector<StageApprovers>& approvers);
// Every approval of a ticket, by stage then id.
Result<std::vector<Approval>> load_approvals(store::Executor& ex, std::int64_t ticket_id);
// Fires a lifecycle transition as the approval workflow (the system, on the actor's request).
Status system_transition(store::Executor& ex, const Actor& actor, Instant now,
                         std::int64_t ticket_id, std::string_view transition,
                         std::optional<std::string> resolution);
// `s` as a JSON string literal, quotes included (for event payloads).
std::string json_text(std::string_view s);
// Emits approval.requested to every pending approver of `stage`.
Status announce_stage(store::Executor& ex, const Actor& actor, Instant now, const Ticket& ticket,
                      const std::vector<Approval>& approvals, int stage);

// JSON documents (catalogue_json.cc).
Result<catalogue::FormSchema> parse_form_schema(std::string_view json, std::string_view prefix);
std::string form_schema_json(const catalogue::FormSchema& schema);
Result<std::vector<catalogue::StageDef>> parse_stages(std::string_view json,
                                                      std::string_view prefix);
std::string stages_json(const std::vector<catalogue::StageDef>& stages);
Audience parse_audience(std::string_view json);
std::string audience_json(const Audience& a);
// A JSON object of form data into values, in member order; invalid_request unless an object.
Result<catalogue::FormData> parse_form_data(std::string_view json, std::string_view prefix);
std::string form_data_json(const catalogue::FormData& data);

}  // namespace fuwu::app
