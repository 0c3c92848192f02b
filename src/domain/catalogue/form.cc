#include "domain/catalogue/form.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <set>

#include "base/time.h"

namespace fuwu::catalogue {
namespace {

constexpr std::pair<FieldType, std::string_view> kTypeNames[] = {
    {FieldType::text, "text"},
    {FieldType::number, "number"},
    {FieldType::date, "date"},
    {FieldType::select, "select"},
    {FieldType::user, "user"},
    {FieldType::organisation, "organisation"},
    {FieldType::configuration_item, "configuration_item"},
};

std::size_t code_points(std::string_view s) {
  return static_cast<std::size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

bool valid_name(std::string_view n) {
  if (n.empty() || n.size() > 64 || n.front() < 'a' || n.front() > 'z') return false;
  return std::all_of(n.begin(), n.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

// Control characters other than \n and \t (and those too when single_line).
bool has_control(std::string_view s, bool single_line) {
  return std::any_of(s.begin(), s.end(), [single_line](char ch) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == '\n' || c == '\t') return single_line;
    return c < 0x20 || c == 0x7F;
  });
}

// Trims ASCII white space, U+00A0 and the ideographic space U+3000 (as the body reader does).
std::string trimmed(std::string_view s) {
  auto starts_space = [](std::string_view v) -> std::size_t {
    if (v.empty()) return 0;
    const char c = v.front();
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') return 1;
    if (v.substr(0, 2) == "\xC2\xA0") return 2;
    if (v.substr(0, 3) == "\xE3\x80\x80") return 3;
    return 0;
  };
  auto ends_space = [](std::string_view v) -> std::size_t {
    if (v.empty()) return 0;
    const char c = v.back();
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') return 1;
    if (v.size() >= 2 && v.substr(v.size() - 2) == "\xC2\xA0") return 2;
    if (v.size() >= 3 && v.substr(v.size() - 3) == "\xE3\x80\x80") return 3;
    return 0;
  };
  while (auto n = starts_space(s))
    s.remove_prefix(n);
  while (auto n = ends_space(s))
    s.remove_suffix(n);
  return std::string(s);
}

// A label pair: both required, at most `max` code points, one line.
void check_label(Error& e, const std::string& at, std::string_view key, const std::string& v,
                 std::size_t max) {
  if (v.empty()) {
    e.with_field(at + std::string(key), "required", "a label in this language");
  } else if (code_points(v) > max) {
    e.with_field(at + std::string(key), "too_long",
                 "at most " + std::to_string(max) + " characters");
  } else if (has_control(v, true)) {
    e.with_field(at + std::string(key), "invalid_text", "one line of text");
  }
}

void check_condition(Error& e, const std::string& at, const FormSchema& schema, std::size_t index,
                     const Condition& c) {
  const FieldDef* target = nullptr;
  for (std::size_t j = 0; j < index; ++j) {
    if (schema.fields[j].name == c.field) target = &schema.fields[j];
  }
  if (!target) {
    e.with_field(at + "/field", "not_found", "the name of an earlier field of this form");
    return;
  }
  if (target->type != FieldType::select) return;
  for (std::size_t k = 0; k < c.values.size(); ++k) {
    const bool known = std::any_of(target->options.begin(), target->options.end(),
                                   [&](const Option& o) { return o.value == c.values[k]; });
    if (!known) {
      e.with_field(at + "/values/" + std::to_string(k), "not_allowed",
                   "an option value of field " + c.field);
    }
  }
}

void check_field(Error& e, const FormSchema& schema, std::size_t i, std::set<std::string>& names) {
  const FieldDef& f = schema.fields[i];
  const std::string at = "/fields/" + std::to_string(i);
  if (!valid_name(f.name)) {
    e.with_field(at + "/name", "invalid_format",
                 "1 to 64 characters a-z, 0-9 and _, starting with a letter");
  } else if (!names.insert(f.name).second) {
    e.with_field(at + "/name", "duplicate", "each field name at most once");
  }
  check_label(e, at + "/", "label_zh", f.label_zh, 200);
  check_label(e, at + "/", "label_en", f.label_en, 200);
  if (code_points(f.help_zh) > 2000) e.with_field(at + "/help_zh", "too_long", "at most 2000");
  if (code_points(f.help_en) > 2000) e.with_field(at + "/help_en", "too_long", "at most 2000");
  if (f.type == FieldType::select) {
    if (f.options.empty()) {
      e.with_field(at + "/options", "required", "a select field needs options");
    } else if (f.options.size() > kMaxOptions) {
      e.with_field(at + "/options", "too_many", "at most " + std::to_string(kMaxOptions));
    }
    std::set<std::string> values;
    for (std::size_t k = 0; k < f.options.size(); ++k) {
      const auto& o = f.options[k];
      const std::string oat = at + "/options/" + std::to_string(k) + "/";
      if (o.value.empty() || code_points(o.value) > 100 || has_control(o.value, true)) {
        e.with_field(oat + "value", "invalid_format", "1 to 100 characters on one line");
      } else if (!values.insert(o.value).second) {
        e.with_field(oat + "value", "duplicate", "each option value at most once");
      }
      check_label(e, oat, "label_zh", o.label_zh, 200);
      check_label(e, oat, "label_en", o.label_en, 200);
    }
  } else if (!f.options.empty()) {
    e.with_field(at + "/options", "not_allowed", "only select fields have options");
  }
  if (f.type == FieldType::number) {
    if ((f.min && !std::isfinite(*f.min)) || (f.max && !std::isfinite(*f.max))) {
      e.with_field(at + "/min", "out_of_range", "finite numbers");
    } else if (f.min && f.max && *f.min > *f.max) {
      e.with_field(at + "/min", "out_of_range", "min must not be above max");
    }
  } else {
    if (f.min) e.with_field(at + "/min", "not_allowed", "only number fields have min");
    if (f.max) e.with_field(at + "/max", "not_allowed", "only number fields have max");
    if (f.integer) e.with_field(at + "/integer", "not_allowed", "only number fields");
  }
  if (f.type == FieldType::text) {
    if (f.max_length < 1 || f.max_length > 100000) {
      e.with_field(at + "/max_length", "out_of_range", "1 to 100000");
    }
  }
  if (f.shown_when) check_condition(e, at + "/shown_when", schema, i, *f.shown_when);
  if (f.required_when) check_condition(e, at + "/required_when", schema, i, *f.required_when);
}

const FormValue* find_value(const FormData& values, std::string_view name) {
  for (const auto& [n, v] : values) {
    if (n == name) return &v;
  }
  return nullptr;
}

bool whole(double d) {
  return std::isfinite(d) && std::floor(d) == d;
}

// Checks one shown field's non-null value; returns the normalised value or records problems.
std::optional<FormValue> check_value(Error& e, const FieldDef& f, const FormValue& v,
                                     std::vector<Reference>& refs) {
  const std::string at = "/" + f.name;
  auto wrong_type = [&](std::string_view expected) {
    e.with_field(at, "wrong_type", std::string(expected));
    return std::nullopt;
  };
  switch (f.type) {
    case FieldType::text:
    case FieldType::configuration_item: {
      if (v.kind != FormValue::Kind::text) return wrong_type("a string");
      const bool reference = f.type == FieldType::configuration_item;
      std::string s = trimmed(v.text);
      const std::size_t max = reference ? kMaxReferenceChars : f.max_length;
      if (has_control(s, reference)) {
        e.with_field(at, "invalid_text", reference ? "one line of text" : "no control characters");
        return std::nullopt;
      }
      if (code_points(s) > max) {
        e.with_field(at, "too_long", "at most " + std::to_string(max) + " characters");
        return std::nullopt;
      }
      return FormValue::of_text(std::move(s));
    }
    case FieldType::number: {
      if (v.kind != FormValue::Kind::number) return wrong_type("a number");
      if (f.integer && !whole(v.number)) return wrong_type("a whole number");
      if ((f.min && v.number < *f.min) || (f.max && v.number > *f.max)) {
        std::string range = (f.min ? value_text(FormValue::of_number(*f.min)) : "") + " to " +
                            (f.max ? value_text(FormValue::of_number(*f.max)) : "");
        e.with_field(at, "out_of_range", range);
        return std::nullopt;
      }
      return v;
    }
    case FieldType::date: {
      if (v.kind != FormValue::Kind::text) return wrong_type("a date YYYY-MM-DD");
      if (!parse_date(v.text)) {
        e.with_field(at, "invalid_format", "a date YYYY-MM-DD");
        return std::nullopt;
      }
      return v;
    }
    case FieldType::select: {
      if (v.kind != FormValue::Kind::text) return wrong_type("one of the option values");
      const bool known = std::any_of(f.options.begin(), f.options.end(),
                                     [&](const Option& o) { return o.value == v.text; });
      if (!known) {
        std::string allowed;
        for (const auto& o : f.options)
          allowed += (allowed.empty() ? "" : ", ") + o.value;
        e.with_field(at, "not_allowed", "one of: " + allowed);
        return std::nullopt;
      }
      return v;
    }
    case FieldType::user:
    case FieldType::organisation: {
      if (v.kind != FormValue::Kind::number || !whole(v.number) || v.number < 1 ||
          v.number > 9007199254740991.0) {
        return wrong_type("the id of a record (a positive whole number)");
      }
      refs.push_back({f.name, f.type, static_cast<std::int64_t>(v.number)});
      return v;
    }
  }
  return std::nullopt;
}

}  // namespace

std::string_view field_type_name(FieldType t) {
  for (const auto& [type, name] : kTypeNames) {
    if (type == t) return name;
  }
  return "text";
}

std::optional<FieldType> parse_field_type(std::string_view name) {
  for (const auto& [type, n] : kTypeNames) {
    if (n == name) return type;
  }
  return std::nullopt;
}

const FieldDef* FormSchema::field(std::string_view name) const {
  for (const auto& f : fields) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

Status validate_schema(const FormSchema& schema) {
  Error e(ErrorCode::validation_failed, "the form schema is not valid");
  if (schema.fields.size() > kMaxFields) {
    e.with_field("/fields", "too_many", "at most " + std::to_string(kMaxFields) + " fields");
    return e;
  }
  std::set<std::string> names;
  for (std::size_t i = 0; i < schema.fields.size(); ++i)
    check_field(e, schema, i, names);
  if (!e.fields.empty()) return e;
  return {};
}

std::string value_text(const FormValue& v) {
  if (v.kind == FormValue::Kind::text) return v.text;
  if (v.kind != FormValue::Kind::number) return {};
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, v.number);
  return std::string(buf, res.ptr);
}

bool condition_holds(const Condition& c, const FormData& values) {
  const FormValue* v = find_value(values, c.field);
  if (!v || v->kind == FormValue::Kind::null) return false;
  if (c.values.empty()) return true;
  const std::string text = value_text(*v);
  return std::find(c.values.begin(), c.values.end(), text) != c.values.end();
}

Result<ValidatedForm> validate_form(const FormSchema& schema, const FormData& data) {
  Error e(ErrorCode::validation_failed, "the form does not match the request item's form");
  std::set<std::string> seen;
  for (const auto& [name, value] : data) {
    if (!schema.field(name)) {
      e.with_field("/" + name, "unknown_field", "not a field of this form");
    } else if (!seen.insert(name).second) {
      e.with_field("/" + name, "duplicate", "each field at most once");
    }
  }
  ValidatedForm out;
  for (const auto& f : schema.fields) {
    const FormValue* v = find_value(data, f.name);
    const bool has = v && v->kind != FormValue::Kind::null &&
                     !(v->kind == FormValue::Kind::text && trimmed(v->text).empty());
    // Conditions look at the values accepted so far: they name earlier fields only.
    const bool shown = !f.shown_when || condition_holds(*f.shown_when, out.values);
    if (!shown) {
      if (has) {
        e.with_field("/" + f.name, "not_allowed",
                     "this field applies only when " + f.shown_when->field + " has a value" +
                         (f.shown_when->values.empty() ? "" : " it names"));
      }
      continue;
    }
    const bool required =
        f.required || (f.required_when && condition_holds(*f.required_when, out.values));
    if (!has) {
      if (required) e.with_field("/" + f.name, "required", f.label_en + " / " + f.label_zh);
      continue;
    }
    if (auto normalised = check_value(e, f, *v, out.references)) {
      out.values.emplace_back(f.name, std::move(*normalised));
    }
  }
  if (!e.fields.empty()) return e;
  return out;
}

}  // namespace fuwu::catalogue
