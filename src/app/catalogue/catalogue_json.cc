// The catalogue's JSON documents: form schemas, approval stages, audiences and form data, read
// with every problem reported at its JSON pointer, and written in one canonical form.
#include <boost/json.hpp>
#include <cmath>
#include <optional>

#include "app/catalogue/catalogue.h"

namespace fuwu::app {
namespace {

namespace json = boost::json;
using catalogue::FieldDef;

// The largest bound (min, max, max_length) a form schema may name.
constexpr double kLargestBound = 1e15;

// `d`, or the double nearest it that reads back as itself once written out: Boost 1.81's parser
// is not exact for every double (1.5e-31 written as "1.5E-31" reads back one unit in the last
// place away), and a stored bound must survive being written and read again unchanged. Empty
// when no such value is found within a few rounds.
std::optional<double> settled(double d) {
  for (int round = 0; round < 4; ++round) {
    boost::system::error_code ec;
    const json::value back = json::parse(json::serialize(json::value(d)), ec);
    if (ec || !back.is_number()) return std::nullopt;
    const double again = back.to_number<double>();
    if (again == d) return d;
    d = again;
  }
  return std::nullopt;
}

// A whole number that an int64 holds exactly.
bool fits_int64(double d) {
  return std::isfinite(d) && std::floor(d) == d && d >= -9.0e18 && d <= 9.0e18;
}
using catalogue::FieldType;

// Reads the members of one JSON object, recording problems under `at`; unknown members are
// reported by finish().
class ObjectReader {
 public:
  ObjectReader(const json::object& o, std::string at, Error& e)
      : o_(o), at_(std::move(at)), e_(e) {}

  std::optional<std::string> text(std::string_view key, bool required = false) {
    const auto* v = find(key);
    if (!v || v->is_null()) {
      if (required) e_.with_field(at_ + "/" + std::string(key), "required", "a string");
      return std::nullopt;
    }
    if (!v->is_string()) {
      e_.with_field(at_ + "/" + std::string(key), "wrong_type", "a string");
      return std::nullopt;
    }
    return std::string(v->as_string());
  }
  std::optional<bool> boolean(std::string_view key) {
    const auto* v = find(key);
    if (!v || v->is_null()) return std::nullopt;
    if (!v->is_bool()) {
      e_.with_field(at_ + "/" + std::string(key), "wrong_type", "true or false");
      return std::nullopt;
    }
    return v->as_bool();
  }
  std::optional<double> number(std::string_view key) {
    const auto* v = find(key);
    if (!v || v->is_null()) return std::nullopt;
    if (!v->is_number()) {
      e_.with_field(at_ + "/" + std::string(key), "wrong_type", "a number");
      return std::nullopt;
    }
    // Beyond 10^15 a double no longer holds every whole number, and a bound written back out
    // would not read back as the same value.
    const auto d = settled(v->to_number<double>());
    if (!d || !(std::fabs(*d) <= kLargestBound)) {
      e_.with_field(at_ + "/" + std::string(key), "out_of_range", "between -10^15 and 10^15");
      return std::nullopt;
    }
    return d;
  }
  std::optional<std::int64_t> integer(std::string_view key) {
    auto d = number(key);
    if (!d) return std::nullopt;
    if (!fits_int64(*d)) {
      e_.with_field(at_ + "/" + std::string(key), "wrong_type", "a whole number");
      return std::nullopt;
    }
    return static_cast<std::int64_t>(*d);
  }
  const json::array* array(std::string_view key, bool required = false) {
    const auto* v = find(key);
    if (!v || v->is_null()) {
      if (required) e_.with_field(at_ + "/" + std::string(key), "required", "an array");
      return nullptr;
    }
    if (!v->is_array()) {
      e_.with_field(at_ + "/" + std::string(key), "wrong_type", "an array");
      return nullptr;
    }
    return &v->as_array();
  }
  const json::object* object(std::string_view key) {
    const auto* v = find(key);
    if (!v || v->is_null()) return nullptr;
    if (!v->is_object()) {
      e_.with_field(at_ + "/" + std::string(key), "wrong_type", "an object");
      return nullptr;
    }
    return &v->as_object();
  }
  void finish() {
    for (const auto& m : o_) {
      if (std::find(known_.begin(), known_.end(), std::string_view(m.key())) == known_.end()) {
        e_.with_field(at_ + "/" + std::string(m.key()), "unknown_field", "not a known member");
      }
    }
  }
  const std::string& at() const { return at_; }

 private:
  const json::value* find(std::string_view key) {
    known_.push_back(key);
    return o_.if_contains(key);
  }
  const json::object& o_;
  std::string at_;
  Error& e_;
  std::vector<std::string_view> known_;
};

// unknown_field and wrong_type make a malformed request (400), anything else a rule broken (422).
Error classified(Error e) {
  for (const auto& f : e.fields) {
    if (f.code == "unknown_field" || f.code == "wrong_type") e.code = ErrorCode::invalid_request;
  }
  return e;
}

Result<json::value> parse_text(std::string_view text, std::string_view prefix) {
  boost::system::error_code ec;
  auto v = json::parse(text, ec);
  if (ec) {
    return Error(ErrorCode::invalid_request, "not valid JSON")
        .with_field(std::string(prefix), "wrong_type", "a JSON document");
  }
  return v;
}

const json::object* as_object(const json::value& v, const std::string& at, Error& e) {
  if (!v.is_object()) {
    e.with_field(at, "wrong_type", "an object");
    return nullptr;
  }
  return &v.as_object();
}

std::optional<catalogue::Condition> read_condition(ObjectReader& r, std::string_view key,
                                                   Error& e) {
  const auto* o = r.object(key);
  if (!o) return std::nullopt;
  ObjectReader c(*o, r.at() + "/" + std::string(key), e);
  catalogue::Condition out;
  out.field = c.text("field", true).value_or("");
  if (const auto* values = c.array("values")) {
    for (std::size_t i = 0; i < values->size(); ++i) {
      const auto& v = (*values)[i];
      if (v.is_string()) {
        out.values.emplace_back(v.as_string());
      } else if (v.is_number()) {
        out.values.push_back(
            catalogue::value_text(catalogue::FormValue::of_number(v.to_number<double>())));
      } else {
        e.with_field(c.at() + "/values/" + std::to_string(i), "wrong_type", "a string or number");
      }
    }
  }
  c.finish();
  return out;
}

FieldDef read_field(const json::value& v, const std::string& at, Error& e) {
  FieldDef f;
  const auto* o = as_object(v, at, e);
  if (!o) return f;
  ObjectReader r(*o, at, e);
  f.name = r.text("name", true).value_or("");
  const auto type = r.text("type", true);
  if (type) {
    if (auto t = catalogue::parse_field_type(*type)) {
      f.type = *t;
    } else {
      e.with_field(at + "/type", "not_allowed",
                   "text, number, date, select, user, organisation or configuration_item");
    }
  }
  f.label_zh = r.text("label_zh").value_or("");
  f.label_en = r.text("label_en").value_or("");
  f.help_zh = r.text("help_zh").value_or("");
  f.help_en = r.text("help_en").value_or("");
  f.required = r.boolean("required").value_or(false);
  f.shown_when = read_condition(r, "shown_when", e);
  f.required_when = read_condition(r, "required_when", e);
  if (const auto* options = r.array("options")) {
    for (std::size_t i = 0; i < options->size(); ++i) {
      const std::string oat = at + "/options/" + std::to_string(i);
      const auto* oo = as_object((*options)[i], oat, e);
      if (!oo) continue;
      ObjectReader orr(*oo, oat, e);
      catalogue::Option opt;
      opt.value = orr.text("value", true).value_or("");
      opt.label_zh = orr.text("label_zh").value_or("");
      opt.label_en = orr.text("label_en").value_or("");
      orr.finish();
      f.options.push_back(std::move(opt));
    }
  }
  f.min = r.number("min");
  f.max = r.number("max");
  f.integer = r.boolean("integer").value_or(false);
  if (auto n = r.integer("max_length")) {
    f.max_length = *n < 0 ? 0 : static_cast<std::size_t>(*n);
  }
  r.finish();
  return f;
}

json::object condition_json(const catalogue::Condition& c) {
  json::array values;
  for (const auto& v : c.values)
    values.emplace_back(v);
  return {{"field", c.field}, {"values", std::move(values)}};
}

}  // namespace

Result<catalogue::FormSchema> parse_form_schema(std::string_view text, std::string_view prefix) {
  const std::string at(prefix);
  auto v = TRY(parse_text(text, prefix));
  Error e(ErrorCode::validation_failed, "the form schema is not valid");
  catalogue::FormSchema schema;
  if (const auto* o = as_object(v, at, e)) {
    ObjectReader r(*o, at, e);
    if (const auto* fields = r.array("fields", true)) {
      if (fields->size() > catalogue::kMaxFields) {
        e.with_field(at + "/fields", "too_many",
                     "at most " + std::to_string(catalogue::kMaxFields) + " fields");
      } else {
        for (std::size_t i = 0; i < fields->size(); ++i) {
          schema.fields.push_back(read_field((*fields)[i], at + "/fields/" + std::to_string(i), e));
        }
      }
    }
    r.finish();
  }
  if (!e.fields.empty()) return classified(std::move(e));
  auto valid = catalogue::validate_schema(schema);
  if (!valid.ok()) {
    Error out = std::move(valid).error();
    for (auto& f : out.fields)
      f.field = at + f.field;
    return out;
  }
  return schema;
}

std::string form_schema_json(const catalogue::FormSchema& schema) {
  json::array fields;
  for (const auto& f : schema.fields) {
    json::object o{{"name", f.name},
                   {"type", catalogue::field_type_name(f.type)},
                   {"label_zh", f.label_zh},
                   {"label_en", f.label_en},
                   {"required", f.required}};
    if (!f.help_zh.empty()) o["help_zh"] = f.help_zh;
    if (!f.help_en.empty()) o["help_en"] = f.help_en;
    if (f.shown_when) o["shown_when"] = condition_json(*f.shown_when);
    if (f.required_when) o["required_when"] = condition_json(*f.required_when);
    if (f.type == FieldType::select) {
      json::array options;
      for (const auto& opt : f.options) {
        options.push_back(
            {{"value", opt.value}, {"label_zh", opt.label_zh}, {"label_en", opt.label_en}});
      }
      o["options"] = std::move(options);
    }
    if (f.type == FieldType::number) {
      if (f.min) o["min"] = *f.min;
      if (f.max) o["max"] = *f.max;
      o["integer"] = f.integer;
    }
    if (f.type == FieldType::text) o["max_length"] = f.max_length;
    fields.push_back(std::move(o));
  }
  return json::serialize(json::object{{"fields", std::move(fields)}});
}

Result<std::vector<catalogue::StageDef>> parse_stages(std::string_view text,
                                                      std::string_view prefix) {
  const std::string at(prefix);
  auto v = TRY(parse_text(text, prefix));
  Error e(ErrorCode::validation_failed, "the approval stages are not valid");
  std::vector<catalogue::StageDef> stages;
  if (!v.is_array()) {
    e.with_field(at, "wrong_type", "an array of stages");
    return classified(std::move(e));
  }
  const auto& arr = v.as_array();
  for (std::size_t i = 0; i < arr.size() && i <= catalogue::kMaxStages; ++i) {
    const std::string sat = at + "/" + std::to_string(i);
    catalogue::StageDef s;
    const auto* o = as_object(arr[i], sat, e);
    if (!o) continue;
    ObjectReader r(*o, sat, e);
    s.label_zh = r.text("label_zh").value_or("");
    s.label_en = r.text("label_en").value_or("");
    if (auto rule = r.text("rule")) {
      if (auto parsed = catalogue::parse_rule(*rule)) {
        s.rule = *parsed;
      } else {
        e.with_field(sat + "/rule", "not_allowed", "any or all");
      }
    }
    if (const auto* approvers = r.array("approvers", true)) {
      for (std::size_t k = 0; k < approvers->size(); ++k) {
        const std::string aat = sat + "/approvers/" + std::to_string(k);
        const auto* ao = as_object((*approvers)[k], aat, e);
        if (!ao) continue;
        ObjectReader ar(*ao, aat, e);
        catalogue::ApproverSpec spec;
        if (auto kind = ar.text("type", true)) {
          if (auto parsed = catalogue::parse_approver_kind(*kind)) {
            spec.kind = *parsed;
          } else {
            e.with_field(aat + "/type", "not_allowed", "role, manager or user");
          }
        }
        spec.role = ar.text("role").value_or("");
        spec.user_id = ar.integer("user_id").value_or(0);
        ar.finish();
        s.approvers.push_back(std::move(spec));
      }
    }
    r.finish();
    stages.push_back(std::move(s));
  }
  if (!e.fields.empty()) return classified(std::move(e));
  auto valid = catalogue::validate_stages(stages);
  if (!valid.ok()) {
    Error out = std::move(valid).error();
    for (auto& f : out.fields)
      f.field = at + f.field;
    return out;
  }
  return stages;
}

std::string stages_json(const std::vector<catalogue::StageDef>& stages) {
  json::array out;
  for (const auto& s : stages) {
    json::array approvers;
    for (const auto& a : s.approvers) {
      json::object o{{"type", catalogue::approver_kind_name(a.kind)}};
      if (a.kind == catalogue::ApproverSpec::Kind::role) o["role"] = a.role;
      if (a.kind == catalogue::ApproverSpec::Kind::user) o["user_id"] = a.user_id;
      approvers.push_back(std::move(o));
    }
    out.push_back({{"label_zh", s.label_zh},
                   {"label_en", s.label_en},
                   {"rule", catalogue::rule_name(s.rule)},
                   {"approvers", std::move(approvers)}});
  }
  return json::serialize(out);
}

Audience parse_audience(std::string_view text) {
  // Stored by audience_json: a broken document means no restriction is known, so nobody but
  // managers may request (the roles list below names an impossible role).
  Audience a;
  boost::system::error_code ec;
  auto v = json::parse(text, ec);
  if (ec || !v.is_object()) {
    a.roles = {"-"};
    return a;
  }
  const auto& o = v.as_object();
  if (const auto* roles = o.if_contains("roles"); roles && roles->is_array()) {
    for (const auto& r : roles->as_array()) {
      if (r.is_string()) a.roles.emplace_back(r.as_string());
    }
  }
  if (const auto* orgs = o.if_contains("organisation_ids"); orgs && orgs->is_array()) {
    for (const auto& id : orgs->as_array()) {
      if (id.is_int64()) a.organisation_ids.push_back(id.as_int64());
    }
  }
  return a;
}

std::string audience_json(const Audience& a) {
  json::array roles, orgs;
  for (const auto& r : a.roles)
    roles.emplace_back(r);
  for (auto id : a.organisation_ids)
    orgs.emplace_back(id);
  return json::serialize(
      json::object{{"roles", std::move(roles)}, {"organisation_ids", std::move(orgs)}});
}

Result<catalogue::FormData> parse_form_data(std::string_view text, std::string_view prefix) {
  auto v = TRY(parse_text(text, prefix));
  if (!v.is_object()) {
    return Error(ErrorCode::invalid_request, "the form is not an object")
        .with_field(std::string(prefix), "wrong_type", "an object of field values");
  }
  catalogue::FormData out;
  for (const auto& m : v.as_object()) {
    catalogue::FormValue fv;
    if (m.value().is_string()) {
      fv = catalogue::FormValue::of_text(std::string(m.value().as_string()));
    } else if (m.value().is_number()) {
      fv = catalogue::FormValue::of_number(m.value().to_number<double>());
    } else if (!m.value().is_null()) {
      fv.kind = catalogue::FormValue::Kind::other;
    }
    out.emplace_back(std::string(m.key()), std::move(fv));
  }
  return out;
}

std::string form_data_json(const catalogue::FormData& data) {
  json::object o;
  for (const auto& [name, v] : data) {
    switch (v.kind) {
      case catalogue::FormValue::Kind::text:
        o[name] = v.text;
        break;
      case catalogue::FormValue::Kind::number:
        if (fits_int64(v.number)) {
          o[name] = static_cast<std::int64_t>(v.number);
        } else {
          o[name] = v.number;
        }
        break;
      default:
        o[name] = nullptr;
        break;
    }
  }
  return json::serialize(o);
}

}  // namespace fuwu::app
