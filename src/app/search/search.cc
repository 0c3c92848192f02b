#include "app/search/search.h"

#include <algorithm>
#include <bit>
#include <charconv>
#include <cstdio>
#include <limits>
#include <map>

#include "app/tickets/ticket_scope.h"
#include "domain/richtext/sanitize.h"
#include "store/search/tokenizer.h"

namespace fuwu::app {
namespace {

constexpr int kMaxLimit = 100;
// A search ranks only the most recent matches the actor may see, so that a word found in a fifth
// of a million tickets costs the same as in a thousand: ranking is per match (bm25 reads each
// match's position lists and sizes).
constexpr int kRecentCandidates = 2000;
// A small scope (a customer's organisation, a supplier's own records) is walked newest first in
// chunks of this many tickets, each checked against the index at once.
constexpr int kWalkChunk = 500;
// An agent's groups holding at most this many tickets are walked like a small scope when the word
// is common: found in at least kCommonWord tickets (counted up to there in the index alone).
constexpr int kSmallGroupReach = 20000;
constexpr int kCommonWord = 5000;

// "[1,2,3]" for json_each (SQLite); "{1,2,3}" for a bigint[] (PostgreSQL).
std::string json_id_list(const std::vector<std::int64_t>& ids) {
  std::string out = "[";
  for (auto id : ids)
    out += (out.size() > 1 ? "," : "") + std::to_string(id);
  return out + "]";
}
std::string pg_id_array(const std::vector<std::int64_t>& ids) {
  std::string out = json_id_list(ids);
  out.front() = '{';
  out.back() = '}';
  return out;
}

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
  std::vector<store::Value> params(1);  // $1: the match expression
  const auto scope = TRY(ticket_read_scope(p, "t", params));
  const search::Query query = TRY(search::parse_query(request.query));
  const bool internal = access::can(p, "ticket.note");
  const std::uint64_t signature = query_signature(query, request, internal);
  Position from;
  if (!request.cursor.empty()) from = TRY(decode_cursor(request.cursor, signature));
  const int limit = std::clamp(request.limit, 1, kMaxLimit);
  const bool sqlite = ex.dialect() == store::DialectKind::sqlite;
  if (sqlite) {
    const std::string match = search::fts5_match(query);
    params[0] = internal ? match : "{title body} : (" + match + ")";
  } else {
    params[0] = search::tsquery(query, internal ? "" : "AB");
  }
  std::string narrowing = scope.condition.empty() ? "" : " AND " + scope.condition;
  if (request.kind) {
    params.emplace_back(*request.kind);
    narrowing += " AND t.kind = $" + std::to_string(params.size());
  }

  // The candidates: the most recent matches the actor may see, with their scores.
  std::vector<Position> candidates;
  // Asks the index which tickets of `chunk` match (SQLite), adding them to the candidates. The
  // index reads the word's matches between the chunk's first and last id (FTS5 seeks to a rowid
  // range); the chunk's ids only filter them ("+": a rowid IN given to FTS5 would become one
  // lookup per id, each reading the word's matches from the start).
  auto match_among = [&](const std::vector<std::int64_t>& chunk) -> Status {
    if (chunk.empty()) return {};
    const auto [low, high] = std::minmax_element(chunk.begin(), chunk.end());
    const auto hits = TRY(ex.query(
        "SELECT rowid, -bm25(ticket_search, 4.0, 2.0, 1.0) FROM ticket_search WHERE "
        "ticket_search MATCH $1 AND rowid BETWEEN $2 AND $3 AND +rowid IN (SELECT value FROM "
        "json_each($4))",
        {params[0], *low, *high, json_id_list(chunk)}));
    for (const auto& h : hits)
      candidates.push_back({h.f64(1), h.i64(0)});
    return {};
  };
  const bool small_scope =
      sqlite && (scope.scope == access::Scope::organisation || scope.scope == access::Scope::own);
  // An agent's groups may hold few of a common word's matches: walking the matches for the ones
  // in reach would then read most of them. The groups' tickets are asked about instead when they
  // are few and the word is common.
  bool small_groups = false;
  if (sqlite && scope.scope == access::Scope::group) {
    // Is the word common? Counted in the index alone, up to kCommonWord; a rare word's matches
    // are few to walk, and its search reads none of the groups' tickets.
    const auto matches = TRY(ex.query(
        "SELECT COUNT(*) FROM (SELECT 1 FROM ticket_search WHERE ticket_search MATCH $1 LIMIT " +
            std::to_string(kCommonWord) + ")",
        {params[0]}));
    store::Rows reach;
    if (matches.at(0).i64(0) >= kCommonWord) {
      // Read through the group and requester indexes (the kind only filters: "+"). ($1, the
      // match, is not in it: the parameters are the search's.)
      std::string reach_sql = "SELECT t.id FROM tickets t WHERE " + scope.condition;
      if (request.kind) reach_sql += " AND +t.kind = $" + std::to_string(params.size());
      reach = TRY(ex.query(reach_sql + " LIMIT " + std::to_string(kSmallGroupReach + 1), params));
      small_groups = static_cast<int>(reach.size()) <= kSmallGroupReach;
    }
    if (small_groups) {
      std::vector<std::int64_t> ids;
      for (const auto& r : reach)
        ids.push_back(r.i64(0));
      std::sort(ids.begin(), ids.end(), std::greater<>());
      for (auto at = ids.begin();
           at != ids.end() && static_cast<int>(candidates.size()) < kRecentCandidates;) {
        const auto end = ids.end() - at > kWalkChunk ? at + kWalkChunk : ids.end();
        TRY_VOID(match_among(std::vector<std::int64_t>(at, end)));
        at = end;
      }
    }
  }
  if (small_scope) {
    // A customer's or supplier's reach is small next to a common word's matches: walk it newest
    // first and ask the index about one chunk of it at a time.
    std::vector<store::Value> walk{INT64_MAX};  // $1: below this id
    const auto walk_scope = TRY(ticket_read_scope(p, "t", walk));
    std::string walk_sql = "SELECT t.id FROM tickets t WHERE t.id < $1 AND " + walk_scope.condition;
    if (request.kind) {
      walk.emplace_back(*request.kind);
      walk_sql += " AND t.kind = $" + std::to_string(walk.size());
    }
    walk_sql += " ORDER BY t.id DESC LIMIT " + std::to_string(kWalkChunk);
    while (static_cast<int>(candidates.size()) < kRecentCandidates) {
      const auto ids = TRY(ex.query(walk_sql, walk));
      if (ids.empty()) break;
      std::vector<std::int64_t> chunk;
      for (const auto& r : ids)
        chunk.push_back(r.i64(0));
      TRY_VOID(match_among(chunk));
      if (static_cast<int>(ids.size()) < kWalkChunk) break;
      walk.front() = ids.back().i64(0);
    }
  } else if (!small_groups) {
    // Walk the matches newest first, keeping those in reach. With nothing to narrow by (an agent
    // without a kind filter) the index alone answers: no row of tickets is read per match (the
    // page's rows are read below, which also leaves out a ticket deleted meanwhile).
    const std::string from_sqlite =
        narrowing.empty() ? "ticket_search"
                          : "ticket_search JOIN tickets t ON t.id = ticket_search.rowid";
    const std::string sql =
        sqlite ? "SELECT ticket_search.rowid, -bm25(ticket_search, 4.0, 2.0, 1.0) FROM " +
                     from_sqlite + " WHERE ticket_search MATCH $1" + narrowing +
                     " ORDER BY ticket_search.rowid DESC LIMIT " + std::to_string(kRecentCandidates)
               : "SELECT d.ticket_id, ts_rank(d.tokens, $1::tsquery)::float8 FROM "
                 "search_documents d JOIN tickets t ON t.id = d.ticket_id WHERE d.tokens @@ "
                 "$1::tsquery" +
                     narrowing + " ORDER BY d.ticket_id DESC LIMIT " +
                     std::to_string(kRecentCandidates);
    const auto rows = TRY(ex.query(sql, params));
    for (const auto& r : rows)
      candidates.push_back({r.f64(1), r.i64(0)});
  }
  // The walks ask whole chunks: the most recent matches only.
  if (static_cast<int>(candidates.size()) > kRecentCandidates) {
    std::sort(candidates.begin(), candidates.end(),
              [](const Position& a, const Position& b) { return a.id > b.id; });
    candidates.resize(static_cast<std::size_t>(kRecentCandidates));
  }
  // Ranked by score (higher first), ties by id; the page starts after the cursor's position.
  std::sort(candidates.begin(), candidates.end(), [](const Position& a, const Position& b) {
    return a.score != b.score ? a.score > b.score : a.id < b.id;
  });
  std::vector<Position> chosen;
  for (const auto& c : candidates) {
    if (c.score < from.score || (c.score == from.score && c.id > from.id)) {
      chosen.push_back(c);
      if (static_cast<int>(chosen.size()) == limit + 1) break;
    }
  }
  std::vector<store::Row> rows;
  if (!chosen.empty()) {
    std::vector<std::int64_t> ids;
    for (const auto& c : chosen)
      ids.push_back(c.id);
    const auto found =
        TRY(ex.query(sqlite ? "SELECT id, number, title, kind, state FROM tickets WHERE id IN "
                              "(SELECT value FROM json_each($1))"
                            : "SELECT id, number, title, kind, state FROM tickets WHERE id = "
                              "ANY($1::bigint[])",
                     {sqlite ? json_id_list(ids) : pg_id_array(ids)}));
    std::map<std::int64_t, const store::Row*> by_id;
    for (const auto& r : found)
      by_id[r.i64(0)] = &r;
    for (const auto& c : chosen) {
      auto it = by_id.find(c.id);
      if (it == by_id.end()) continue;
      std::vector<store::Value> values;
      for (std::size_t i = 0; i < 5; ++i)
        values.push_back(it->second->value(i));
      values.emplace_back(c.score);
      rows.emplace_back(std::move(values));
    }
  }

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
