#include "store/sqlite/fts_tokenizer.h"

#include <sqlite3.h>

#include <new>

#include "store/search/tokenizer.h"

namespace fuwu::store::sqlite::detail {
namespace {

// FTS5 wants a tokenizer object per table; ours has no settings, so every table shares this one.
struct FuwuTokenizer {};
FuwuTokenizer the_tokenizer;

int create(void*, const char**, int, Fts5Tokenizer** out) {
  *out = reinterpret_cast<Fts5Tokenizer*>(&the_tokenizer);
  return SQLITE_OK;
}

void destroy(Fts5Tokenizer*) {}

using TokenCallback = int (*)(void*, int, const char*, int, int, int);

int tokenize(Fts5Tokenizer*, void* ctx, int flags, const char* text, int size, TokenCallback emit) {
  if (text == nullptr || size <= 0) return SQLITE_OK;
  const std::string_view input(text, static_cast<std::size_t>(size));
  if ((flags & FTS5_TOKENIZE_QUERY) != 0) {
    // One term of search::parse_query, already normalised.
    return emit(ctx, 0, text, size, 0, size);
  }
  int rc = SQLITE_OK;
  try {
    search::for_each_token(input, [&](const search::Token& t) {
      rc = emit(ctx, 0, t.text.data(), static_cast<int>(t.text.size()), static_cast<int>(t.begin),
                static_cast<int>(t.end));
      return rc == SQLITE_OK;
    });
  } catch (const std::bad_alloc&) {
    return SQLITE_NOMEM;
  }
  return rc;
}

}  // namespace

Status register_fuwu_tokenizer(sqlite3* db) {
  fts5_api* api = nullptr;
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &stmt, nullptr) == SQLITE_OK) {
    sqlite3_bind_pointer(stmt, 1, static_cast<void*>(&api), "fts5_api_ptr", nullptr);
    sqlite3_step(stmt);
  }
  sqlite3_finalize(stmt);
  if (api == nullptr || api->iVersion < 2) {
    return Error(ErrorCode::internal, "sqlite: this SQLite library has no FTS5");
  }
  fts5_tokenizer methods{create, destroy, tokenize};
  const int rc = api->xCreateTokenizer(api, "fuwu", nullptr, &methods, nullptr);
  if (rc != SQLITE_OK) {
    return Error(ErrorCode::internal,
                 std::string("sqlite: cannot register the fuwu tokenizer: ") + sqlite3_errstr(rc));
  }
  return {};
}

}  // namespace fuwu::store::sqlite::detail
