#include "domain/notify/template.h"

#include <algorithm>

namespace fuwu::notify {
namespace {

bool is_control(unsigned char c) {
  return c < 0x20 || c == 0x7f;
}

bool name_char(char c) {
  return (c >= 'a' && c <= 'z') || c == '_';
}

}  // namespace

const std::vector<std::string>& known_placeholders() {
  static const std::vector<std::string> names = {
      "number",       "title", "state", "priority",  "kind",  "requester", "assignee", "group",
      "organisation", "reply", "url",   "recipient", "event", "stage",     "comment",  "approver"};
  return names;
}

std::vector<std::string> unknown_placeholders(std::string_view tpl) {
  std::vector<std::string> out;
  const auto& known = known_placeholders();
  for (std::size_t pos = tpl.find("{{"); pos != std::string_view::npos;
       pos = tpl.find("{{", pos + 2)) {
    const auto end = tpl.find("}}", pos + 2);
    if (end == std::string_view::npos) break;
    std::string name(tpl.substr(pos + 2, end - pos - 2));
    if (std::find(known.begin(), known.end(), name) == known.end() &&
        std::find(out.begin(), out.end(), name) == out.end())
      out.push_back(name);
  }
  return out;
}

std::string escape(std::string_view value, Escape how) {
  std::string out;
  out.reserve(value.size());
  for (char ch : value) {
    const auto c = static_cast<unsigned char>(ch);
    switch (how) {
      case Escape::text:
        if (c == '\n' || c == '\t' || !is_control(c)) out += ch;
        break;
      case Escape::header:
        if (c == '\n' || c == '\r' || c == '\t') {
          out += ' ';
        } else if (!is_control(c)) {
          out += ch;
        }
        break;
      case Escape::markdown:
        if (c == '\n' || c == '\r') {
          out += ' ';
        } else if (std::string_view("\\`*_[]()#|<>~").find(ch) != std::string_view::npos) {
          out += '\\';
          out += ch;
        } else if (!is_control(c)) {
          out += ch;
        }
        break;
    }
  }
  return out;
}

std::string render(std::string_view tpl, const Values& values, Escape how) {
  std::string out;
  out.reserve(tpl.size() + 64);
  std::size_t i = 0;
  while (i < tpl.size()) {
    const auto open = tpl.find("{{", i);
    if (open == std::string_view::npos) break;
    const auto close = tpl.find("}}", open + 2);
    if (close == std::string_view::npos) break;
    const auto name = tpl.substr(open + 2, close - open - 2);
    out.append(tpl.substr(i, open - i));
    if (!name.empty() && std::all_of(name.begin(), name.end(), name_char)) {
      if (auto it = values.find(name); it != values.end()) out += escape(it->second, how);
    } else {
      out.append(tpl.substr(open, close + 2 - open));  // not a placeholder: kept as written
    }
    i = close + 2;
  }
  out.append(tpl.substr(std::min(i, tpl.size())));
  if (how == Escape::header) return escape(out, Escape::header);
  return out;
}

std::string subject_with_number(std::string_view subject, std::string_view number) {
  std::string one_line = escape(subject, Escape::header);
  if (number.empty()) return one_line;
  const std::string tag = "[" + std::string(number) + "]";
  if (one_line.find(tag) != std::string::npos) return one_line;
  return tag + " " + one_line;
}

std::string number_in_subject(std::string_view subject) {
  // [KIND-YYYY-NNNNNN]: upper-case letters, a dash, digits, a dash, digits.
  for (std::size_t pos = subject.find('['); pos != std::string_view::npos;
       pos = subject.find('[', pos + 1)) {
    const auto end = subject.find(']', pos + 1);
    if (end == std::string_view::npos) return "";
    const auto inner = subject.substr(pos + 1, end - pos - 1);
    std::size_t k = 0;
    auto run = [&](auto pred) {
      const std::size_t start = k;
      while (k < inner.size() && pred(inner[k]))
        ++k;
      return k - start;
    };
    const auto letters = run([](char c) { return c >= 'A' && c <= 'Z'; });
    bool ok = letters >= 2 && letters <= 8 && k < inner.size() && inner[k++] == '-';
    ok = ok && run([](char c) { return c >= '0' && c <= '9'; }) == 4 && k < inner.size() &&
         inner[k++] == '-';
    ok = ok && run([](char c) { return c >= '0' && c <= '9'; }) >= 1 && k == inner.size();
    if (ok) return std::string(inner);
  }
  return "";
}

}  // namespace fuwu::notify
