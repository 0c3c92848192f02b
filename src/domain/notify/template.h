// Notification templates: "{{name}}" placeholders filled from a map of values, each value escaped
// for the channel it is rendered for. Pure functions, no I/O.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace fuwu::notify {

// How a value is made safe for where it lands.
enum class Escape {
  text,      // plain text (e-mail text/plain, in-app, JSON strings): control characters removed
  header,    // a one-line header (e-mail subject): line breaks and control characters removed
  markdown,  // WeCom / DingTalk markdown: markup characters backslash-escaped, no line breaks
};

using Values = std::map<std::string, std::string, std::less<>>;

// The placeholders a template may use.
const std::vector<std::string>& known_placeholders();

// Names inside "{{...}}" that are not known placeholders (for validation when saving a template).
std::vector<std::string> unknown_placeholders(std::string_view tpl);

std::string escape(std::string_view value, Escape how);

// Replaces every {{name}} with escape(values[name]); unknown or missing names render as "".
// The template's own text is kept as written (an administrator wrote it).
std::string render(std::string_view tpl, const Values& values, Escape how);

// "[INC-2026-000042] subject" unless the number is already in it in brackets. One line.
std::string subject_with_number(std::string_view subject, std::string_view number);

// The record number in brackets in a subject ("Re: [INC-2026-000042] ..."), or "".
std::string number_in_subject(std::string_view subject);

}  // namespace fuwu::notify
