#include "store_contract/backend.h"

#include <cstdlib>
#include <filesystem>

#include "store/sqlite/sqlite_database.h"

namespace fuwu::store::contract {
namespace {

// The suite's tables. Each backend spells them in its own dialect; the statements in the tests
// are written once and must work on all of them.
constexpr const char* kSqliteSchema = R"sql(
CREATE TABLE parents (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE
);
CREATE TABLE items (
  id INTEGER PRIMARY KEY,
  parent_id INTEGER REFERENCES parents (id),
  name TEXT NOT NULL UNIQUE,
  qty BIGINT CONSTRAINT items_qty_positive CHECK (qty >= 0),
  n BIGINT,
  price REAL,
  data BLOB
);
)sql";

Backend sqlite_backend() {
  Backend b;
  b.name = "sqlite";
  b.open = [](const std::string& dir) {
    sqlite::Options o;
    o.path = dir + "/contract.db";
    o.readers = 3;
    return sqlite::open(o);
  };
  b.schema = kSqliteSchema;
  b.groups_commits = true;
  return b;
}

// PostgreSQL: when FUWU_TEST_PG_URL is set (scripts/pg starts a throwaway cluster and sets
// it), a backend is appended here whose `open` creates a new database per test on that server
// and whose schema is the same tables in PostgreSQL's dialect (BIGINT identity keys, DOUBLE
// PRECISION, BYTEA). See postgres_backend() once store/postgres exists.
std::vector<Backend> make_backends() {
  std::vector<Backend> list{sqlite_backend()};
#ifdef FUWU_TEST_WITH_POSTGRES
  if (const char* url = std::getenv("FUWU_TEST_PG_URL"); url != nullptr && *url != '\0') {
    list.push_back(postgres_backend(url));
  }
#endif
  return list;
}

}  // namespace

const std::vector<Backend>& backends() {
  static const std::vector<Backend> list = make_backends();
  return list;
}

TempDir::TempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "fuwu-store-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

std::string describe(const Error& e) {
  return std::string(error_slug(e.code)) + ": " + e.message +
         (e.subject.empty() ? "" : " [subject " + e.subject + "]");
}

std::string backend_name(const ::testing::TestParamInfo<Backend>& info) {
  return info.param.name;
}

void ContractTest::SetUp() {
  dir_ = std::make_unique<TempDir>();
  auto db = backend().open(dir_->path());
  FUWU_ASSERT_OK(db);
  db_ = std::move(db).value();
  FUWU_ASSERT_OK(db_->write([&](Executor& ex) { return ex.exec_script(backend().schema); }));
}

void ContractTest::TearDown() {
  db_.reset();
  dir_.reset();
}

Rows ContractTest::write_query(const std::string& sql, std::vector<Value> params) {
  return run_query(UnitKind::write, sql, params);
}

Rows ContractTest::read_query(const std::string& sql, std::vector<Value> params) {
  return run_query(UnitKind::read, sql, params);
}

Rows ContractTest::run_query(UnitKind kind, const std::string& sql,
                             const std::vector<Value>& params) {
  Rows rows;
  const Unit unit = [&](Executor& ex) -> Status {
    rows = TRY(ex.query(sql, std::span<const Value>(params)));
    return {};
  };
  const Status s = kind == UnitKind::write ? db_->write(unit) : db_->read(unit);
  EXPECT_TRUE(s.ok()) << sql << ": " << (s.ok() ? "" : describe(s.error()));
  return rows;
}

std::int64_t ContractTest::count(const std::string& table) {
  const Rows rows = read_query("SELECT count(*) FROM " + table);
  return rows.empty() ? -1 : rows.front().i64(0);
}

}  // namespace fuwu::store::contract
