// Calendars in the database: the repository and the use cases (one per file in this folder).
//
// A stored calendar is a calendar::CalendarSpec plus its row id (for the audit journal and
// cursors), its version (the ETag, also the spec's `revision` that SLA explanations cite) and
// whether it was seeded from the product's data (`shipped`: an editable copy, seeded by migration
// 0002). Calendars are addressed by their slug, spec.id ("china-mainland"), which SLA targets use.
//
// Each use case runs inside the caller's unit of work (store::Database::read/write): it checks
// access ("calendar.read" / "calendar.write", scope all; a principal without the permission gets
// permission_denied), validates, writes the change, its audit entry ("calendar", row id) and an
// outbox event (calendar.created / calendar.updated / calendar.deleted) in that unit. Unknown slugs
// are not_found; a stale expected version is precondition_failed; invalid specs are
// validation_failed with one field per problem (fields as JSON pointers, e.g. "/weekly/0/1").
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "app/platform/context.h"
#include "domain/calendar/calendar.h"
#include "domain/calendar/import.h"

namespace fuwu::app {

struct StoredCalendar {
  std::int64_t row_id = 0;
  calendar::CalendarSpec spec;  // spec.revision == version
  bool shipped = false;
  std::int64_t version = 1;
  Instant created_at;
  Instant updated_at;
};

// --- repository (no access checks; used by the use cases, readiness and the CLI) -------------

// The calendar with this slug, or nullopt.
Result<std::optional<StoredCalendar>> find_calendar(store::Executor& ex, std::string_view slug);
// Every calendar, by row id.
Result<std::vector<StoredCalendar>> all_calendars(store::Executor& ex);
// Builds the computable calendar (zone from the system zoneinfo or the built-in fallback).
// validation_failed (field "/zone") for an unknown zone, or when the spec is invalid.
//
// Building a calendar's tables takes about a millisecond, so built calendars are kept in a small
// process-wide cache keyed by the spec's whole content (an edit changes the key; two databases
// with equal specs share one entry). The result is immutable and shared: any thread may use it.
Result<std::shared_ptr<const calendar::Calendar>> build_calendar(
    const calendar::CalendarSpec& spec);
// Every stored calendar, built, for the SLA engine.
Result<calendar::CalendarBook> load_calendar_book(store::Executor& ex);
// The slug rule: 1–64 of a-z, 0-9, '-', '_', '.', starting with a letter or digit.
bool valid_calendar_slug(std::string_view slug);

// --- use cases ---------------------------------------------------------------------------------

Result<StoredCalendar> get_calendar(store::Executor& ex, const Actor& actor, std::string_view slug);

struct CalendarPage {
  std::vector<StoredCalendar> items;
  std::optional<std::int64_t> next_after_id;
};
Result<CalendarPage> list_calendars(store::Executor& ex, const Actor& actor, std::int64_t after_id,
                                    int limit);

// Creates a calendar from a full spec (spec.revision is ignored). conflict (field "/id") when the
// slug is taken.
Result<StoredCalendar> create_calendar(store::Executor& ex, const Actor& actor, Instant now,
                                       calendar::CalendarSpec spec);

// Copies calendar `from` under a new slug and names (empty names keep the source's names).
Result<StoredCalendar> copy_calendar(store::Executor& ex, const Actor& actor, Instant now,
                                     std::string_view from, std::string new_slug,
                                     std::string name_zh, std::string name_en);

// A partial update: set members replace the stored ones wholesale (e.g. `holidays` replaces
// every holiday). The slug and kind cannot change.
struct CalendarPatch {
  std::optional<std::string> name_zh;
  std::optional<std::string> name_en;
  std::optional<std::string> zone;
  std::optional<std::array<std::vector<calendar::Segment>, 7>> weekly;
  std::optional<std::vector<calendar::Holiday>> holidays;
  std::optional<std::vector<calendar::MakeupDay>> makeup_days;
  std::optional<std::vector<calendar::SpecialDay>> special_days;
  std::optional<int> first_year;
  std::optional<int> last_year;
};
Result<StoredCalendar> update_calendar(store::Executor& ex, const Actor& actor, Instant now,
                                       std::string_view slug, std::int64_t expected_version,
                                       const CalendarPatch& patch);

// conflict when an SLA policy's target still uses the calendar.
Status delete_calendar(store::Executor& ex, const Actor& actor, Instant now, std::string_view slug,
                       std::int64_t expected_version);

// Imports years of holidays and make-up days (calendar::apply_import). With dry_run nothing is
// written; otherwise the calendar is written only when the diff is not empty. When
// expected_version is given it must be current.
struct ImportOutcome {
  std::vector<calendar::DiffLine> diff;
  StoredCalendar calendar;  // after the import (unchanged on a dry run or an empty diff)
  bool written = false;
};
enum class DryRun : std::uint8_t { no, yes };
Result<ImportOutcome> import_calendar_year(store::Executor& ex, const Actor& actor, Instant now,
                                           std::string_view slug, const calendar::ImportData& data,
                                           DryRun dry_run,
                                           std::optional<std::int64_t> expected_version);

// The hook for the service desk: after a calendar edit, which open SLA clocks must be recomputed.
// Today it returns the ids (slugs) of the SLA policies whose targets use the calendar; the
// service-desk issue adds the query over open records whose clocks run under those policies
// (and appends a calendar_edited event to each record's SLA log so the explanation says so).
// The calendar.updated outbox event carries the same list, so a consumer can do it off-line.
struct ClocksToRecompute {
  std::string calendar;               // slug
  std::int64_t revision = 0;          // the calendar's version now in force
  std::vector<std::string> policies;  // SLA policy slugs using the calendar
  std::vector<std::int64_t> records;  // open records to recompute: filled by the service desk
};
Result<ClocksToRecompute> clocks_to_recompute(store::Executor& ex, std::string_view slug);

// The job every calendar edit enqueues (payload {"calendar": slug}); its handler, which owns the
// records, recomputes their open clocks (app/tickets/sla_clocks.h).
inline constexpr std::string_view kCalendarEditedJob = "sla.calendar_edited";

// Replaces, in the unit, the scalar columns and every child row (segments, holidays, make-up and
// special days) of calendar `row_id` with `spec`; used by the use cases of this folder.
Status write_calendar_rows(store::Executor& ex, std::int64_t row_id,
                           const calendar::CalendarSpec& spec);
// Writes `next` over `current` (version bumped, audit entry with `action`, calendar.updated event
// naming the SLA policies to recompute); returns `current` unchanged when nothing differs.
// precondition_failed when current.version is no longer the stored one.
Result<StoredCalendar> replace_calendar(store::Executor& ex, const Actor& actor, Instant now,
                                        const StoredCalendar& current,
                                        const calendar::CalendarSpec& next,
                                        std::string_view action);
// Audit field values summarising a spec (names, zone, years, counts), for write_audit.
std::vector<std::pair<std::string, std::string>> calendar_audit_fields(
    const calendar::CalendarSpec& spec);

}  // namespace fuwu::app
