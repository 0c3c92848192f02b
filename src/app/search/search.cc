#include "app/search/search.h"

#include <bit>
#include <charconv>
#include <cstdio>
#include <limits>

#include "domain/richtext/sanitize.h"
#include "store/search/tokenizer.h"

namespace fuwu::app {
namespace {

constexpr int kMaxLimit = 100;
// An unscoped search (an agent who sees every ticket, no kind filter) ranks only the most recent
// matches, so that a word found in a fifth of a million tickets costs the same as in a thousand:
// ranking is per match (bm25 reads each match's position lists and sizes). Scoped searches rank
// every match they may see, since the most recent matches might all be out of their reach.
constexpr const char* kRecentCandidates = "2000";

std::uint64_t fnv1a(std::string_view s, std::uint64_t h = 14695981039346656037ull) {
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

// What a cursor is bound to: the query's terms, the kind filter and which text was searched.
std::uint64_t query_signature(const search::Query& q, const SearchRequest& r, bool internal) {
  std::uint64_t h = fnv1a(internal ? "i" : "p");
  for (const auto& t : q.terms)
    h = fnv1a(t + '\x1f', h);
  return fnv1a(r.kind.value_or("") + '\x1e', h);
}

std::string hex(std::uint64_t v) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(v));
  return buf;
}

// "<signature>.<score bits>.<id>", all hexadecimal.
std::string encode_cursor(std::uint64_t signature, double score, std::int64_t id) {
  return hex(signature) + "." + hex(std::bit_cast<std::uint64_t>(score)) + "." +
         hex(static_cast<std::uint64_t>(id));
}

struct Position {
  double score = std::numeric_limits<double>::infinity();
  std::int64_t id = 0;
};

Result<Position> decode_cursor(std::string_view cursor, std::uint64_t signature) {
  auto bad = [](std::string message) {
    return Error(ErrorCode::invalid_request, message)
        .with_field("cursor", "invalid", std::move(message));
  };
  std::uint64_t parts[3] = {};
  std::string_view rest = cursor;
  for (int i = 0; i < 3; ++i) {
    const auto dot = rest.find('.');
    const std::string_view part = i < 2 ? rest.substr(0, dot) : rest;
    if ((i < 2 && dot == std::string_view::npos) || part.size() != 16) {
      return bad("the cursor is malformed");
    }
    const auto [end, ec] = std::from_chars(part.data(), part.data() + part.size(), parts[i], 16);
    if (ec != std::errc() || end != part.data() + part.size()) {
      return bad("the cursor is malformed");
    }
    if (i < 2) rest = rest.substr(dot + 1);
  }
  if (parts[0] != signature) return bad("the cursor belongs to another query");
  const double score = std::bit_cast<double>(parts[1]);
  if (score != score || parts[2] > static_cast<std::uint64_t>(INT64_MAX)) {
    return bad("the cursor is malformed");
  }
  return Position{score, static_cast<std::int64_t>(parts[2])};
}

}  // namespace

Status index_ticket(store::Executor& ex, std::int64_t ticket_id) {
  auto ticket = TRY(ex.query_one(
      "SELECT title, description, description_format FROM tickets WHERE id = $1", {ticket_id}));
  if (!ticket) return Error(ErrorCode::not_found, "no such ticket");
  // Rich text is indexed by its text, not its markup.
  auto text_of = [](const std::string& s, const std::string& format) {
    return format == "html" ? richtext::html_to_text(s) : s;
  };
  std::string body = text_of(ticket->text(1), ticket->text(2));
  std::string internal;
  const auto entries = TRY(ex.query(
      "SELECT visibility, body, format FROM journal_entries WHERE ticket_id = $1 AND entry_kind <> "
      "'system' ORDER BY id",
      {ticket_id}));
  for (const auto& e : entries) {
    std::string& into = e.text(0) == "public" ? body : internal;
    if (!into.empty()) into += '\n';
    into += text_of(e.text(1), e.text(2));
  }
  const std::string& title = ticket->text(0);
  if (ex.dialect() == store::DialectKind::sqlite) {
    // The triggers of 0005_search.sql keep the FTS5 index in step; an unchanged document is
    // left alone so that a state change does not rewrite its index entries.
    TRY_VOID(ex.exec(
        "INSERT INTO search_documents (ticket_id, title, body, internal) VALUES ($1, $2, $3, $4) "
        "ON CONFLICT (ticket_id) DO UPDATE SET title = excluded.title, body = excluded.body, "
        "internal = excluded.internal WHERE search_documents.title IS NOT excluded.title OR "
        "search_documents.body IS NOT excluded.body OR "
        "search_documents.internal IS NOT excluded.internal",
        {ticket_id, title, body, internal}));
  } else {
    const std::string tokens = search::tsvector({{title, 'A'}, {body, 'B'}, {internal, 'C'}});
    TRY_VOID(ex.exec(
        "INSERT INTO search_documents (ticket_id, title, body, internal, tokens) "
        "VALUES ($1, $2, $3, $4, $5::tsvector) "
        "ON CONFLICT (ticket_id) DO UPDATE SET title = excluded.title, body = excluded.body, "
        "internal = excluded.internal, tokens = excluded.tokens WHERE "
        "(search_documents.title, search_documents.body, search_documents.internal) "
        "IS DISTINCT FROM (excluded.title, excluded.body, excluded.internal)",
        {ticket_id, title, body, internal, tokens}));
  }
  return {};
}

Result<SearchPage> search_tickets(store::Executor& ex, const Actor& actor,
                                  const SearchRequest& request) {
  const auto& p = actor.principal;
  const auto scope = access::scope_for(p, "ticket.read");
  if (!scope) return Error(ErrorCode::permission_denied, "you may not read tickets");
  const search::Query query = TRY(search::parse_query(request.query));
  const bool internal = access::can(p, "ticket.note");
  const std::uint64_t signature = query_signature(query, request, internal);
  Position from;
  if (!request.cursor.empty()) from = TRY(decode_cursor(request.cursor, signature));
  const int limit = std::clamp(request.limit, 1, kMaxLimit);

  const bool capped = *scope == access::Scope::all && !request.kind;
  std::string sql = "SELECT t.id, t.number, t.title, t.kind, t.state, s.score FROM (";
  std::vector<store::Value> params;
  if (ex.dialect() == store::DialectKind::sqlite) {
    // bm25 is better when lower: negate it so that both backends sort by score descending.
    // Column weights: title 4, body 2, internal notes 1.
    sql +=
        "SELECT rowid AS id, -bm25(ticket_search, 4.0, 2.0, 1.0) AS score FROM ticket_search "
        "WHERE ticket_search MATCH $1";
    const std::string match = search::fts5_match(query);
    params.emplace_back(internal ? match : "{title body} : (" + match + ")");
    if (capped) sql += std::string(" ORDER BY rowid DESC LIMIT ") + kRecentCandidates;
  } else {
    sql +=
        "SELECT ticket_id AS id, ts_rank(tokens, $1::tsquery)::float8 AS score "
        "FROM search_documents WHERE tokens @@ $1::tsquery";
    params.emplace_back(search::tsquery(query, internal ? "" : "AB"));
    if (capped) sql += std::string(" ORDER BY ticket_id DESC LIMIT ") + kRecentCandidates;
  }
  sql += ") s JOIN tickets t ON t.id = s.id WHERE (s.score < $2 OR (s.score = $2 AND s.id > $3))";
  params.emplace_back(from.score);
  params.emplace_back(from.id);
  params.emplace_back(std::int64_t{limit + 1});
  auto add = [&](store::Value v) {
    params.push_back(std::move(v));
    return "$" + std::to_string(params.size());
  };
  // The same reachable set as list_tickets.
  switch (*scope) {
    case access::Scope::all:
      break;
    case access::Scope::organisation: {
      const std::string org = add(p.organisation_id);
      sql += " AND (t.organisation_id = " + org + " OR t.requester_id = " + add(p.user_id) + ")";
      break;
    }
    case access::Scope::group: {
      std::string groups = "0";
      for (auto g : p.group_ids)
        groups += "," + std::to_string(g);
      sql += " AND (t.group_id IN (" + groups + ") OR t.requester_id = " + add(p.user_id) + ")";
      break;
    }
    case access::Scope::own:
      sql += " AND t.requester_id = " + add(p.user_id);
      break;
  }
  if (request.kind) sql += " AND t.kind = " + add(*request.kind);
  sql += " ORDER BY s.score DESC, s.id LIMIT $4";
  const auto rows = TRY(ex.query(sql, params));

  SearchPage page;
  for (const auto& r : rows) {
    if (static_cast<int>(page.items.size()) == limit) {
      const auto& last = page.items.back();
      page.next_cursor = encode_cursor(signature, last.score, last.id);
      break;
    }
    SearchHit hit;
    hit.id = r.i64(0);
    hit.number = r.text(1);
    hit.title = r.text(2);
    hit.kind = r.text(3);
    hit.state = r.text(4);
    hit.score = r.f64(5);
    page.items.push_back(std::move(hit));
  }
  // Snippets for this page only: the text of every match is not read.
  for (auto& hit : page.items) {
    auto doc = TRY(ex.query_one(
        "SELECT title, body, internal FROM search_documents WHERE ticket_id = $1", {hit.id}));
    if (!doc) continue;
    hit.snippet = search::snippet(doc->text(1), query);
    if (hit.snippet.empty() && internal) hit.snippet = search::snippet(doc->text(2), query);
    if (hit.snippet.empty()) hit.snippet = search::snippet(doc->text(0), query);
  }
  return page;
}

}  // namespace fuwu::app
