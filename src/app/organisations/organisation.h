// Organisations: our own, customers and suppliers. Use cases, one per file in this folder.
//
// Each use case runs inside the caller's unit of work (store::Database::read/write), so the
// caller can add its own rows (an idempotency record, a response) atomically. Visibility:
// "organisation.read" with scope all sees every organisation; narrower scopes see only the
// principal's own organisation. A record outside the caller's reach is not_found.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/platform/context.h"

namespace fuwu::app {

struct Organisation {
  std::int64_t id = 0;
  std::string name;
  std::string kind;  // own | customer | supplier
  std::string code;
  std::string region_code;
  std::string notes;
  std::int64_t version = 1;
  Instant created_at;
  Instant updated_at;
};

struct NewOrganisation {
  std::string name;
  std::string kind;
  std::string code;
  std::string region_code;
  std::string notes;
};

// A partial update: only fields that are set change.
struct OrganisationPatch {
  std::optional<std::string> name;
  std::optional<std::string> kind;
  std::optional<std::string> code;
  std::optional<std::string> region_code;
  std::optional<std::string> notes;
};

Result<Organisation> create_organisation(store::Executor& ex, const Actor& actor, Instant now,
                                         const NewOrganisation& input);
Result<Organisation> get_organisation(store::Executor& ex, const Actor& actor, std::int64_t id);

struct OrganisationPage {
  std::vector<Organisation> items;
  std::optional<std::int64_t> next_after_id;  // the keyset cursor for the next page
};
// `query`: organisations whose name or code contains it (case-insensitive for Latin letters),
// for pickers that search many organisations; still keyset by id.
Result<OrganisationPage> list_organisations(store::Executor& ex, const Actor& actor,
                                            std::int64_t after_id, int limit,
                                            std::optional<std::string> kind,
                                            std::optional<std::string> query = std::nullopt);

// Fails with precondition_failed when `expected_version` is not the current one.
Result<Organisation> update_organisation(store::Executor& ex, const Actor& actor, Instant now,
                                         std::int64_t id, std::int64_t expected_version,
                                         const OrganisationPatch& patch);
// Fails with conflict when people, sites or records still refer to it.
Status delete_organisation(store::Executor& ex, const Actor& actor, Instant now, std::int64_t id,
                           std::int64_t expected_version);

// Shared by the use cases of this folder.
Organisation organisation_from_row(const store::Row& row);
std::string organisation_select();  // "SELECT <columns> FROM organisations"
Result<std::optional<Organisation>> find_organisation(store::Executor& ex, std::int64_t id);
bool organisation_visible(const Actor& actor, std::string_view permission, std::int64_t org_id);
Status validate_organisation_fields(const std::optional<std::string>& name,
                                    const std::optional<std::string>& kind);

}  // namespace fuwu::app
