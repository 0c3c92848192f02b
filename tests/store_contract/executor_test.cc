// Statements through Executor: placeholders, value round trips, RETURNING, scripts, and the
// typed errors every backend must produce.
#include <gmock/gmock.h>

#include <limits>

#include "store_contract/backend.h"

namespace fuwu::store::contract {
namespace {

using ::testing::HasSubstr;

class ExecutorContract : public ContractTest {
 protected:
  // Runs one statement in a write unit and returns its outcome.
  Status write_exec(const std::string& sql, std::vector<Value> params) {
    return db().write([&](Executor& ex) -> Status {
      TRY_VOID(ex.exec(sql, std::span<const Value>(params)));
      return {};
    });
  }
  std::int64_t insert_parent(const std::string& name) {
    const Rows rows = write_query("INSERT INTO parents (name) VALUES ($1) RETURNING id", {name});
    return rows.empty() ? 0 : rows.front().i64(0);
  }
};

TEST_P(ExecutorContract, PlaceholdersBindByNumberInAnyOrderAndRepeated) {
  write_query("INSERT INTO items (name, qty) VALUES ($2, $1)", {std::int64_t{7}, "seven"});
  write_query("INSERT INTO items (name, qty) VALUES ($1, $2)", {"eight", std::int64_t{8}});

  Rows rows = read_query("SELECT name FROM items WHERE qty >= $1 AND qty <= $1", {std::int64_t{7}});
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].text(0), "seven");

  rows = read_query("SELECT qty FROM items WHERE name = $2 OR qty = $1 ORDER BY qty",
                    {std::int64_t{8}, "seven"});
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].i64(0), 7);
  EXPECT_EQ(rows[1].i64(0), 8);
}

TEST_P(ExecutorContract, WrongParameterCountIsAnInternalError) {
  const Status too_few = write_exec("INSERT INTO items (name, qty) VALUES ($1, $2)", {"x"});
  ASSERT_FALSE(too_few.ok());
  EXPECT_EQ(too_few.error().code, ErrorCode::internal);
  const Status too_many = write_exec("INSERT INTO items (name) VALUES ($1)", {"x", "y"});
  ASSERT_FALSE(too_many.ok());
  EXPECT_EQ(too_many.error().code, ErrorCode::internal);
  EXPECT_EQ(count("items"), 0);
}

TEST_P(ExecutorContract, ValuesRoundTrip) {
  const std::string chinese = "服务器宕机，网络中断 — 请尽快处理";
  const std::string bytes("\0\x01\xff\xfe zero\0middle", 17);
  const std::int64_t big = std::numeric_limits<std::int64_t>::max();
  const std::int64_t small = std::numeric_limits<std::int64_t>::min();
  write_query("INSERT INTO items (name, qty, n, price, data) VALUES ($1, $2, $3, $4, $5)",
              {chinese, std::int64_t{3}, big, 12.5, Blob{bytes}});
  write_query("INSERT INTO items (name, qty, n, price, data) VALUES ($1, $2, $3, $4, $5)",
              {"nulls", Null{}, small, Null{}, Null{}});
  write_query("INSERT INTO items (name, n, price, data) VALUES ($1, $2, $3, $4)",
              {"", std::int64_t{-1}, -1e300, Blob{}});

  const Rows rows = read_query("SELECT name, qty, n, price, data FROM items ORDER BY id", {});
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].text(0), chinese);
  EXPECT_EQ(rows[0].i64(1), 3);
  EXPECT_EQ(rows[0].i64(2), big);
  EXPECT_DOUBLE_EQ(rows[0].f64(3), 12.5);
  EXPECT_EQ(rows[0].value(4), Value(Blob{bytes}));
  EXPECT_EQ(rows[0].bytes(4).size(), 17u);

  EXPECT_TRUE(rows[1].is_null(1));
  EXPECT_EQ(rows[1].opt_i64(1), std::nullopt);
  EXPECT_EQ(rows[1].i64(2), small);
  EXPECT_TRUE(rows[1].is_null(3));
  EXPECT_TRUE(rows[1].is_null(4));

  EXPECT_EQ(rows[2].value(0), Value(std::string()));  // empty text is not NULL
  EXPECT_EQ(rows[2].value(4), Value(Blob{}));         // empty blob is not NULL
  EXPECT_DOUBLE_EQ(rows[2].f64(3), -1e300);

  // Parameters compare by value, also text with Chinese characters and blobs with NULs.
  EXPECT_EQ(read_query("SELECT qty FROM items WHERE name = $1", {chinese}).size(), 1u);
  EXPECT_EQ(read_query("SELECT qty FROM items WHERE data = $1", {Blob{bytes}}).size(), 1u);
}

TEST_P(ExecutorContract, ReturningAndChangeCounts) {
  const std::int64_t p = insert_parent("acme");
  EXPECT_GT(p, 0);
  Rows rows = write_query(
      "INSERT INTO items (parent_id, name, qty) VALUES ($1, $2, $3) RETURNING id, name, qty",
      {p, "a", std::int64_t{1}});
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_GT(rows[0].i64(0), 0);
  EXPECT_EQ(rows[0].text(1), "a");
  write_query("INSERT INTO items (parent_id, name, qty) VALUES ($1, 'b', 2), ($1, 'c', 3)", {p});

  std::int64_t changed = -1;
  FUWU_ASSERT_OK(db().write([&](Executor& ex) -> Status {
    changed = TRY(ex.exec("UPDATE items SET qty = qty + 10 WHERE parent_id = $1", {p}));
    return {};
  }));
  EXPECT_EQ(changed, 3);
  FUWU_ASSERT_OK(db().write([&](Executor& ex) -> Status {
    changed = TRY(ex.exec("UPDATE items SET qty = 0 WHERE name = $1", {"nobody"}));
    return {};
  }));
  EXPECT_EQ(changed, 0);

  rows = write_query("UPDATE items SET qty = qty + 1 WHERE name = $1 RETURNING qty", {"c"});
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].i64(0), 14);
  rows = write_query("DELETE FROM items WHERE qty > $1 RETURNING name", {std::int64_t{11}});
  EXPECT_EQ(rows.size(), 2u);
  EXPECT_EQ(count("items"), 1);
}

TEST_P(ExecutorContract, ReturningIdIsTheInsertedRowsIdInEveryFormOfInsert) {
  // A one-row insert (which SQLite answers from the rowid), several in one unit, a failed one
  // between them, an upsert and an insert of nothing each give exactly what RETURNING says.
  std::vector<std::int64_t> ids;
  FUWU_ASSERT_OK(db().write([&](Executor& ex) -> Status {
    for (const char* name : {"one", "two"}) {
      ids.push_back(TRY(ex.query("INSERT INTO parents (name) VALUES ($1) RETURNING id", {name}))
                        .at(0)
                        .i64(0));
    }
    return {};
  }));
  EXPECT_FALSE(write_exec("INSERT INTO parents (name) VALUES ($1)", {"one"}).ok());  // duplicate
  ids.push_back(insert_parent("three"));
  for (std::size_t i = 0; i < ids.size(); ++i) {
    const char* names[] = {"one", "two", "three"};
    const Rows row = read_query("SELECT id FROM parents WHERE name = $1", {names[i]});
    ASSERT_EQ(row.size(), 1u);
    EXPECT_EQ(row[0].i64(0), ids[i]) << names[i];
  }
  Rows rows = write_query(
      "INSERT INTO parents (name) VALUES ($1) ON CONFLICT (name) DO UPDATE SET name = "
      "excluded.name RETURNING id",
      {"two"});
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].i64(0), ids[1]);  // the existing row's id, not the last inserted one
  rows = write_query(
      "INSERT INTO parents (name) VALUES ($1) ON CONFLICT (name) DO NOTHING RETURNING id", {"one"});
  EXPECT_TRUE(rows.empty());
  rows = write_query("INSERT INTO parents (name) SELECT 'four' WHERE 1 = 0 RETURNING id", {});
  EXPECT_TRUE(rows.empty());
}

TEST_P(ExecutorContract, QueryOneGivesTheFirstRowOrNothing) {
  insert_parent("x");
  FUWU_ASSERT_OK(db().read([&](Executor& ex) -> Status {
    auto row = TRY(ex.query_one("SELECT name FROM parents WHERE name = $1", {"x"}));
    EXPECT_TRUE(row.has_value());
    if (row) {
      EXPECT_EQ(row->text(0), "x");
    }
    auto none = TRY(ex.query_one("SELECT name FROM parents WHERE name = $1", {"y"}));
    EXPECT_FALSE(none.has_value());
    return {};
  }));
}

TEST_P(ExecutorContract, UniqueViolationIsConflictWithSubject) {
  insert_parent("acme");
  const Status s = write_exec("INSERT INTO parents (name) VALUES ($1)", {"acme"});
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::conflict) << describe(s.error());
  EXPECT_THAT(s.error().subject, HasSubstr("name"));
  EXPECT_EQ(count("parents"), 1);
}

TEST_P(ExecutorContract, ForeignKeyViolationIsValidationFailed) {
  const Status s =
      write_exec("INSERT INTO items (parent_id, name) VALUES ($1, $2)", {std::int64_t{999}, "x"});
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::validation_failed) << describe(s.error());
  EXPECT_FALSE(s.error().subject.empty());

  // ... also when deleting a record that is still referenced.
  const std::int64_t p = insert_parent("acme");
  write_query("INSERT INTO items (parent_id, name) VALUES ($1, 'a')", {p});
  const Status del = write_exec("DELETE FROM parents WHERE id = $1", {p});
  ASSERT_FALSE(del.ok());
  EXPECT_EQ(del.error().code, ErrorCode::validation_failed) << describe(del.error());
}

TEST_P(ExecutorContract, CheckViolationIsValidationFailedNamingTheConstraint) {
  const Status s =
      write_exec("INSERT INTO items (name, qty) VALUES ($1, $2)", {"x", std::int64_t{-1}});
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::validation_failed) << describe(s.error());
  EXPECT_EQ(s.error().subject, "items_qty_positive");
}

TEST_P(ExecutorContract, NotNullViolationIsValidationFailedNamingTheColumn) {
  const Status s = write_exec("INSERT INTO items (name) VALUES ($1)", {Null{}});
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::validation_failed) << describe(s.error());
  EXPECT_THAT(s.error().subject, HasSubstr("name"));
}

TEST_P(ExecutorContract, BadSqlIsInternal) {
  const Status s = write_exec("SELEC nothing FROM nowhere", {});
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::internal);
  const Status missing = write_exec("SELECT * FROM no_such_table", {});
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::internal);
}

TEST_P(ExecutorContract, ExecScriptRunsSeveralStatements) {
  FUWU_ASSERT_OK(db().write([](Executor& ex) {
    return ex.exec_script(
        "CREATE TABLE script_t (a INTEGER NOT NULL);\n"
        "INSERT INTO script_t (a) VALUES (1);\n"
        "-- a comment; with a semicolon\n"
        "INSERT INTO script_t (a) VALUES (2);\n");
  }));
  EXPECT_EQ(count("script_t"), 2);

  // A failing script fails its unit; nothing of the unit stays.
  const Status s = db().write([](Executor& ex) {
    return ex.exec_script(
        "INSERT INTO script_t (a) VALUES (3);\n"
        "INSERT INTO script_t (a) VALUES (NULL);\n");
  });
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::validation_failed);
  EXPECT_EQ(count("script_t"), 2);
}

TEST_P(ExecutorContract, ReportsItsDialect) {
  FUWU_ASSERT_OK(db().read([&](Executor& ex) -> Status {
    EXPECT_EQ(ex.dialect(), db().dialect());
    return {};
  }));
  FUWU_ASSERT_OK(db().ping());
}

INSTANTIATE_TEST_SUITE_P(Backends, ExecutorContract, ::testing::ValuesIn(backends()), backend_name);

}  // namespace
}  // namespace fuwu::store::contract
