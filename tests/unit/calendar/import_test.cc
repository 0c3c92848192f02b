// Import of holiday files: the shipped JSON format, iCalendar, and the dry-run diff.
#include <gtest/gtest.h>

#include "app/calendar/holiday_formats.h"
#include "app/calendar/shipped_data.h"
#include "unit/calendar/calendar_test_util.h"

namespace fuwu::calendar {
namespace {

TEST(HolidayJson, ShippedDataParsesAndMatchesSources) {
  auto data = parse_holiday_json(shipped_cn_holidays_json());
  ASSERT_TRUE(data.ok());
  ASSERT_EQ(data->years.size(), 3u);
  // SOURCES.md: 28, 28 and 33 days off; 8, 5 and 6 make-up days.
  int expected_off[] = {28, 28, 33};
  std::size_t expected_makeup[] = {8, 5, 6};
  for (std::size_t i = 0; i < 3; ++i) {
    int off = 0;
    for (const Holiday& h : data->years[i].holidays)
      off += static_cast<int>(days_from_civil(h.to) - days_from_civil(h.from) + 1);
    EXPECT_EQ(off, expected_off[i]) << data->years[i].year;
    EXPECT_EQ(data->years[i].makeup_days.size(), expected_makeup[i]);
  }
  EXPECT_EQ(data->years[1].makeup_days[0].name, "春节调休上班");
  // Importing the shipped data into the shipped calendar changes nothing.
  EXPECT_TRUE(diff_import(china_mainland_spec(), *data).empty());
}

TEST(HolidayJson, RejectsBadValuesWithFieldPaths) {
  auto bad = parse_holiday_json(
      R"({"2027": {"holidays": [{"name": "x", "from": "2027-02-30", "to": "2027-03-01"}], "workdays": ["2026-01-01"]}})");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, ErrorCode::validation_failed);
  ASSERT_EQ(bad.error().fields.size(), 2u);
  EXPECT_EQ(bad.error().fields[0].field, "2027/holidays/0");
  EXPECT_EQ(bad.error().fields[1].field, "2027/workdays/0");
  EXPECT_EQ(parse_holiday_json("{").error().code, ErrorCode::invalid_request);
}

constexpr std::string_view kIcs =
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"
    "BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20270206\r\nDTEND;VALUE=DATE:20270214\r\nSUMMARY:春节\r\n"
    "END:VEVENT\r\n"
    "BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20270214\r\nSUMMARY:春节调休\r\nCATEGORIES:上班\r\n"
    "END:VEVENT\r\n"
    "BEGIN:VEVENT\r\nDTSTART:20270220\r\nSUMMARY:Make-up\r\n  workday\r\nEND:VEVENT\r\n"
    "END:VCALENDAR\r\n";

TEST(ICalendar, HolidaysAndMakeupDays) {
  auto data = parse_import(kIcs);
  ASSERT_TRUE(data.ok()) << data.error().message;
  ASSERT_EQ(data->years.size(), 1u);
  const YearExceptions& y = data->years[0];
  ASSERT_EQ(y.holidays.size(), 1u);
  EXPECT_EQ(format_date(y.holidays[0].to), "2027-02-13");  // DTEND is exclusive
  ASSERT_EQ(y.makeup_days.size(), 2u);
  EXPECT_EQ(format_date(y.makeup_days[0].date), "2027-02-14");
  EXPECT_EQ(y.makeup_days[0].works_as, 0);
  auto diff = diff_import(china_mainland_spec(), *data);
  ASSERT_EQ(diff.size(), 4u);
  EXPECT_EQ(diff.back().change, DiffLine::Change::coverage);
  auto spec = apply_import(china_mainland_spec(), *data);
  ASSERT_TRUE(spec.ok());
  EXPECT_EQ(spec->last_year, 2027);
  auto cal = Calendar::create(*spec, TimeZone::fixed("Asia/Shanghai", 8 * 3600));
  ASSERT_TRUE(cal.ok());
  EXPECT_EQ(testing::deadline_text(*cal, "2027-02-05T17:00:00+08:00", Duration::of_hours(2)),
            "2027-02-14T10:00:00+08:00");
}

TEST(ICalendar, RejectsDateTimes) {
  auto bad = parse_ics(
      "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20270206T090000Z\nSUMMARY:x\nEND:VEVENT\n"
      "END:VCALENDAR\n");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, ErrorCode::validation_failed);
}

}  // namespace
}  // namespace fuwu::calendar
