#include <CLI/CLI.hpp>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "app/import/import.h"
#include "base/text_encoding.h"
#include "cli/command_table.h"
#include "cli/database.h"

namespace fuwu::cli {
namespace {

// The file as UTF-8: "auto" takes valid UTF-8 (with or without BOM) as it is and anything else
// as GB18030 (a superset of GBK).
Result<std::string> read_text(const std::string& path, const std::string& encoding,
                              std::string& used) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error(ErrorCode::not_found, "cannot read " + path);
  std::ostringstream buf;
  buf << in.rdbuf();
  const std::string bytes = buf.str();
  std::string e = encoding;
  if (e == "auto") e = csv::valid_utf8(bytes) ? "utf-8" : "gb18030";
  used = e;
  return to_utf8(bytes, e);
}

}  // namespace

void add_import_command(CLI::App& app) {
  struct Flags {
    std::string what;
    std::string file;
    std::string db = "data/fuwu.db";
    std::string encoding = "auto";
    bool dry_run = false;
  };
  auto f = std::make_shared<Flags>();
  auto* cmd = app.add_subcommand(
      "import", "Import organisations, users or tickets from a CSV file, all or nothing");
  cmd->add_option("what", f->what, "organisations | users | tickets")
      ->required()
      ->check(CLI::IsMember({"organisations", "users", "tickets"}));
  cmd->add_option("file", f->file, "The CSV file (UTF-8 with or without BOM, GBK or GB18030)")
      ->required();
  cmd->add_option("--db", f->db, "Database (SQLite file or postgresql:// URL)");
  cmd->add_option("--encoding", f->encoding,
                  "auto (UTF-8 if valid, else GB18030), utf-8, gbk or gb18030")
      ->check(CLI::IsMember({"auto", "utf-8", "gbk", "gb18030"}));
  cmd->add_flag("--dry-run", f->dry_run,
                "Check every row and report each rejected one; import nothing");
  cmd->footer(
      "The first line names the columns (any order):\n"
      "  organisations: name*, kind (own|customer|supplier), code, region_code, notes\n"
      "  users: login*, role*, kind (user|contact), organisation (name), display_name, email,\n"
      "         phone, language, time_zone, manager (login)\n"
      "  tickets: kind* (incident|request), title*, organisation* (name), description,\n"
      "         requester (login), impact, urgency, channel, service, group (name)\n"
      "Every row goes through the same rules as the API. One rejected row means nothing is\n"
      "imported; the report lists each rejected row as `line N, column C: reason`.\n"
      "Exit status: 0 imported (or dry run clean), 1 rows rejected, 2 unusable input.\n"
      "Examples:\n"
      "  fuwu import organisations customers.csv --db data/fuwu.db --dry-run\n"
      "  fuwu import users people.csv --encoding gbk --db data/fuwu.db\n"
      "  fuwu import tickets tickets.csv --db postgresql://fuwu@localhost/fuwu");
  cmd->callback([f] {
    std::string encoding;
    auto text = read_text(f->file, f->encoding, encoding);
    if (!text.ok()) fail(text.error());
    auto table = csv::parse_csv(*text);
    if (!table.ok()) fail(table.error());
    const auto kind = app::parse_import_kind(f->what);
    auto opened = open_database(f->db, MigrateMode::check_current);
    if (!opened.ok()) fail(opened.error());
    SystemClock clock;
    const Instant now = clock.now();
    const app::Actor actor = app::Actor::system("cli");
    app::ImportReport report;
    bool rolled_back = false;
    const Status st = opened->db->write([&](store::Executor& ex) -> Status {
      report = TRY(app::import_rows(ex, actor, now, *kind, *table));
      rolled_back = f->dry_run || !report.problems.empty();
      // Returning an error rolls the whole unit back: all or nothing.
      if (rolled_back) return Error(ErrorCode::conflict, "rolled back");
      return {};
    });
    if (!st.ok() && !rolled_back) fail(st.error());
    for (const auto& p : report.problems) {
      std::printf("line %d%s%s: %s\n", p.line, p.column.empty() ? "" : ", column ",
                  p.column.c_str(), p.reason.c_str());
    }
    const int rejected = report.rows - report.imported;
    if (!report.problems.empty()) {
      std::printf("%s: %d rows, %d rejected (%zu problems); nothing imported (%s)\n",
                  f->what.c_str(), report.rows, rejected, report.problems.size(), encoding.c_str());
      throw CLI::RuntimeError(1);
    }
    if (f->dry_run) {
      std::printf("%s: %d rows, all valid; dry run, nothing imported (%s)\n", f->what.c_str(),
                  report.rows, encoding.c_str());
    } else {
      std::printf("%s: %d rows imported (%s)\n", f->what.c_str(), report.imported,
                  encoding.c_str());
    }
  });
}

}  // namespace fuwu::cli
