// The shipped migrations of both backends give the same schema: the same versions, tables,
// columns (name, kind of type, NOT NULL) and unique indexes (name, columns, partial or not), so
// the application's SQL, written once, means the same on both. Needs FUWU_TEST_PG_URL (see
// scripts/pg); skipped without it.
#include <cctype>
#include <map>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "store/migration.h"
#include "store/sqlite/sqlite_database.h"
#include "store_contract/backend.h"
#ifdef FUWU_HAVE_POSTGRES
#include "store/postgres/postgres_database.h"
#endif

namespace fuwu::store::contract {
namespace {

constexpr Instant kNow = Instant::from_unix(1'790'000'000);

struct Schema {
  // table -> column -> "int|real|text|blob" + " not null"
  std::map<std::string, std::map<std::string, std::string>> columns;
  // "table: name (col, col) [partial]"; primary keys are named "pk"
  std::set<std::string> unique_indexes;
};

std::string kind_of(std::string type) {
  for (char& c : type)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (type.find("int") != std::string::npos) return "int";
  if (type.find("real") != std::string::npos || type.find("double") != std::string::npos) {
    return "real";
  }
  if (type.find("blob") != std::string::npos || type.find("bytea") != std::string::npos) {
    return "blob";
  }
  return "text";
}

std::string index_line(const std::string& table, const std::string& name,
                       const std::vector<std::string>& columns, bool partial) {
  std::string line = table + ": " + name + " (";
  for (std::size_t i = 0; i < columns.size(); ++i)
    line += (i ? ", " : "") + columns[i];
  return line + ")" + (partial ? " partial" : "");
}

Result<Schema> sqlite_schema(Database& db) {
  Schema s;
  TRY_VOID(db.read([&](Executor& ex) -> Status {
    const Rows tables = TRY(
        // Ordinary tables and views (PostgreSQL lists both): an FTS5 index (a virtual table and its
        // shadow tables) is SQLite's form of what PostgreSQL keeps in a GIN-indexed tsvector
        // column.
        ex.query("SELECT name FROM pragma_table_list WHERE schema = 'main' AND type IN ('table', "
                 "'view') "
                 "AND name NOT LIKE 'sqlite_%' ORDER BY name"));
    for (const Row& t : tables) {
      const std::string table = t.text(0);
      const Rows cols = TRY(ex.query(
          "SELECT name, type, \"notnull\", pk FROM pragma_table_info($1) ORDER BY cid", {table}));
      for (const Row& c : cols) {
        // A primary-key column is never NULL (SQLite's INTEGER PRIMARY KEY is the rowid).
        const bool not_null = c.i64(2) != 0 || c.i64(3) != 0;
        s.columns[table][c.text(0)] = kind_of(c.text(1)) + (not_null ? " not null" : "");
      }
      const Rows indexes = TRY(ex.query(
          "SELECT name, origin, partial FROM pragma_index_list($1) WHERE \"unique\" = 1", {table}));
      for (const Row& i : indexes) {
        const Rows parts =
            TRY(ex.query("SELECT name FROM pragma_index_info($1) ORDER BY seqno", {i.text(0)}));
        std::vector<std::string> names;
        for (const Row& p : parts)
          names.push_back(p.is_null(0) ? "expr" : p.text(0));
        const std::string origin = i.text(1);
        const std::string name = origin == "pk" ? "pk" : origin == "u" ? "unique" : i.text(0);
        s.unique_indexes.insert(index_line(table, name, names, i.i64(2) != 0));
      }
      // An INTEGER PRIMARY KEY is the rowid and has no index of its own.
      bool has_pk_index = false;
      for (const Row& i : indexes)
        has_pk_index = has_pk_index || i.text(1) == "pk";
      if (!has_pk_index) {
        std::vector<std::string> pk;
        for (const Row& c : cols) {
          if (c.i64(3) != 0) pk.push_back(c.text(0));
        }
        if (!pk.empty()) s.unique_indexes.insert(index_line(table, "pk", pk, false));
      }
    }
    return {};
  }));
  return s;
}

#ifdef FUWU_HAVE_POSTGRES
Result<Schema> postgres_schema(Database& db) {
  Schema s;
  TRY_VOID(db.read([&](Executor& ex) -> Status {
    const Rows cols = TRY(
        ex.query("SELECT table_name::text, column_name::text, data_type::text, is_nullable::text "
                 "FROM information_schema.columns WHERE table_schema = current_schema() "
                 "ORDER BY table_name, ordinal_position"));
    for (const Row& c : cols) {
      s.columns[c.text(0)][c.text(1)] = kind_of(c.text(2)) + (c.text(3) == "NO" ? " not null" : "");
    }
    const Rows indexes =
        TRY(ex.query("SELECT t.relname::text, i.relname::text, ix.indisprimary::int, "
                     " (ix.indpred IS NOT NULL)::int, "
                     " EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = ix.indexrelid "
                     "         AND c.contype = 'u')::int, "
                     " array_to_string(ARRAY(SELECT COALESCE(a.attname::text, 'expr') "
                     "   FROM unnest(ix.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord) "
                     "   LEFT JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum "
                     "   ORDER BY k.ord), ',') "
                     "FROM pg_index ix JOIN pg_class i ON i.oid = ix.indexrelid "
                     "JOIN pg_class t ON t.oid = ix.indrelid "
                     "JOIN pg_namespace n ON n.oid = t.relnamespace "
                     "WHERE n.nspname = current_schema() AND ix.indisunique"));
    for (const Row& i : indexes) {
      std::vector<std::string> names;
      std::string list = i.text(5);
      std::size_t start = 0;
      while (start <= list.size()) {
        const std::size_t comma = list.find(',', start);
        names.push_back(list.substr(start, comma == std::string::npos ? comma : comma - start));
        if (comma == std::string::npos) break;
        start = comma + 1;
      }
      const std::string name = i.i64(2) != 0 ? "pk" : i.i64(4) != 0 ? "unique" : i.text(1);
      s.unique_indexes.insert(index_line(i.text(0), name, names, i.i64(3) != 0));
    }
    return {};
  }));
  return s;
}
#endif

TEST(SchemaParity, MigrationVersionsAndNamesMatch) {
#ifdef FUWU_HAVE_POSTGRES
  const auto& lite = sqlite::embedded_migrations();
  const auto& pg = postgres::embedded_migrations();
  ASSERT_EQ(lite.size(), pg.size()) << "every SQLite migration needs a PostgreSQL mirror";
  for (std::size_t i = 0; i < lite.size(); ++i) {
    EXPECT_EQ(lite[i].version, pg[i].version);
    EXPECT_EQ(lite[i].name, pg[i].name);
  }
#else
  GTEST_SKIP() << "built without the PostgreSQL backend";
#endif
}

TEST(SchemaParity, BothBackendsHaveTheSameTablesColumnsAndUniqueIndexes) {
#ifdef FUWU_HAVE_POSTGRES
  const auto& list = backends();
  if (list.size() < 2) GTEST_SKIP() << "FUWU_TEST_PG_URL is not set (see scripts/pg)";
  TempDir lite_dir;
  TempDir pg_dir;
  auto lite = list[0].open(lite_dir.path());
  FUWU_ASSERT_OK(lite);
  auto pg = list[1].open(pg_dir.path());
  FUWU_ASSERT_OK(pg);
  FUWU_ASSERT_OK(migrate(**lite, sqlite::embedded_migrations(), kNow));
  FUWU_ASSERT_OK(migrate(**pg, postgres::embedded_migrations(), kNow));
  auto a = sqlite_schema(**lite);
  FUWU_ASSERT_OK(a);
  auto b = postgres_schema(**pg);
  FUWU_ASSERT_OK(b);
  (*pg).reset();
  list[1].close(pg_dir.path());

  EXPECT_FALSE(a->columns.empty());
  for (const auto& [table, cols] : a->columns) {
    ASSERT_TRUE(b->columns.contains(table)) << "PostgreSQL lacks table " << table;
    for (const auto& [col, def] : cols) {
      ASSERT_TRUE(b->columns[table].contains(col))
          << "PostgreSQL lacks column " << table << "." << col;
      EXPECT_EQ(def, b->columns[table][col]) << table << "." << col;
    }
  }
  for (const auto& [table, cols] : b->columns) {
    ASSERT_TRUE(a->columns.contains(table)) << "SQLite lacks table " << table;
    for (const auto& [col, def] : cols) {
      EXPECT_TRUE(a->columns[table].contains(col)) << "SQLite lacks column " << table << "." << col;
    }
  }
  EXPECT_EQ(a->unique_indexes, b->unique_indexes);
#else
  GTEST_SKIP() << "built without the PostgreSQL backend";
#endif
}

// Several nodes starting at once on one PostgreSQL database apply each migration once.
TEST(SchemaParity, ConcurrentMigrationsOnPostgresApplyEachOnce) {
#ifdef FUWU_HAVE_POSTGRES
  const auto& list = backends();
  if (list.size() < 2) GTEST_SKIP() << "FUWU_TEST_PG_URL is not set (see scripts/pg)";
  TempDir dir;
  std::vector<std::unique_ptr<Database>> nodes;
  for (int i = 0; i < 3; ++i) {
    auto db = list[1].open(dir.path());
    FUWU_ASSERT_OK(db);
    nodes.push_back(std::move(db).value());
  }
  std::vector<Result<MigrationReport>> reports(nodes.size(), MigrationReport{});
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    threads.emplace_back(
        [&, i] { reports[i] = migrate(*nodes[i], postgres::embedded_migrations(), kNow); });
  }
  for (auto& t : threads)
    t.join();
  std::size_t applied = 0;
  for (const auto& r : reports) {
    FUWU_ASSERT_OK(r);
    EXPECT_EQ(r->to_version, postgres::embedded_migrations().back().version);
    applied += r->applied.size();
  }
  EXPECT_EQ(applied, postgres::embedded_migrations().size());
  Rows rows;
  FUWU_ASSERT_OK(nodes[0]->read([&](Executor& ex) -> Status {
    rows = TRY(ex.query("SELECT count(*) FROM schema_migrations"));
    return {};
  }));
  EXPECT_EQ(rows.at(0).i64(0), static_cast<std::int64_t>(applied));
  nodes.clear();
  list[1].close(dir.path());
#else
  GTEST_SKIP() << "built without the PostgreSQL backend";
#endif
}

}  // namespace
}  // namespace fuwu::store::contract
