#include "app/attachments/attachments.h"
#include "app/platform/audit.h"
#include "app/platform/outbox.h"
#include "app/search/search.h"
#include "app/tickets/relations.h"
#include "app/tickets/sla_clocks.h"

namespace fuwu::app {
namespace {

Error bad_survivor(std::string code, std::string message) {
  return Error(ErrorCode::validation_failed, "cannot merge into that record")
      .with_field("into", std::move(code), std::move(message));
}

// Moves the links of the merged record to the survivor, as relations.h describes; returns how
// many moved.
Result<std::int64_t> move_links(store::Executor& ex, std::int64_t merged, std::int64_t survivor) {
  // Links between the two would become self-links (merge adds its own duplicate_of).
  TRY_VOID(
      ex.exec("DELETE FROM ticket_links WHERE (source_id = $1 AND target_id = $2) OR "
              "(source_id = $2 AND target_id = $1)",
              {merged, survivor}));
  const auto links =
      TRY(ex.query("SELECT id, kind, source_id, target_id FROM ticket_links WHERE "
                   "source_id = $1 OR target_id = $1 ORDER BY id",
                   {merged}));
  std::int64_t moved = 0;
  for (const auto& r : links) {
    const std::int64_t id = r.i64(0);
    const std::string kind = r.text(1);
    const bool from_merged = r.i64(2) == merged;
    const std::int64_t source = from_merged ? survivor : r.i64(2);
    const std::int64_t target = from_merged ? r.i64(3) : survivor;
    auto same = TRY(ex.query_one(
        "SELECT 1 FROM ticket_links WHERE kind = $1 AND ((source_id = $2 AND target_id = $3) OR "
        "(kind = 'relates_to' AND source_id = $3 AND target_id = $2))",
        {kind, source, target}));
    if (same) {
      TRY_VOID(ex.exec("DELETE FROM ticket_links WHERE id = $1", {id}));
      continue;
    }
    if (kind == "parent_of") {
      if (!from_merged) {
        auto parent = TRY(ex.query_one(
            "SELECT 1 FROM ticket_links WHERE kind = 'parent_of' AND target_id = $1", {survivor}));
        if (parent) continue;
      }
      if (TRY(is_parent_ancestor(ex, target, source))) continue;
    }
    TRY_VOID(ex.exec("UPDATE ticket_links SET source_id = $2, target_id = $3 WHERE id = $1",
                     {id, source, target}));
    ++moved;
  }
  return moved;
}

}  // namespace

Result<Ticket> merge_ticket(store::Executor& ex, const Actor& actor, Instant now,
                            std::int64_t ticket_id, std::int64_t expected_version,
                            std::int64_t survivor_id) {
  const Ticket t = TRY(ticket_for_write(ex, actor, ticket_id, expected_version));
  if (survivor_id == ticket_id) return bad_survivor("self_link", "a record cannot absorb itself");
  // Records of another organisation merge only for someone who may see (and work) both.
  auto found = visible_ticket(ex, actor, survivor_id);
  if (!found.ok()) {
    if (found.error().code == ErrorCode::not_found)
      return bad_survivor("not_found", "no such ticket");
    return found.error();
  }
  const Ticket& survivor = *found;
  if (!access::may(actor.principal, "ticket.write", ownership(survivor))) {
    return bad_survivor("not_allowed", "you may not change that ticket");
  }
  if (t.state_category == "closed") return Error(ErrorCode::conflict, "the ticket is closed");
  if (survivor.state_category == "closed") {
    return bad_survivor("closed", "the surviving ticket is closed");
  }
  if (t.major) {
    return Error(ErrorCode::conflict,
                 "a major incident is not merged away; merge the others into it instead");
  }
  const KindInfo* kind = TRY(kind_info(t.kind));
  const ticket::StateDef* closed = nullptr;
  for (const auto& s : kind->lifecycle.states) {
    if (s.category == ticket::StateCategory::closed) {
      closed = &s;
      break;
    }
  }
  if (!closed) return Error(ErrorCode::internal, "the lifecycle of " + t.kind + " cannot close");

  // Move the history, then close the merged record pointing at the survivor.
  const auto moved_entries = TRY(ex.exec(
      "UPDATE journal_entries SET ticket_id = $2 WHERE ticket_id = $1", {ticket_id, survivor_id}));
  const auto moved_files = TRY(record_attachment_bytes(ex, "ticket", ticket_id));
  TRY_VOID(move_attachments(ex, "ticket", ticket_id, survivor_id));
  const std::int64_t moved_links = TRY(move_links(ex, ticket_id, survivor_id));
  const std::string resolution = "merged into " + survivor.number;
  const auto updated = TRY(ex.exec(
      "UPDATE tickets SET state = $3, state_category = 'closed', resolution = $4, "
      "resolution_code = 'merged', merged_into_id = $5, closed_at = $6, version = version + 1, "
      "updated_at = $6 WHERE id = $1 AND version = $2",
      {ticket_id, expected_version, closed->name, resolution, survivor_id, format_rfc3339(now)}));
  if (updated == 0) {
    return Error(ErrorCode::precondition_failed,
                 "the ticket was changed by someone else; reload it and try again");
  }
  TRY_VOID(ex.exec(
      "INSERT INTO ticket_links (kind, source_id, target_id, created_by, created_at) SELECT "
      "'duplicate_of', $1, $2, $3, $4 WHERE NOT EXISTS (SELECT 1 FROM ticket_links WHERE kind = "
      "'duplicate_of' AND source_id = $1 AND target_id = $2)",
      {ticket_id, survivor_id,
       actor.principal.user_id ? store::Value(actor.principal.user_id)
                               : store::Value(store::Null{}),
       format_rfc3339(now)}));
  TRY_VOID(ex.exec("UPDATE tickets SET version = version + 1, updated_at = $2 WHERE id = $1",
                   {survivor_id, format_rfc3339(now)}));
  TRY_VOID(record_ticket_event(ex, ticket_id, now, "state_changed",
                               "{\"from\":\"" + t.state + "\",\"to\":\"" + closed->name + "\"}"));
  TRY_VOID(refresh_ticket_sla(ex, ticket_id, now));

  ChangeSet changes;
  changes.add("state", t.state, closed->name);
  changes.add("merged_into_id", std::nullopt, std::to_string(survivor_id));
  changes.add("resolution", t.resolution, resolution);
  TRY_VOID(write_audit(ex, actor, now, "ticket", ticket_id, "merged_into", changes.changes()));
  TRY_VOID(write_audit(ex, actor, now, "ticket", survivor_id, "merged_from",
                       {{"merged_id", std::nullopt, std::to_string(ticket_id)},
                        {"journal_entries_moved", std::nullopt, std::to_string(moved_entries)},
                        {"attachment_bytes_moved", std::nullopt, std::to_string(moved_files)},
                        {"links_moved", std::nullopt, std::to_string(moved_links)}}));
  TRY_VOID(add_system_entry(ex, actor, now, ticket_id,
                            "已合并到 " + survivor.number + " / Merged into " + survivor.number));
  TRY_VOID(add_system_entry(ex, actor, now, survivor_id,
                            "已合并 " + t.number + " / Merged " + t.number + " into this record"));
  TRY_VOID(emit_event(ex, actor, now, "ticket.merged", "ticket", ticket_id,
                      "{\"into\":" + std::to_string(survivor_id) + "}"));
  TRY_VOID(index_ticket(ex, ticket_id));
  TRY_VOID(index_ticket(ex, survivor_id));
  auto reloaded = TRY(find_ticket(ex, ticket_id));
  return *reloaded;
}

}  // namespace fuwu::app
