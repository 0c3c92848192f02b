// Full-text search over tickets, the same on SQLite (FTS5 with the "fuwu" tokenizer) and
// PostgreSQL (a tsvector of the same tokens): see store/search/tokenizer.h for what a query means.
//
// The index: one search_documents row per ticket (title; body = description and public journal
// replies; internal = internal notes), written by index_ticket in the caller's write unit, so the
// index never disagrees with a committed ticket. Every use case that changes a ticket's text
// calls it at the end of its write.
//
// Access: exactly that of list_tickets (a record out of the actor's "ticket.read" scope is never
// returned). Matches in internal notes count only for actors holding "ticket.note" (agents);
// customers' queries match title and public text only, and their snippets show only those.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/platform/context.h"

namespace fuwu::app {

// Rewrites the ticket's search document from its current title, description and journal.
// not_found when the ticket does not exist.
Status index_ticket(store::Executor& ex, std::int64_t ticket_id);

struct SearchRequest {
  std::string query;                // see search::parse_query
  std::optional<std::string> kind;  // incident | request | ... (narrows the results)
  std::string cursor;               // "" for the first page; else a next_cursor of the same query
  int limit = 20;                   // 1..100
};

struct SearchHit {
  std::int64_t id = 0;
  std::string number;
  std::string title;
  std::string kind;
  std::string state;
  std::string snippet;  // HTML-escaped text with matches in <mark></mark>
  double score = 0;     // higher is better; comparable within one query only
};

struct SearchPage {
  std::vector<SearchHit> items;
  std::optional<std::string> next_cursor;
};

// Ranked (bm25 on SQLite, ts_rank on PostgreSQL; ties by id), keyset-paginated on (score, id).
// An actor who sees every ticket, searching without a kind filter, gets the best of the 2,000
// most recent matching tickets (so a very common word stays fast at millions of tickets); a
// scoped or kind-filtered search ranks every match it may see.
// invalid_request for a query syntax error (field "q") or a cursor that is malformed or belongs
// to another query (field "cursor"); permission_denied without "ticket.read".
Result<SearchPage> search_tickets(store::Executor& ex, const Actor& actor,
                                  const SearchRequest& request);

}  // namespace fuwu::app
