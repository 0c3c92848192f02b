// Request forms of the service catalogue: a schema (typed fields, select options with zh-CN and
// en labels, required and conditional fields) and the pure check of a request's form data
// against it. No I/O: references to people and organisations come back for the caller to check.
//
// Conditions: a field may be shown only when another field has a value (`shown_when`), and may
// be required only when another field has a value (`required_when`). A condition names an
// EARLIER field of the same form (so conditions never form a cycle) and optionally the values
// that satisfy it; with no values, any value does. A hidden field takes no value: a value sent
// for it is refused ("not_allowed"), null is ignored.
//
// Field error paths are JSON pointers relative to the object checked: "/fields/2/name" for a
// schema, "/<field name>" for form data; callers prefix them ("/form_schema", "/form").
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/result.h"

namespace fuwu::catalogue {

enum class FieldType { text, number, date, select, user, organisation, configuration_item };
std::string_view field_type_name(FieldType t);
std::optional<FieldType> parse_field_type(std::string_view name);

struct Option {
  std::string value;
  std::string label_zh;
  std::string label_en;
};

// Holds when `field` has a value and, if `values` is not empty, that value is one of them
// (numbers compare by their shortest decimal text, e.g. "3", "2.5").
struct Condition {
  std::string field;
  std::vector<std::string> values;
};

struct FieldDef {
  std::string name;  // [a-z][a-z0-9_]{0,63}, unique in the form
  FieldType type = FieldType::text;
  std::string label_zh;
  std::string label_en;
  std::string help_zh;
  std::string help_en;
  bool required = false;
  std::optional<Condition> shown_when;
  std::optional<Condition> required_when;
  std::vector<Option> options;    // select only: 1..200, values unique
  std::optional<double> min;      // number only
  std::optional<double> max;      // number only
  bool integer = false;           // number only: whole numbers only
  std::size_t max_length = 2000;  // text only: code points, 1..100000
};

struct FormSchema {
  std::vector<FieldDef> fields;

  const FieldDef* field(std::string_view name) const;
};

inline constexpr std::size_t kMaxFields = 100;
inline constexpr std::size_t kMaxOptions = 200;
inline constexpr std::size_t kMaxReferenceChars = 200;  // configuration item references

// validation_failed with one field error per broken rule (codes: required, too_long,
// invalid_format, duplicate, not_allowed, out_of_range, not_found, too_many).
Status validate_schema(const FormSchema& schema);

// One submitted value, as the JSON layer saw it.
struct FormValue {
  enum class Kind { null, text, number, other };  // other: boolean, array or object
  Kind kind = Kind::null;
  std::string text;
  double number = 0;

  static FormValue of_text(std::string s) { return {Kind::text, std::move(s), 0}; }
  static FormValue of_number(double n) { return {Kind::number, {}, n}; }
};
using FormData = std::vector<std::pair<std::string, FormValue>>;  // in submitted order

// A person or organisation the form names, for the caller to check.
struct Reference {
  std::string field;
  FieldType type = FieldType::user;  // user | organisation
  std::int64_t id = 0;
};

struct ValidatedForm {
  FormData values;  // shown fields with a value, in schema order; text trimmed
  std::vector<Reference> references;
};

// validation_failed listing every problem (codes: unknown_field, wrong_type, required, too_long,
// invalid_text, invalid_format, not_allowed, out_of_range), or the normalised data.
Result<ValidatedForm> validate_form(const FormSchema& schema, const FormData& data);

// Whether `c` holds for already validated values.
bool condition_holds(const Condition& c, const FormData& values);

// The text a value compares by in conditions: the text itself, or the number's shortest form.
std::string value_text(const FormValue& v);

}  // namespace fuwu::catalogue
