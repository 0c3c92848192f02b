// Renders calendar results for people (text lines) and programs (JSON), shared by the CLI and,
// later, the HTTP API. Instants are written in the calendar's zone with its offset.
#pragma once

#include <string>

#include <vector>
#include "base/error.h"
#include "base/result.h"

#include "domain/calendar/calendar.h"
#include "domain/calendar/import.h"

namespace fuwu::calendar {

// One line per step: "count    2025-01-27 17:00:00–18:00:00  1h00m00s".
std::vector<std::string> explanation_lines(const Calendar& c, const Explanation& why);
// A JSON array of step objects: {"kind": "counted", "date": …, "from": …, "to": …, "seconds": …}.
std::string explanation_json(const Calendar& c, const Explanation& why);
// {"deadline": "…", "explanation": […]}
std::string deadline_json(const Calendar& c, Instant deadline, const Explanation& why);
// "1h00m00s"
std::string format_working_time(std::int64_t seconds);
// "09:00–12:00, 13:00–18:00" or "—"
std::string segments_text(const std::vector<Segment>& segments);
// An error as one message plus one indented line per field ("\n  field: message"), for the CLI.
std::string error_text(const Error& e);
// Reads a whole file (the CLI's inputs). not_found when it cannot be opened.
Result<std::string> read_text_file(const std::string& path);
// "+ 2027 holiday …" lines of an import diff.
std::vector<std::string> diff_lines(const std::vector<DiffLine>& diff);

}  // namespace fuwu::calendar
