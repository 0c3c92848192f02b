#include <algorithm>
#include <charconv>

#include "app/import/import.h"
#include "app/organisations/organisation.h"
#include "app/tickets/ticket.h"
#include "app/users/user.h"

namespace fuwu::app {
namespace {

struct Columns {
  std::vector<std::string> required;
  std::vector<std::string> optional;
};

Columns columns_of(ImportKind kind) {
  switch (kind) {
    case ImportKind::organisations:
      return {{"name"}, {"kind", "code", "region_code", "notes"}};
    case ImportKind::users:
      return {{"login", "role"},
              {"kind", "organisation", "display_name", "email", "phone", "language", "time_zone",
               "manager"}};
    case ImportKind::tickets:
      return {{"kind", "title", "organisation"},
              {"description", "requester", "impact", "urgency", "channel", "service", "group"}};
  }
  return {};
}

// One row's values by column name.
class RowView {
 public:
  RowView(const csv::CsvTable& t, const csv::CsvRecord& r) : table_(t), row_(r) {}
  std::string get(std::string_view column) const {
    const int i = table_.column(column);
    if (i < 0 || static_cast<std::size_t>(i) >= row_.fields.size()) return {};
    return row_.fields[static_cast<std::size_t>(i)];
  }

 private:
  const csv::CsvTable& table_;
  const csv::CsvRecord& row_;
};

// The CSV column a use case's field error belongs to.
std::string column_of(std::string_view field) {
  if (field.starts_with('/')) field.remove_prefix(1);
  if (field == "organisation_id") return "organisation";
  if (field == "requester_id") return "requester";
  if (field == "group_id") return "group";
  if (field == "manager_id") return "manager";
  return std::string(field);
}

struct RowProblems {
  int line;
  std::vector<ImportProblem>& out;
  void add(std::string column, std::string reason) {
    out.push_back({line, std::move(column), std::move(reason)});
  }
  void add(const Error& e) {
    if (e.fields.empty()) {
      add("", e.message);
      return;
    }
    for (const auto& f : e.fields)
      add(column_of(f.field), f.code + ": " + f.message);
  }
};

Result<std::int64_t> id_by(store::Executor& ex, const char* sql, const std::string& key) {
  auto row = TRY(ex.query_one(sql, {key}));
  return row ? row->i64(0) : 0;
}

std::optional<int> level(const std::string& text, RowProblems& p, const char* column) {
  if (text.empty()) return std::nullopt;
  int v = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || ptr != text.data() + text.size()) {
    p.add(column, "not a whole number");
    return std::nullopt;
  }
  return v;
}

// Imports one row; problems go to `p`. A database failure is returned.
Result<bool> import_row(store::Executor& ex, const Actor& actor, Instant now, ImportKind kind,
                        const RowView& r, RowProblems& p) {
  const std::size_t before = p.out.size();
  switch (kind) {
    case ImportKind::organisations: {
      NewOrganisation o{r.get("name"), r.get("kind"), r.get("code"), r.get("region_code"),
                        r.get("notes")};
      if (o.kind.empty()) o.kind = "customer";
      auto created = create_organisation(ex, actor, now, o);
      if (!created.ok()) p.add(created.error());
      break;
    }
    case ImportKind::users: {
      NewUser u;
      u.login = r.get("login");
      u.role = r.get("role");
      u.kind = r.get("kind").empty() ? "user" : r.get("kind");
      u.display_name = r.get("display_name");
      u.email = r.get("email");
      u.phone = r.get("phone");
      if (!r.get("language").empty()) u.language = r.get("language");
      if (!r.get("time_zone").empty()) u.time_zone = r.get("time_zone");
      if (const auto org = r.get("organisation"); !org.empty()) {
        u.organisation_id = TRY(id_by(ex, "SELECT id FROM organisations WHERE name = $1", org));
        if (!u.organisation_id) p.add("organisation", "no organisation named " + org);
      }
      std::int64_t manager = 0;
      if (const auto m = r.get("manager"); !m.empty()) {
        manager = TRY(id_by(ex, "SELECT id FROM users WHERE lower(login) = lower($1)", m));
        if (!manager) p.add("manager", "no person with login " + m);
      }
      if (p.out.size() != before) break;
      auto created = create_user(ex, actor, now, u, "");
      if (!created.ok()) {
        p.add(created.error());
        break;
      }
      if (manager) {
        UserPatch patch;
        patch.manager_id = manager;
        auto updated = update_user(ex, actor, now, created->id, created->version, patch);
        if (!updated.ok()) p.add(updated.error());
      }
      break;
    }
    case ImportKind::tickets: {
      NewTicket t;
      t.kind = r.get("kind");
      t.title = r.get("title");
      t.description = r.get("description");
      t.channel = r.get("channel");
      t.service = r.get("service");
      t.impact = level(r.get("impact"), p, "impact");
      t.urgency = level(r.get("urgency"), p, "urgency");
      if (t.kind != "incident" && t.kind != "request") p.add("kind", "incident or request");
      if (t.title.empty()) p.add("title", "required");
      if (const auto org = r.get("organisation"); !org.empty()) {
        t.organisation_id = TRY(id_by(ex, "SELECT id FROM organisations WHERE name = $1", org));
        if (!t.organisation_id) p.add("organisation", "no organisation named " + org);
      }
      if (const auto login = r.get("requester"); !login.empty()) {
        t.requester_id =
            TRY(id_by(ex, "SELECT id FROM users WHERE lower(login) = lower($1)", login));
        if (!t.requester_id) p.add("requester", "no person with login " + login);
      }
      if (const auto g = r.get("group"); !g.empty()) {
        t.group_id = TRY(id_by(ex, "SELECT id FROM groups WHERE name = $1", g));
        if (!t.group_id) p.add("group", "no group named " + g);
      }
      if (p.out.size() != before) break;
      auto created = create_ticket(ex, actor, now, t);
      if (!created.ok()) p.add(created.error());
      break;
    }
  }
  return p.out.size() == before;
}

}  // namespace

std::optional<ImportKind> parse_import_kind(std::string_view s) {
  if (s == "organisations") return ImportKind::organisations;
  if (s == "users") return ImportKind::users;
  if (s == "tickets") return ImportKind::tickets;
  return std::nullopt;
}

Result<ImportReport> import_rows(store::Executor& ex, const Actor& actor, Instant now,
                                 ImportKind kind, const csv::CsvTable& table) {
  ImportReport report;
  report.rows = static_cast<int>(table.rows.size());
  const Columns cols = columns_of(kind);
  RowProblems header{1, report.problems};
  if (table.header.empty()) header.add("", "the file is empty: a header line is needed");
  for (const auto& c : cols.required) {
    if (!table.header.empty() && table.column(c) < 0) header.add(c, "required column missing");
  }
  for (const auto& h : table.header) {
    const bool known =
        std::find(cols.required.begin(), cols.required.end(), h) != cols.required.end() ||
        std::find(cols.optional.begin(), cols.optional.end(), h) != cols.optional.end();
    if (!known) header.add(h, "unknown column");
  }
  if (!report.problems.empty()) return report;
  for (const auto& row : table.rows) {
    RowProblems p{row.line, report.problems};
    if (row.fields.size() > table.header.size()) {
      p.add("", "more fields than the header has columns");
      continue;
    }
    // Each row in a savepoint: a refused row leaves nothing behind, later rows still run.
    TRY_VOID(ex.exec("SAVEPOINT import_row"));
    const bool ok = TRY(import_row(ex, actor, now, kind, RowView(table, row), p));
    if (ok) {
      ++report.imported;
    } else {
      TRY_VOID(ex.exec("ROLLBACK TO SAVEPOINT import_row"));
    }
    TRY_VOID(ex.exec("RELEASE SAVEPOINT import_row"));
  }
  return report;
}

}  // namespace fuwu::app
