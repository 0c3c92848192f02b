// The FTS5 tokenizer "fuwu": store/search's tokenizer (CJK bigrams plus single characters,
// lower-cased words) registered on a SQLite connection, so `tokenize = 'fuwu'` tables index the
// same tokens the PostgreSQL backend stores as a tsvector.
//
// Documents (and the text snippet()/highlight() re-read) go through search::for_each_token.
// Query strings are passed through as one token, unchanged: the application tokenizes queries
// itself (search::parse_query) and writes every term as one quoted FTS5 string.
#pragma once

#include "base/result.h"

struct sqlite3;

namespace fuwu::store::sqlite::detail {

// Registers "fuwu" on `db`. Call once per connection, before any statement touches an FTS5
// table that uses it. Fails (internal) when the SQLite library has no FTS5.
Status register_fuwu_tokenizer(sqlite3* db);

}  // namespace fuwu::store::sqlite::detail
