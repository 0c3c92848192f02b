// The calendars shipped inside the product: `china-mainland` and `24x7`.
#pragma once

#include <string_view>

#include "base/result.h"
#include "domain/calendar/calendar.h"

namespace fuwu::calendar {

inline constexpr std::string_view kChinaMainland = "china-mainland";
inline constexpr std::string_view k24x7 = "24x7";

// china-mainland: Asia/Shanghai, Monday–Friday 09:00–12:00 and 13:00–18:00, the holidays and
// make-up days of the shipped data (make-up days work Monday's hours), covered years = the
// shipped years. Pure: no zone lookup.
CalendarSpec china_mainland_spec();
// 24x7: every instant is working time (zone UTC; results are written in UTC).
CalendarSpec always_working_spec();

// Both shipped calendars, built with zones from the system zoneinfo (or the built-in fallback).
// Fails only when the shipped data or a zone is broken (a bug or a broken installation).
Result<CalendarBook> shipped_calendars();

}  // namespace fuwu::calendar
