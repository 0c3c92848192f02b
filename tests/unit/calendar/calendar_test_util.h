// Helpers shared by the calendar and SLA tests.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "app/calendar/shipped_calendars.h"
#include "app/calendar/zone_loader.h"
#include "base/time.h"
#include "domain/calendar/calendar.h"

namespace fuwu::calendar::testing {

inline Instant at(std::string_view rfc3339) {
  auto t = parse_rfc3339(rfc3339);
  EXPECT_TRUE(t.has_value()) << rfc3339;
  return t.value_or(Instant{});
}

inline const CalendarBook& shipped() {
  static const CalendarBook kBook = [] {
    auto book = shipped_calendars();
    EXPECT_TRUE(book.ok());
    return std::move(book).value();
  }();
  return kBook;
}

inline const Calendar& china() {
  return *shipped().find(kChinaMainland);
}
inline const Calendar& always() {
  return *shipped().find(k24x7);
}

// The deadline formatted in the calendar's zone, or the error message.
inline std::string deadline_text(const Calendar& c, std::string_view start, Duration d) {
  auto r = c.deadline(at(start), d);
  return r.ok() ? c.format(*r) : "error: " + r.error().message;
}

inline std::string days_text(const Calendar& c, std::string_view start, int n) {
  auto r = c.deadline_days(at(start), n);
  return r.ok() ? c.format(*r) : "error: " + r.error().message;
}

}  // namespace fuwu::calendar::testing
