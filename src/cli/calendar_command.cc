// fuwu calendar deadline|between|list|show|import — working-calendar arithmetic on the shipped
// calendars, with no database and no server, or on the database's calendars with --db.
#include <CLI/CLI.hpp>
#include <array>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <memory>
#include <optional>
#include <string>

#include "app/calendar/calendar_format.h"
#include "app/calendar/calendars.h"
#include "app/calendar/holiday_formats.h"
#include "app/calendar/shipped_calendars.h"
#include "base/time.h"
#include "cli/command_table.h"
#include "cli/database.h"
#include "domain/calendar/calendar.h"
#include "domain/calendar/import.h"

namespace fuwu::cli {
namespace {

using calendar::Calendar;

[[noreturn]] void calendar_fail(const std::string& message) {
  std::cerr << "fuwu calendar: " << message << "\n";
  throw CLI::RuntimeError(2);
}

void calendar_fail(const Error& e) {
  calendar_fail(calendar::error_text(e));
}

// The calendars the command works on: the shipped ones, or with --db the database's.
std::string& db_url() {
  static std::string url;
  return url;
}

const calendar::CalendarBook& calendars() {
  static const calendar::CalendarBook kBook = [] {
    if (db_url().empty()) {
      auto book = calendar::shipped_calendars();
      if (!book.ok()) calendar_fail(book.error());
      return std::move(book).value();
    }
    auto opened = open_database(db_url(), MigrateMode::check_current);
    if (!opened.ok()) calendar_fail(opened.error());
    calendar::CalendarBook book;
    auto st = opened->db->read([&](store::Executor& ex) -> Status {
      book = TRY(app::load_calendar_book(ex));
      return {};
    });
    if (!st.ok()) calendar_fail(st.error());
    return book;
  }();
  return kBook;
}

const Calendar& find_calendar(const std::string& id) {
  const Calendar* c = calendars().find(id);
  if (!c)
    calendar_fail("unknown calendar '" + id + "' (see `fuwu calendar list" +
                  (db_url().empty() ? std::string() : " --db " + db_url()) + "`)");
  return *c;
}

Instant instant_arg(const std::string& text, const char* option) {
  auto t = parse_rfc3339(text);
  if (!t)
    calendar_fail(std::string(option) + " '" + text +
                  "' is not RFC 3339 with an offset, e.g. 2026-10-09T10:00:00+08:00");
  return *t;
}

std::string read_file(const std::string& path) {
  auto text = calendar::read_text_file(path);
  if (!text.ok()) calendar_fail(text.error());
  return std::move(text).value();
}

struct DeadlineArgs {
  std::string calendar = std::string(calendar::kChinaMainland);
  std::string start;
  std::optional<double> hours;
  std::optional<std::int64_t> minutes;
  std::optional<int> working_days;
  bool json = false;
};

void run_deadline(const DeadlineArgs& a) {
  const Calendar& cal = find_calendar(a.calendar);
  Instant start = instant_arg(a.start, "--start");
  calendar::Explanation why;
  Result<Instant> r = Instant{};
  if (a.working_days) {
    r = cal.deadline_days(start, *a.working_days, &why);
  } else {
    std::int64_t seconds = a.hours ? std::llround(*a.hours * 3600) : *a.minutes * 60;
    r = cal.deadline(start, Duration{seconds}, &why);
  }
  if (!r.ok()) calendar_fail(r.error());
  if (a.json) {
    std::printf("%s\n", calendar::deadline_json(cal, *r, why).c_str());
    return;
  }
  std::printf("%s\n", cal.format(*r).c_str());
  for (const std::string& line : calendar::explanation_lines(cal, why))
    std::printf("  %s\n", line.c_str());
}

void run_between(const std::string& id, const std::string& from, const std::string& to,
                 bool explain) {
  const Calendar& cal = find_calendar(id);
  calendar::Explanation why;
  auto r =
      cal.between(instant_arg(from, "--from"), instant_arg(to, "--to"), explain ? &why : nullptr);
  if (!r.ok()) calendar_fail(r.error());
  std::printf("%lld\n", static_cast<long long>(r->seconds));
  for (const std::string& line : calendar::explanation_lines(cal, why))
    std::printf("  %s\n", line.c_str());
}

void run_list() {
  std::printf("%-16s %-10s %-14s %-10s %s\n", "ID", "KIND", "ZONE", "YEARS", "NAME");
  for (const Calendar* c : calendars().all()) {
    const auto& s = c->spec();
    bool always = s.kind == calendar::CalendarKind::always_working;
    std::string years =
        always ? "all" : std::to_string(s.first_year) + "-" + std::to_string(s.last_year);
    std::printf("%-16s %-10s %-14s %-10s %s / %s\n", s.id.c_str(), always ? "24x7" : "weekly",
                s.zone.c_str(), years.c_str(), s.name_zh.c_str(), s.name_en.c_str());
  }
}

void print_day(const Calendar& cal, Date d) {
  static constexpr const char* kDays[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  calendar::DayInfo info = cal.day(d);
  std::string reason(calendar::day_reason_slug(info.reason));
  if (!info.name_zh.empty()) reason += " " + info.name_zh;
  if (!info.name_en.empty()) reason += " (" + info.name_en + ")";
  if (!info.covered) reason += " [year not covered: weekly pattern only]";
  std::printf("  %s %s  %-26s %s\n", format_date(d).c_str(), kDays[iso_weekday(d)],
              calendar::segments_text(info.segments).c_str(), reason.c_str());
}

void run_show(const std::string& id, std::optional<int> year, std::optional<int> month) {
  static constexpr const char* kDays[] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                          "Friday", "Saturday", "Sunday"};
  const Calendar& cal = find_calendar(id);
  const auto& s = cal.spec();
  std::printf("%s — %s / %s\nzone %s, covered years %d-%d, revision %lld\n", s.id.c_str(),
              s.name_zh.c_str(), s.name_en.c_str(), s.zone.c_str(), s.first_year, s.last_year,
              static_cast<long long>(s.revision));
  std::printf("weekly:\n");
  for (std::size_t w = 0; w < 7; ++w)
    std::printf("  %-9s %s\n", kDays[w], calendar::segments_text(s.weekly[w]).c_str());
  int y = year ? *year : cal.zone().to_local(SystemClock().now()).date.year;
  if (month) {
    if (*month < 1 || *month > 12) calendar_fail("--month must be 1..12");
    std::printf("%04d-%02d:\n", y, *month);
    for (Date d{y, *month, 1}; d.month == *month && d.year == y; d = add_days(d, 1))
      print_day(cal, d);
    return;
  }
  int working = 0;
  std::printf("%04d, dates that differ from the weekly pattern:\n", y);
  for (Date d{y, 1, 1}; d.year == y; d = add_days(d, 1)) {
    calendar::DayInfo info = cal.day(d);
    if (!info.segments.empty()) ++working;
    if (info.reason == calendar::DayReason::holiday ||
        info.reason == calendar::DayReason::makeup_day ||
        info.reason == calendar::DayReason::special_day)
      print_day(cal, d);
  }
  std::printf(
      "%d working days in %d%s\n", working, y,
      y < s.first_year || y > s.last_year ? " (year not covered: weekly pattern only)" : "");
}

void run_import(const std::string& path, const std::string& id, bool dry_run) {
  auto data = calendar::parse_import(read_file(path));
  if (!data.ok()) calendar_fail(data.error());
  std::vector<calendar::DiffLine> diff;
  bool written = false;
  if (db_url().empty()) {
    const Calendar& cal = find_calendar(id);
    auto applied = calendar::apply_import(cal.spec(), *data);
    if (!applied.ok()) calendar_fail(applied.error());
    diff = calendar::diff_import(cal.spec(), *data);
  } else {
    auto opened = open_database(db_url(), MigrateMode::check_current);
    if (!opened.ok()) calendar_fail(opened.error());
    auto st = opened->db->write([&](store::Executor& ex) -> Status {
      auto out = TRY(
          app::import_calendar_year(ex, app::Actor::system("cli"), SystemClock().now(), id, *data,
                                    dry_run ? app::DryRun::yes : app::DryRun::no, std::nullopt));
      diff = std::move(out.diff);
      written = out.written;
      return {};
    });
    if (!st.ok()) calendar_fail(st.error());
  }
  std::printf("import of %s into %s: %zu change(s)%s\n", path.c_str(), id.c_str(), diff.size(),
              written ? ", written" : (dry_run ? " (dry run: nothing written)" : ""));
  for (const std::string& line : calendar::diff_lines(diff))
    std::printf("  %s\n", line.c_str());
  if (!dry_run && db_url().empty())
    std::fprintf(stderr,
                 "note: without --db the shipped calendars are read-only; only the difference was "
                 "shown. Give --db PATH to import into the database's calendar, or run "
                 "scripts/update-holidays FILE.json and rebuild to change the shipped data.\n");
}

}  // namespace

void add_calendar_command(CLI::App& app) {
  auto* cmd =
      app.add_subcommand("calendar", "Working calendars: deadlines, working time, holidays");
  cmd->require_subcommand(1);
  cmd->footer(
      "Examples:\n"
      "  fuwu calendar list\n"
      "  fuwu calendar deadline --calendar china-mainland --start 2026-09-30T17:00:00+08:00 "
      "--hours 10\n"
      "  fuwu calendar show china-mainland --year 2026 --month 10");

  auto deadline_args = std::make_shared<DeadlineArgs>();
  auto* deadline = cmd->add_subcommand(
      "deadline", "Print the instant a working duration from --start ends, then why");
  deadline->add_option("--calendar", deadline_args->calendar, "Calendar id")->capture_default_str();
  deadline->add_option("--start", deadline_args->start, "Start instant, RFC 3339 with offset")
      ->required();
  auto* h =
      deadline->add_option("--hours", deadline_args->hours, "Working hours (may be fractional)");
  auto* m = deadline->add_option("--minutes", deadline_args->minutes, "Working minutes");
  auto* d = deadline->add_option("--working-days", deadline_args->working_days,
                                 "Working days: end of the N-th working day after the start date");
  h->excludes(m)->excludes(d);
  m->excludes(d);
  deadline->add_option("--db", db_url(),
                       "Use the calendars of this database instead of the shipped ones");
  deadline->add_flag("--json", deadline_args->json,
                     "Print {\"deadline\": …, \"explanation\": […]} instead of text");
  deadline->footer(
      "The first line is the deadline in the calendar's zone; the lines after it explain it.\n"
      "Examples:\n"
      "  fuwu calendar deadline --calendar china-mainland --start 2025-09-30T16:00:00+08:00 "
      "--hours 4\n"
      "  fuwu calendar deadline --start 2025-09-26T15:00:00+08:00 --working-days 5 --json\n"
      "  fuwu calendar deadline --calendar 24x7 --start 2026-01-01T00:00:00Z --minutes 90");
  deadline->callback([deadline_args, h, m, d] {
    if (h->count() + m->count() + d->count() != 1)
      calendar_fail("give exactly one of --hours, --minutes, --working-days");
    run_deadline(*deadline_args);
  });

  auto between_args = std::make_shared<std::array<std::string, 3>>();
  auto explain = std::make_shared<bool>(false);
  auto* between = cmd->add_subcommand("between", "Print the working seconds in [--from, --to)");
  (*between_args)[0] = std::string(calendar::kChinaMainland);
  between->add_option("--calendar", (*between_args)[0], "Calendar id")->capture_default_str();
  between->add_option("--from", (*between_args)[1], "From instant, RFC 3339")->required();
  between->add_option("--to", (*between_args)[2], "To instant, RFC 3339")->required();
  between->add_option("--db", db_url(),
                      "Use the calendars of this database instead of the shipped ones");
  between->add_flag("--explain", *explain, "Also list the counted segments and skipped days");
  between->footer(
      "Examples:\n"
      "  fuwu calendar between --calendar china-mainland --from 2025-09-30T09:00:00+08:00 "
      "--to 2025-10-10T09:00:00+08:00\n"
      "  fuwu calendar between --from 2026-02-13T00:00:00+08:00 --to 2026-02-25T00:00:00+08:00 "
      "--explain");
  between->callback([between_args, explain] {
    run_between((*between_args)[0], (*between_args)[1], (*between_args)[2], *explain);
  });

  auto* list = cmd->add_subcommand("list", "List the calendars");
  list->add_option("--db", db_url(),
                   "Use the calendars of this database instead of the shipped ones");
  list->footer("Examples:\n  fuwu calendar list\n  fuwu calendar list --db data/fuwu.db");
  list->callback([] { run_list(); });

  auto show_id = std::make_shared<std::string>();
  auto show_year = std::make_shared<std::optional<int>>();
  auto show_month = std::make_shared<std::optional<int>>();
  auto* show =
      cmd->add_subcommand("show", "Show a calendar: weekly hours, a year's exceptions or a month");
  show->add_option("id", *show_id, "Calendar id")->required();
  show->add_option("--year", *show_year, "Year to show (default: the current year)");
  show->add_option("--month", *show_month, "Show every date of this month (1-12) with its reason");
  show->add_option("--db", db_url(),
                   "Use the calendars of this database instead of the shipped ones");
  show->footer(
      "Examples:\n"
      "  fuwu calendar show china-mainland --year 2026\n"
      "  fuwu calendar show china-mainland --year 2025 --month 10");
  show->callback([show_id, show_year, show_month] { run_show(*show_id, *show_year, *show_month); });

  auto import_path = std::make_shared<std::string>();
  auto import_id = std::make_shared<std::string>(calendar::kChinaMainland);
  auto dry_run = std::make_shared<bool>(false);
  auto* import = cmd->add_subcommand(
      "import", "Import a year of holidays and make-up days (JSON or iCalendar) and show the diff");
  import->add_option("file", *import_path, "A cn-holidays JSON file or an .ics file")
      ->required()
      ->check(CLI::ExistingFile);
  import->add_option("--calendar", *import_id, "Calendar to import into")->capture_default_str();
  import->add_flag("--dry-run", *dry_run, "Only show what would change");
  import->add_option("--db", db_url(),
                     "Use the calendars of this database instead of the shipped ones");
  import->footer(
      "In an .ics file, events whose SUMMARY or CATEGORIES contain 班 (上班, 补班) or 'workday'\n"
      "are make-up working days (Monday's hours); every other all-day event is a holiday.\n"
      "Examples:\n"
      "  fuwu calendar import cn-holidays-2027.json --dry-run\n"
      "  fuwu calendar import holidays-2027.ics --calendar china-mainland --dry-run\n"
      "  fuwu calendar import cn-holidays-2027.json --db data/fuwu.db");
  import->callback([import_path, import_id, dry_run] { run_import(*import_path, *import_id, *dry_run);
});
}  // namespace fuwu::cli

}  // namespace fuwu::cli
