// fuwu copy-db --from URL --to URL: moves an installation between backends (SQLite <-> PostgreSQL,
// or to a new database of the same kind). The target is migrated to this binary's schema and must
// hold no data yet (only the rows the migrations seed, which the copy replaces). Every table is
// copied in foreign-key order, in batches, each batch one write transaction; then the row count
// and an order-independent checksum of every table are compared on both sides.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cinttypes>
#include <cstdio>
#include <cstring>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "cli/command_table.h"
#include "cli/database.h"
#include "store/migration.h"
#include "store/search/tokenizer.h"

namespace fuwu::cli {
namespace {

struct Table {
  std::string name;
  std::vector<std::string> columns;      // in declaration order
  std::vector<std::string> primary_key;  // columns of the primary key, in key order
  std::set<std::string> parents;         // tables its foreign keys reference
  bool identity_id = false;              // PostgreSQL: an identity column named id
};

std::string quoted(const std::string& name) {
  return "\"" + name + "\"";
}

std::string column_list(const std::vector<std::string>& columns) {
  std::string out;
  for (std::size_t i = 0; i < columns.size(); ++i)
    out += (i ? ", " : "") + quoted(columns[i]);
  return out;
}

// search_documents.tokens: the search index's tokens (a tsvector on PostgreSQL, NULL on SQLite,
// whose FTS5 index holds them); rebuilt on a PostgreSQL target by rebuild_search_tokens().
bool is_derived(const std::string& table, const std::string& column) {
  return table == "search_documents" && column == "tokens";
}

// The tables of `db` (without schema_migrations) with their columns, keys and parents.
Result<std::vector<Table>> catalog(store::Database& db) {
  std::vector<Table> tables;
  const bool pg = db.dialect() == store::DialectKind::postgres;
  TRY_VOID(db.read([&](store::Executor& ex) -> Status {
    tables.clear();
    const store::Rows names = TRY(ex.query(
        pg ? "SELECT table_name::text FROM information_schema.tables "
             "WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1"
           // Ordinary tables only: an FTS5 index (virtual, with its shadow tables) is derived
           // data that the target's own triggers rebuild from the rows copied.
           : "SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' "
             "AND name NOT LIKE 'sqlite_%' ORDER BY 1"));
    for (const auto& n : names) {
      Table t;
      t.name = n.text(0);
      if (t.name == "schema_migrations") continue;
      if (pg) {
        const store::Rows cols = TRY(ex.query(
            "SELECT column_name::text, (is_identity = 'YES')::int FROM information_schema.columns "
            "WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position",
            {t.name}));
        for (const auto& c : cols) {
          t.columns.push_back(c.text(0));
          if (c.text(0) == "id" && c.i64(1) != 0) t.identity_id = true;
        }
        const store::Rows pk =
            TRY(ex.query("SELECT a.attname::text FROM pg_index ix "
                         "JOIN pg_class t ON t.oid = ix.indrelid "
                         "JOIN unnest(ix.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord) ON true "
                         "JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum "
                         "WHERE ix.indisprimary AND t.relname = $1 "
                         "AND t.relnamespace = current_schema()::regnamespace ORDER BY k.ord",
                         {t.name}));
        for (const auto& c : pk)
          t.primary_key.push_back(c.text(0));
        const store::Rows fks = TRY(
            ex.query("SELECT p.relname::text FROM pg_constraint c "
                     "JOIN pg_class t ON t.oid = c.conrelid JOIN pg_class p ON p.oid = c.confrelid "
                     "WHERE c.contype = 'f' AND t.relname = $1 "
                     "AND t.relnamespace = current_schema()::regnamespace",
                     {t.name}));
        for (const auto& f : fks)
          t.parents.insert(f.text(0));
      } else {
        const store::Rows cols =
            TRY(ex.query("SELECT name, pk FROM pragma_table_info($1) ORDER BY cid", {t.name}));
        std::vector<std::pair<std::int64_t, std::string>> pk;
        for (const auto& c : cols) {
          t.columns.push_back(c.text(0));
          if (c.i64(1) > 0) pk.emplace_back(c.i64(1), c.text(0));
        }
        std::sort(pk.begin(), pk.end());
        for (const auto& [_, name] : pk)
          t.primary_key.push_back(name);
        const store::Rows fks =
            TRY(ex.query("SELECT DISTINCT \"table\" FROM pragma_foreign_key_list($1)", {t.name}));
        for (const auto& f : fks)
          t.parents.insert(f.text(0));
      }
      // Derived columns are not copied (nor compared): each backend computes its own.
      std::erase_if(t.columns, [&](const std::string& c) { return is_derived(t.name, c); });
      if (t.primary_key.empty()) t.primary_key = t.columns;
      tables.push_back(std::move(t));
    }
    return {};
  }));
  return tables;
}

// Parents before children (self-references ignored).
Result<std::vector<Table>> in_dependency_order(std::vector<Table> tables) {
  std::vector<Table> out;
  std::set<std::string> done;
  while (!tables.empty()) {
    auto ready = std::find_if(tables.begin(), tables.end(), [&](const Table& t) {
      return std::all_of(t.parents.begin(), t.parents.end(),
                         [&](const std::string& p) { return p == t.name || done.contains(p); });
    });
    if (ready == tables.end()) {
      return Error(ErrorCode::internal,
                   "copy-db: the foreign keys of table " + tables.front().name + " form a cycle");
    }
    done.insert(ready->name);
    out.push_back(std::move(*ready));
    tables.erase(ready);
  }
  return out;
}

// FNV-1a over a canonical form of the value (kind tag, then the bytes), so that the same row
// gives the same hash on both backends.
std::uint64_t hash_value(std::uint64_t h, const store::Value& v) {
  auto mix = [&h](const void* data, std::size_t n) {
    const auto* p = static_cast<const unsigned char*>(data);
    for (std::size_t i = 0; i < n; ++i) {
      h ^= p[i];
      h *= 1099511628211ULL;
    }
  };
  std::string canon;
  if (std::holds_alternative<store::Null>(v)) {
    canon = "n";
  } else if (const auto* i = std::get_if<std::int64_t>(&v)) {
    canon = "i" + std::to_string(*i);
  } else if (const auto* d = std::get_if<double>(&v)) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "f%.17g", *d);
    canon = buf;
  } else if (const auto* s = std::get_if<std::string>(&v)) {
    canon = "t" + std::to_string(s->size()) + ":" + *s;
  } else {
    const auto& b = std::get<store::Blob>(v).bytes;
    canon = "b" + std::to_string(b.size()) + ":" + b;
  }
  mix(canon.data(), canon.size());
  mix("|", 1);
  return h;
}

struct TableSum {
  std::int64_t rows = 0;
  std::uint64_t checksum = 0;  // sum of the rows' hashes: independent of the order
  bool operator==(const TableSum&) const = default;
};

constexpr std::size_t kMaxParams = 30000;  // below SQLite's and PostgreSQL's parameter limits

// Reads `table` in primary-key order, `batch` rows at a time (keyset paging), calling `each`.
Status scan(store::Database& db, const Table& t, std::size_t batch,
            const std::function<Status(const store::Rows&)>& each) {
  std::vector<std::size_t> key_index;
  for (const auto& k : t.primary_key) {
    key_index.push_back(static_cast<std::size_t>(std::find(t.columns.begin(), t.columns.end(), k) -
                                                 t.columns.begin()));
  }
  const std::string base = "SELECT " + column_list(t.columns) + " FROM " + quoted(t.name);
  const std::string order =
      " ORDER BY " + column_list(t.primary_key) + " LIMIT " + std::to_string(batch);
  std::string after = " WHERE (" + column_list(t.primary_key) + ") > (";
  for (std::size_t i = 0; i < t.primary_key.size(); ++i) {
    after += (i ? ", $" : "$") + std::to_string(i + 1);
  }
  after += ")";
  std::vector<store::Value> last;
  for (;;) {
    store::Rows rows;
    TRY_VOID(db.read([&](store::Executor& ex) -> Status {
      if (last.empty()) {
        rows = TRY(ex.query(base + order, std::span<const store::Value>()));
      } else {
        rows = TRY(ex.query(base + after + order, std::span<const store::Value>(last)));
      }
      return {};
    }));
    if (rows.empty()) return {};
    TRY_VOID(each(rows));
    last.clear();
    for (std::size_t k : key_index)
      last.push_back(rows.back().value(k));
    if (rows.size() < batch) return {};
  }
}

Result<TableSum> summarise(store::Database& db, const Table& t) {
  TableSum sum;
  TRY_VOID(scan(db, t, 2000, [&](const store::Rows& rows) -> Status {
    for (const auto& r : rows) {
      std::uint64_t h = 14695981039346656037ULL;
      for (std::size_t i = 0; i < r.size(); ++i)
        h = hash_value(h, r.value(i));
      sum.checksum += h;
      ++sum.rows;
    }
    return {};
  }));
  return sum;
}

Result<std::int64_t> row_count(store::Database& db, const std::string& table) {
  std::int64_t n = 0;
  TRY_VOID(db.read([&](store::Executor& ex) -> Status {
    auto row = TRY(ex.query_one("SELECT count(*) FROM " + quoted(table)));
    n = row ? row->i64(0) : 0;
    return {};
  }));
  return n;
}

void progress(const std::string& table, std::int64_t done, std::int64_t total, bool tty) {
  if (!tty && done != total) return;
  constexpr int kWidth = 30;
  const int filled = total == 0 ? kWidth : static_cast<int>(done * kWidth / total);
  std::fprintf(stderr, "\r  %-28s [%s%s] %" PRId64 "/%" PRId64 "%s", table.c_str(),
               std::string(static_cast<std::size_t>(filled), '#').c_str(),
               std::string(static_cast<std::size_t>(kWidth - filled), ' ').c_str(), done, total,
               done == total ? "\n" : "");
  std::fflush(stderr);
}

// PostgreSQL target: the tokens of every search document, as the application writes them
// (app/search: title A, body B, internal notes C).
Status rebuild_search_tokens(store::Database& db) {
  std::int64_t after = -1;
  for (;;) {
    store::Rows rows;
    TRY_VOID(db.read([&](store::Executor& ex) -> Status {
      rows = TRY(ex.query(
          "SELECT ticket_id, title, body, internal FROM search_documents WHERE ticket_id > $1 "
          "ORDER BY ticket_id LIMIT 500",
          {after}));
      return {};
    }));
    if (rows.empty()) return {};
    TRY_VOID(db.write([&](store::Executor& ex) -> Status {
      for (const auto& r : rows) {
        const std::string tokens =
            search::tsvector({{r.text(1), 'A'}, {r.text(2), 'B'}, {r.text(3), 'C'}});
        TRY_VOID(ex.exec("UPDATE search_documents SET tokens = $2::tsvector WHERE ticket_id = $1",
                         {r.i64(0), tokens}));
      }
      return {};
    }));
    after = rows.back().i64(0);
  }
}

struct CopyFlags {
  std::string from;
  std::string to;
  int batch = 500;
};

Status copy(const CopyFlags& f) {
  auto source = TRY(open_database(f.from, MigrateMode::check_current));
  auto target = TRY(open_database(f.to, MigrateMode::apply));
  const int from_version = TRY(store::schema_version(*source.db));
  const int to_version = TRY(store::schema_version(*target.db));
  if (from_version != to_version) {
    return Error(ErrorCode::conflict, "the schemas differ: " + source.description + " is at " +
                                          std::to_string(from_version) + ", " + target.description +
                                          " at " + std::to_string(to_version));
  }
  const auto tables = TRY(in_dependency_order(TRY(catalog(*source.db))));
  const auto target_tables = TRY(catalog(*target.db));
  std::map<std::string, const Table*> by_name;
  for (const auto& t : target_tables)
    by_name[t.name] = &t;
  for (const auto& t : tables) {
    if (!by_name.contains(t.name)) {
      return Error(ErrorCode::conflict, target.description + " has no table " + t.name);
    }
  }
  // A target with people, records or an audit journal is in use: refuse.
  for (const char* used : {"users", "audit_entries", "outbox"}) {
    if (by_name.contains(used) && TRY(row_count(*target.db, used)) > 0) {
      return Error(ErrorCode::conflict, target.description + " already holds data (table " + used +
                                            "); copy into a new, empty database");
    }
  }
  // Remove the rows the target's migrations seeded (children first); the copy brings them.
  TRY_VOID(target.db->write([&](store::Executor& ex) -> Status {
    for (auto t = tables.rbegin(); t != tables.rend(); ++t) {
      if (t->name == "audit_entries" || t->name == "audit_changes") continue;  // empty, append-only
      TRY_VOID(ex.exec("DELETE FROM " + quoted(t->name)));
    }
    return {};
  }));

  const bool tty = ::isatty(STDERR_FILENO) != 0;
  std::fprintf(stderr, "Copying %zu tables from %s to %s\n", tables.size(),
               source.description.c_str(), target.description.c_str());
  for (const auto& t : tables) {
    const std::int64_t total = TRY(row_count(*source.db, t.name));
    const std::size_t per_batch = std::max<std::size_t>(
        1, std::min<std::size_t>(static_cast<std::size_t>(std::max(f.batch, 1)),
                                 kMaxParams / std::max<std::size_t>(t.columns.size(), 1)));
    std::int64_t done = 0;
    progress(t.name, 0, total, tty);
    TRY_VOID(scan(*source.db, t, per_batch, [&](const store::Rows& rows) -> Status {
      std::string sql =
          "INSERT INTO " + quoted(t.name) + " (" + column_list(t.columns) + ") VALUES ";
      std::vector<store::Value> params;
      params.reserve(rows.size() * t.columns.size());
      for (std::size_t r = 0; r < rows.size(); ++r) {
        sql += r ? ", (" : "(";
        for (std::size_t c = 0; c < t.columns.size(); ++c) {
          params.push_back(rows[r].value(c));
          sql += (c ? ", $" : "$") + std::to_string(params.size());
        }
        sql += ")";
      }
      TRY_VOID(target.db->write([&](store::Executor& ex) -> Status {
        TRY_VOID(ex.exec(sql, std::span<const store::Value>(params)));
        return {};
      }));
      done += static_cast<std::int64_t>(rows.size());
      progress(t.name, done, std::max(total, done), tty);
      return {};
    }));
    if (total == 0) progress(t.name, 0, 0, tty);
    if (target.db->dialect() == store::DialectKind::postgres && t.name == "search_documents") {
      TRY_VOID(rebuild_search_tokens(*target.db));
    }
    // PostgreSQL: identity columns continue after the copied ids.
    if (target.db->dialect() == store::DialectKind::postgres && by_name[t.name]->identity_id) {
      TRY_VOID(target.db->write([&](store::Executor& ex) -> Status {
        TRY_VOID(
            ex.query("SELECT setval(pg_get_serial_sequence($1, 'id'), "
                     "COALESCE((SELECT MAX(id) FROM " +
                         quoted(t.name) + "), 0) + 1, false)",
                     {t.name}));
        return {};
      }));
    }
  }

  std::fprintf(stderr, "Verifying row counts and checksums\n");
  bool all_equal = true;
  for (const auto& t : tables) {
    const TableSum a = TRY(summarise(*source.db, t));
    const TableSum b = TRY(summarise(*target.db, t));
    const bool equal = a == b;
    all_equal = all_equal && equal;
    std::printf("%-30s %10" PRId64 " rows  checksum %016" PRIx64 "  %s\n", t.name.c_str(), a.rows,
                a.checksum, equal ? "ok" : "DIFFERS");
    if (!equal) {
      std::printf("%-30s %10" PRId64 " rows  checksum %016" PRIx64 "  (target)\n", "", b.rows,
                  b.checksum);
    }
  }
  if (!all_equal) {
    return Error(ErrorCode::internal, "the copy differs from the source (see the table above)");
  }
  std::printf("copied %zu tables: every row count and checksum matches\n", tables.size());
  return {};
}

}  // namespace

void add_copy_db_command(CLI::App& app) {
  auto flags = std::make_shared<CopyFlags>();
  auto* cmd = app.add_subcommand(
      "copy-db", "Copy every table to a new database (SQLite <-> PostgreSQL) and verify it");
  cmd->add_option("--from", flags->from, "Source: a SQLite file or postgresql:// URL")->required();
  cmd->add_option("--to", flags->to, "Target: a new SQLite file or an empty PostgreSQL database")
      ->required();
  cmd->add_option("--batch", flags->batch, "Rows per transaction (default 500)");
  cmd->footer(
      "Stop every `fuwu serve` on the source first. The target is migrated to this binary's "
      "schema\nand must hold no data. Ends with the row count and checksum of every table on "
      "both sides.\nExamples:\n"
      "  fuwu copy-db --from data/fuwu.db --to postgresql://fuwu@db1/fuwu\n"
      "  fuwu copy-db --from postgresql://fuwu@db1/fuwu --to /var/backups/fuwu-copy.db");
  cmd->callback([flags] {
    if (auto st = copy(*flags); !st.ok()) fail(st.error());
  });
}

}  // namespace fuwu::cli
