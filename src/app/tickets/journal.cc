#include "app/platform/outbox.h"
#include "app/search/search.h"
#include "app/tickets/sla_clocks.h"
#include "app/tickets/ticket.h"
#include "domain/richtext/sanitize.h"

namespace fuwu::app {

Result<JournalEntry> insert_journal_entry(store::Executor& ex, const Actor& actor, Instant now,
                                          const Ticket& t, std::string_view visibility,
                                          std::string_view original, std::string_view format) {
  const bool internal = visibility == "internal";
  const bool html = format == "html";
  // Rich text is stored sanitised (what everyone is shown) beside what the author sent.
  const std::string body = html ? richtext::sanitize_html(original) : std::string(original);
  const auto& p = actor.principal;
  auto rows = TRY(ex.query(
      "INSERT INTO journal_entries (ticket_id, visibility, entry_kind, author_id, author_login, "
      "body, created_at, format, body_original) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) "
      "RETURNING id",
      {t.id, std::string(internal ? "internal" : "public"),
       std::string(internal ? "note" : "reply"),
       p.user_id ? store::Value(p.user_id) : store::Value(store::Null{}), p.login, body,
       format_rfc3339(now), std::string(html ? "html" : "text"),
       html ? store::Value(std::string(original)) : store::Value(store::Null{})}));
  JournalEntry e{rows.at(0).i64(0),
                 t.id,
                 internal ? "internal" : "public",
                 internal ? "note" : "reply",
                 p.user_id,
                 p.login,
                 body,
                 now,
                 html ? "html" : "text"};
  // A public reply by someone other than the requester answers the customer (SLA first response).
  if (!internal && p.user_id != t.requester_id) {
    TRY_VOID(record_ticket_event(ex, t.id, now, "public_reply"));
    TRY_VOID(refresh_ticket_sla(ex, t.id, now));
  }
  TRY_VOID(
      ex.exec("UPDATE tickets SET updated_at = $2 WHERE id = $1", {t.id, format_rfc3339(now)}));
  TRY_VOID(emit_event(ex, actor, now, internal ? "ticket.note_added" : "ticket.replied", "ticket",
                      t.id, "{\"entry_id\":" + std::to_string(e.id) + "}"));
  TRY_VOID(index_ticket(ex, t.id));
  return e;
}

Result<JournalEntry> add_journal_entry(store::Executor& ex, const Actor& actor, Instant now,
                                       std::int64_t ticket_id, std::string_view visibility,
                                       std::string_view body, std::string_view format) {
  const Ticket t = TRY(visible_ticket(ex, actor, ticket_id));
  if (format != "text" && format != "html") {
    return Error(ErrorCode::validation_failed, "unknown format")
        .with_field("format", "not_allowed", "text or html");
  }
  const bool internal = visibility == "internal";
  if (!internal && visibility != "public") {
    return Error(ErrorCode::validation_failed, "unknown visibility")
        .with_field("visibility", "not_allowed", "public or internal");
  }
  const char* permission = internal ? "ticket.note" : "ticket.reply";
  if (!access::may(actor.principal, permission, ownership(t))) {
    return Error(ErrorCode::permission_denied,
                 internal ? "you may not write internal notes" : "you may not reply");
  }
  if (body.empty()) {
    return Error(ErrorCode::validation_failed, "the entry is empty")
        .with_field("body", "required", "write something");
  }
  if (t.state_category == "closed") {
    return Error(ErrorCode::conflict, "the ticket is closed; open a new one");
  }
  return insert_journal_entry(ex, actor, now, t, internal ? "internal" : "public", body, format);
}

Result<std::vector<JournalEntry>> list_journal(store::Executor& ex, const Actor& actor,
                                               std::int64_t ticket_id, std::int64_t after_id,
                                               int limit) {
  const Ticket t = TRY(visible_ticket(ex, actor, ticket_id));
  const bool internal = access::may(actor.principal, "ticket.note", ownership(t));
  auto rows = TRY(ex.query(
      std::string(
          "SELECT id, ticket_id, visibility, entry_kind, COALESCE(author_id, 0), "
          "author_login, body, created_at, format FROM journal_entries WHERE ticket_id = $1 AND "
          "id > $2") +
          (internal ? "" : " AND visibility = 'public'") + " ORDER BY id LIMIT $3",
      {ticket_id, after_id, std::int64_t{limit}}));
  std::vector<JournalEntry> out;
  for (const auto& r : rows) {
    out.push_back({r.i64(0), r.i64(1), r.text(2), r.text(3), r.i64(4), r.text(5), r.text(6),
                   parse_rfc3339(r.text(7)).value_or(Instant{}), r.text(8)});
  }
  return out;
}

}  // namespace fuwu::app
