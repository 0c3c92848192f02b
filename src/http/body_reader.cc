#include "http/body_reader.h"

#include <cmath>
#include <utility>

#include <boost/json/object.hpp>
#include <boost/json/string.hpp>

#include "http/json_body.h"

namespace fuwu::http {
namespace {

namespace json = boost::json;

bool is_structural(std::string_view code) {
  return code == "unknown_field" || code == "wrong_type";
}

// Length in bytes of a white space character at the start of s (0 if none).
std::size_t leading_space(std::string_view s) {
  if (s.empty()) return 0;
  if (s[0] == ' ' || s[0] == '\t' || s[0] == '\n' || s[0] == '\r') return 1;
  if (s.starts_with("\xC2\xA0")) return 2;      // U+00A0 no-break space
  if (s.starts_with("\xE3\x80\x80")) return 3;  // U+3000 ideographic space
  return 0;
}

std::size_t trailing_space(std::string_view s) {
  if (s.empty()) return 0;
  const char last = s.back();
  if (last == ' ' || last == '\t' || last == '\n' || last == '\r') return 1;
  if (s.ends_with("\xC2\xA0")) return 2;
  if (s.ends_with("\xE3\x80\x80")) return 3;
  return 0;
}

std::string_view trim(std::string_view s) {
  while (std::size_t n = leading_space(s))
    s.remove_prefix(n);
  while (std::size_t n = trailing_space(s))
    s.remove_suffix(n);
  return s;
}

// Code points in valid UTF-8: every byte that is not a continuation byte starts one.
std::size_t code_points(std::string_view s) {
  std::size_t n = 0;
  for (char c : s)
    n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

std::string plural_chars(std::size_t n) {
  return std::to_string(n) + (n == 1 ? " character" : " characters");
}

}  // namespace

BodyReader::BodyReader(const json::object& object, std::string pointer)
    : object_(&object), pointer_(std::move(pointer)), known_(object.size(), false) {}

Result<BodyReader> BodyReader::from(const json::value& v, std::string pointer) {
  const json::object* object = v.if_object();
  if (object == nullptr) {
    return make_error(ErrorCode::invalid_request,
                      pointer.empty() ? "The request body must be a JSON object"
                                      : "A member of the request body must be a JSON object")
        .with_field(pointer, "wrong_type", "must be a JSON object");
  }
  return BodyReader(*object, std::move(pointer));
}

std::string BodyReader::pointer_of(std::string_view key) const {
  std::string p = pointer_;
  append_json_pointer(p, key);
  return p;
}

void BodyReader::add_error(std::string field, std::string code, std::string message) {
  errors_.push_back({std::move(field), std::move(code), std::move(message)});
}

void BodyReader::add_errors(const Status& nested) {
  if (nested.ok()) return;
  errors_.insert(errors_.end(), nested.error().fields.begin(), nested.error().fields.end());
}

void BodyReader::wrong_type(std::string_view key, std::string_view expected) {
  add_error(pointer_of(key), "wrong_type", "must be " + std::string(expected));
}

const json::value* BodyReader::find(std::string_view key) const {
  const auto it = object_->find(key);
  if (it == object_->end()) return nullptr;
  known_[static_cast<std::size_t>(it - object_->begin())] = true;
  return &it->value();
}

bool BodyReader::has(std::string_view key) const {
  return find(key) != nullptr;
}

bool BodyReader::is_null(std::string_view key) const {
  const json::value* v = find(key);
  return v != nullptr && v->is_null();
}

const json::value* BodyReader::lookup(std::string_view key, Presence p) {
  const json::value* v = find(key);
  if (v != nullptr && !v->is_null()) return v;
  if (p == Presence::required) add_error(pointer_of(key), "required", "is required");
  return nullptr;
}

const json::string* BodyReader::lookup_string(std::string_view key, Presence p) {
  const json::value* v = lookup(key, p);
  if (v == nullptr) return nullptr;
  const json::string* s = v->if_string();
  if (s == nullptr) wrong_type(key, "a string");
  return s;
}

std::optional<std::string> BodyReader::text(std::string_view key, Presence p, TextRule rule) {
  const json::string* s = lookup_string(key, p);
  if (s == nullptr) return std::nullopt;
  std::string_view v(s->data(), s->size());
  // Parsed bodies are valid UTF-8 already; values built in code may not be.
  if (find_invalid_utf8(v) != std::string_view::npos) {
    add_error(pointer_of(key), "invalid_text", "must be valid UTF-8");
    return std::nullopt;
  }
  if (rule.trim) v = trim(v);
  for (char c : v) {
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x20) continue;
    if ((c == '\n' || c == '\t') && !rule.single_line) continue;
    add_error(pointer_of(key), "invalid_text",
              c == '\n' || c == '\t' ? "must be a single line without tabs"
                                     : "must not contain control characters");
    return std::nullopt;
  }
  if (p == Presence::required && v.empty()) {
    add_error(pointer_of(key), "required", "must not be blank");
    return std::nullopt;
  }
  const std::size_t n = code_points(v);
  if (n < rule.min_chars) {
    add_error(pointer_of(key), "too_short", "must be at least " + plural_chars(rule.min_chars));
    return std::nullopt;
  }
  if (n > rule.max_chars) {
    add_error(pointer_of(key), "too_long", "must be at most " + plural_chars(rule.max_chars));
    return std::nullopt;
  }
  return std::string(v);
}

std::optional<std::int64_t> BodyReader::integer(std::string_view key, Presence p, IntRange r) {
  const json::value* v = lookup(key, p);
  if (v == nullptr) return std::nullopt;
  auto out_of_range = [&] {
    std::string message;
    if (r.min == std::numeric_limits<std::int64_t>::min()) {
      message = "must be at most " + std::to_string(r.max);
    } else if (r.max == std::numeric_limits<std::int64_t>::max()) {
      message = "must be at least " + std::to_string(r.min);
    } else {
      message = "must be between " + std::to_string(r.min) + " and " + std::to_string(r.max);
    }
    add_error(pointer_of(key), "out_of_range", std::move(message));
    return std::nullopt;
  };
  std::int64_t x = 0;
  if (const std::int64_t* i = v->if_int64()) {
    x = *i;
  } else if (const std::uint64_t* u = v->if_uint64()) {
    if (*u > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
      return out_of_range();
    }
    x = static_cast<std::int64_t>(*u);
  } else if (const double* d = v->if_double()) {
    if (std::trunc(*d) != *d) {
      wrong_type(key, "a whole number");
      return std::nullopt;
    }
    // [-2^63, 2^63): both bounds are exact doubles, so the comparison is exact too.
    if (*d < -9223372036854775808.0 || *d >= 9223372036854775808.0) return out_of_range();
    x = static_cast<std::int64_t>(*d);
  } else {
    wrong_type(key, "an integer");
    return std::nullopt;
  }
  if (x < r.min || x > r.max) return out_of_range();
  return x;
}

std::optional<double> BodyReader::number(std::string_view key, Presence p) {
  const json::value* v = lookup(key, p);
  if (v == nullptr) return std::nullopt;
  if (const std::int64_t* i = v->if_int64()) return static_cast<double>(*i);
  if (const std::uint64_t* u = v->if_uint64()) return static_cast<double>(*u);
  if (const double* d = v->if_double()) return *d;
  wrong_type(key, "a number");
  return std::nullopt;
}

std::optional<bool> BodyReader::boolean(std::string_view key, Presence p) {
  const json::value* v = lookup(key, p);
  if (v == nullptr) return std::nullopt;
  if (const bool* b = v->if_bool()) return *b;
  wrong_type(key, "true or false");
  return std::nullopt;
}

std::optional<std::string> BodyReader::one_of(std::string_view key,
                                              std::initializer_list<std::string_view> allowed,
                                              Presence p) {
  const json::string* s = lookup_string(key, p);
  if (s == nullptr) return std::nullopt;
  const std::string_view v(s->data(), s->size());
  std::string list;
  for (std::string_view a : allowed) {
    if (a == v) return std::string(v);
    if (!list.empty()) list += ", ";
    list += a;
  }
  add_error(pointer_of(key), "not_allowed", "must be one of: " + list);
  return std::nullopt;
}

std::optional<Instant> BodyReader::instant(std::string_view key, Presence p) {
  const json::string* s = lookup_string(key, p);
  if (s == nullptr) return std::nullopt;
  if (auto t = parse_rfc3339(std::string_view(s->data(), s->size()))) return t;
  add_error(pointer_of(key), "invalid_format",
            "must be an RFC 3339 date and time with an offset, e.g. 2026-10-09T10:00:00+08:00");
  return std::nullopt;
}

std::optional<Date> BodyReader::date(std::string_view key, Presence p) {
  const json::string* s = lookup_string(key, p);
  if (s == nullptr) return std::nullopt;
  if (auto d = parse_date(std::string_view(s->data(), s->size()))) return d;
  add_error(pointer_of(key), "invalid_format", "must be a date as YYYY-MM-DD, e.g. 2026-10-09");
  return std::nullopt;
}

const json::value* BodyReader::raw(std::string_view key, Presence p) {
  return lookup(key, p);
}

Status BodyReader::finish() const {
  std::vector<FieldError> all = errors_;
  std::size_t i = 0;
  for (const auto& member : *object_) {
    if (!known_[i++]) {
      std::string_view key(member.key().data(), member.key().size());
      all.push_back({pointer_of(key), "unknown_field", "is not a known field"});
    }
  }
  if (all.empty()) return ok_status();
  bool structural = false;
  for (const FieldError& f : all)
    structural = structural || is_structural(f.code);
  Error e = structural ? make_error(ErrorCode::invalid_request,
                                    "The request body has unknown fields or fields of the wrong "
                                    "type")
                       : make_error(ErrorCode::validation_failed, "Some fields are invalid");
  e.fields = std::move(all);
  return e;
}

}  // namespace fuwu::http
