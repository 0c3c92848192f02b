// `fuwu import`: organisations, people and tickets from CSV, through the same use cases as the
// API (so the same rules, audit entries and events apply).
//
// import_rows runs every row inside the caller's unit of work, each row in its own savepoint, and
// reports every rejected row with its line, column and reason instead of stopping at the first.
// The caller makes the import all-or-nothing: it commits only when the report has no problems
// and this is not a dry run, and otherwise rolls the whole unit back.
//
// Columns (header names, any order; * required):
//   organisations: name*, kind (own|customer|supplier, default customer), code, region_code, notes
//   users: login*, role*, kind (user|contact, default user), organisation (name), display_name,
//          email, phone, language, time_zone, manager (login, also of a person earlier in the file)
//   tickets: kind* (incident|request), title*, organisation* (name), description, requester
//          (login), impact, urgency, channel, service, group (name)
#pragma once

#include <string>
#include <vector>

#include "app/platform/context.h"
#include "domain/import/csv.h"

namespace fuwu::app {

enum class ImportKind { organisations, users, tickets };
std::optional<ImportKind> parse_import_kind(std::string_view s);

struct ImportProblem {
  int line = 0;        // the physical line of the row (1 = header)
  std::string column;  // "" when the problem concerns the whole row
  std::string reason;
};

struct ImportReport {
  int rows = 0;
  int imported = 0;
  std::vector<ImportProblem> problems;
};

// Fails only when the database fails; row problems go into the report.
Result<ImportReport> import_rows(store::Executor& ex, const Actor& actor, Instant now,
                                 ImportKind kind, const csv::CsvTable& table);

}  // namespace fuwu::app
