// The language a document is written in (PDF reports): Chinese first, English on request. Labels
// are written as pairs and picked with `pick`, so each label is stated once in both languages.
#pragma once

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

}  // namespace fuwu::report
