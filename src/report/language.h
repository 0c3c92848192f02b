// The language a document is written in (PDF reports): Chinese first, English on request. Labels
// are written as pairs and picked with `pick`, so each label is stated once in both languages.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace fuwu::report {

enum class Language { zh_cn, en };

inline std::string pick(Language lang, std::string_view zh, std::string_view en) {
  return std::string(lang == Language::en ? en : zh);
}

// "zh-CN" or "en".
inline std::string_view language_tag(Language lang) {
  return lang == Language::en ? "en" : "zh-CN";
}

// The language of a tag as users' settings and ?lang= spell it ("zh-CN" or "en"; "zh" too);
// nullopt for any other.
inline std::optional<Language> language_of(std::string_view tag) {
  if (tag == "en") return Language::en;
  if (tag == "zh-CN" || tag == "zh") return Language::zh_cn;
  return std::nullopt;
}

}  // namespace fuwu::report
