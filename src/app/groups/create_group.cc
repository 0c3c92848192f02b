#include "app/groups/group.h"
#include "app/platform/audit.h"
#include "app/platform/outbox.h"

namespace fuwu::app {

Result<Group> create_group(store::Executor& ex, const Actor& actor, Instant now,
                           const NewGroup& in) {
  if (!access::may(actor.principal, "group.write", {.organisation_id = in.organisation_id})) {
    return Error(ErrorCode::permission_denied, "you may not create groups here");
  }
  TRY_VOID(validate_group_fields(in.name, in.line));
  if (in.organisation_id != 0) {
    auto org =
        TRY(ex.query_one("SELECT id FROM organisations WHERE id = $1", {in.organisation_id}));
    if (!org) {
      return Error(ErrorCode::validation_failed, "no such organisation")
          .with_field("organisation_id", "not_found", "no organisation with this id");
    }
  }
  const std::string ts = format_rfc3339(now);
  auto ins = ex.query(
      "INSERT INTO groups (name, line, organisation_id, description, created_at, updated_at) "
      "VALUES ($1, $2, $3, $4, $5, $5) RETURNING id",
      {in.name, std::int64_t{in.line},
       in.organisation_id ? store::Value(in.organisation_id) : store::Value(store::Null{}),
       in.description, ts});
  if (!ins.ok()) {
    if (ins.error().code == ErrorCode::conflict) {
      return Error(ErrorCode::conflict, "a group with this name exists")
          .with_field("name", "taken", "already used by another group");
    }
    return std::move(ins).error();
  }
  const std::int64_t id = ins->at(0).i64(0);
  TRY_VOID(write_audit(
      ex, actor, now, "group", id, "create",
      {{"name", std::nullopt, in.name},
       {"line", std::nullopt, std::to_string(in.line)},
       {"organisation_id", std::nullopt,
        in.organisation_id ? std::optional(std::to_string(in.organisation_id)) : std::nullopt},
       {"description", std::nullopt,
        in.description.empty() ? std::nullopt : std::optional(in.description)}}));
  TRY_VOID(emit_event(ex, actor, now, "group.created", "group", id));
  auto group = TRY(find_group(ex, id));
  return *group;
}

}  // namespace fuwu::app
