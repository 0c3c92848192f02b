// Request forms: schema rules and the check of form data against a schema.
#include <gtest/gtest.h>

#include <algorithm>

#include "domain/catalogue/form.h"

namespace fuwu::catalogue {
namespace {

FieldDef field(std::string name, FieldType type, bool required = false) {
  FieldDef f;
  f.name = std::move(name);
  f.type = type;
  f.label_zh = "字段";
  f.label_en = "Field";
  f.required = required;
  return f;
}

// A laptop request: model (select), memory (number 8..64, whole), needed by (date), reason
// (text), a cost centre owner (user) shown only for model "workstation" and then required, an
// asset tag (configuration item) required when the reason is "replacement".
FormSchema laptop() {
  FormSchema s;
  auto model = field("model", FieldType::select, true);
  model.options = {{"standard", "标准", "Standard"}, {"workstation", "工作站", "Workstation"}};
  auto memory = field("memory_gb", FieldType::number);
  memory.min = 8;
  memory.max = 64;
  memory.integer = true;
  auto needed = field("needed_by", FieldType::date);
  auto reason = field("reason", FieldType::select, true);
  reason.options = {{"new_hire", "新员工", "New hire"}, {"replacement", "更换", "Replacement"}};
  auto owner = field("cost_owner", FieldType::user, true);
  owner.shown_when = Condition{"model", {"workstation"}};
  auto asset = field("old_asset", FieldType::configuration_item);
  asset.required_when = Condition{"reason", {"replacement"}};
  auto org = field("billed_to", FieldType::organisation);
  auto note = field("note", FieldType::text);
  note.max_length = 10;
  s.fields = {model, memory, needed, reason, owner, asset, org, note};
  return s;
}

FormValue text(std::string s) {
  return FormValue::of_text(std::move(s));
}
FormValue num(double n) {
  return FormValue::of_number(n);
}

std::vector<std::string> codes_of(const Error& e) {
  std::vector<std::string> out;
  for (const auto& f : e.fields)
    out.push_back(f.field + ":" + f.code);
  return out;
}

bool has(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

TEST(FormSchema, LaptopIsValid) {
  EXPECT_TRUE(validate_schema(laptop()).ok());
  EXPECT_TRUE(validate_schema(FormSchema{}).ok());
}

TEST(FormSchema, TypeNamesRoundTrip) {
  for (auto t : {FieldType::text, FieldType::number, FieldType::date, FieldType::select,
                 FieldType::user, FieldType::organisation, FieldType::configuration_item}) {
    EXPECT_EQ(parse_field_type(field_type_name(t)), t);
  }
  EXPECT_FALSE(parse_field_type("checkbox"));
}

TEST(FormSchema, RefusesBadNamesDuplicatesAndLabels) {
  FormSchema s;
  auto a = field("Model", FieldType::text);
  auto b = field("x", FieldType::text);
  auto c = field("x", FieldType::text);
  c.label_zh = "";
  c.label_en = std::string(201, 'a');
  s.fields = {a, b, c};
  auto st = validate_schema(s);
  ASSERT_FALSE(st.ok());
  auto codes = codes_of(st.error());
  EXPECT_TRUE(has(codes, "/fields/0/name:invalid_format"));
  EXPECT_TRUE(has(codes, "/fields/2/name:duplicate"));
  EXPECT_TRUE(has(codes, "/fields/2/label_zh:required"));
  EXPECT_TRUE(has(codes, "/fields/2/label_en:too_long"));
}

TEST(FormSchema, SelectNeedsUniqueOptionsOthersNone) {
  FormSchema s;
  auto sel = field("sel", FieldType::select);
  auto dup = field("dup", FieldType::select);
  dup.options = {{"a", "甲", "A"}, {"a", "乙", "B"}, {"", "丙", ""}};
  auto txt = field("txt", FieldType::text);
  txt.options = {{"a", "甲", "A"}};
  s.fields = {sel, dup, txt};
  auto codes = codes_of(validate_schema(s).error());
  EXPECT_TRUE(has(codes, "/fields/0/options:required"));
  EXPECT_TRUE(has(codes, "/fields/1/options/1/value:duplicate"));
  EXPECT_TRUE(has(codes, "/fields/1/options/2/value:invalid_format"));
  EXPECT_TRUE(has(codes, "/fields/1/options/2/label_en:required"));
  EXPECT_TRUE(has(codes, "/fields/2/options:not_allowed"));
}

TEST(FormSchema, NumberBoundsAndTextLength) {
  FormSchema s;
  auto n = field("n", FieldType::number);
  n.min = 5;
  n.max = 1;
  auto t = field("t", FieldType::text);
  t.min = 1;
  t.integer = true;
  t.max_length = 0;
  s.fields = {n, t};
  auto codes = codes_of(validate_schema(s).error());
  EXPECT_TRUE(has(codes, "/fields/0/min:out_of_range"));
  EXPECT_TRUE(has(codes, "/fields/1/min:not_allowed"));
  EXPECT_TRUE(has(codes, "/fields/1/integer:not_allowed"));
  EXPECT_TRUE(has(codes, "/fields/1/max_length:out_of_range"));
}

TEST(FormSchema, ConditionsNameEarlierFieldsAndKnownOptions) {
  FormSchema s;
  auto a = field("a", FieldType::text);
  a.shown_when = Condition{"b", {}};  // later field: could form a cycle
  auto b = field("b", FieldType::select);
  b.options = {{"x", "甲", "X"}};
  auto c = field("c", FieldType::text);
  c.required_when = Condition{"b", {"x", "nope"}};
  auto d = field("d", FieldType::text);
  d.shown_when = Condition{"d", {}};  // itself
  s.fields = {a, b, c, d};
  auto codes = codes_of(validate_schema(s).error());
  EXPECT_TRUE(has(codes, "/fields/0/shown_when/field:not_found"));
  EXPECT_TRUE(has(codes, "/fields/2/required_when/values/1:not_allowed"));
  EXPECT_FALSE(has(codes, "/fields/2/required_when/values/0:not_allowed"));
  EXPECT_TRUE(has(codes, "/fields/3/shown_when/field:not_found"));
}

TEST(FormSchema, TooManyFields) {
  FormSchema s;
  for (std::size_t i = 0; i <= kMaxFields; ++i)
    s.fields.push_back(field("f" + std::to_string(i), FieldType::text));
  EXPECT_TRUE(has(codes_of(validate_schema(s).error()), "/fields:too_many"));
}

TEST(FormData, AcceptsAGoodFormAndNormalises) {
  auto r = validate_form(laptop(), {{"reason", text("new_hire")},
                                    {"model", text("standard")},
                                    {"memory_gb", num(16)},
                                    {"needed_by", text("2026-12-01")},
                                    {"billed_to", num(7)},
                                    {"note", text("  快一点\u3000 ")}});
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_EQ(r->values.size(), 6u);
  EXPECT_EQ(r->values[0].first, "model");  // schema order
  EXPECT_EQ(r->values[5].second.text, "快一点");
  ASSERT_EQ(r->references.size(), 1u);
  EXPECT_EQ(r->references[0].type, FieldType::organisation);
  EXPECT_EQ(r->references[0].id, 7);
}

TEST(FormData, MissingRequiredAndUnknownFields) {
  auto r = validate_form(laptop(), {{"colour", text("red")}, {"model", text("   ")}});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::validation_failed);
  auto codes = codes_of(r.error());
  EXPECT_TRUE(has(codes, "/colour:unknown_field"));
  EXPECT_TRUE(has(codes, "/model:required"));
  EXPECT_TRUE(has(codes, "/reason:required"));
}

TEST(FormData, WrongTypesAndValues) {
  auto r = validate_form(laptop(), {{"model", text("gaming")},
                                    {"memory_gb", num(8.5)},
                                    {"needed_by", text("2026-02-30")},
                                    {"reason", num(1)},
                                    {"billed_to", text("7")},
                                    {"note", text("01234567890")}});
  auto codes = codes_of(r.error());
  EXPECT_TRUE(has(codes, "/model:not_allowed"));
  EXPECT_TRUE(has(codes, "/memory_gb:wrong_type"));
  EXPECT_TRUE(has(codes, "/needed_by:invalid_format"));
  EXPECT_TRUE(has(codes, "/reason:wrong_type"));
  EXPECT_TRUE(has(codes, "/billed_to:wrong_type"));
  EXPECT_TRUE(has(codes, "/note:too_long"));
}

TEST(FormData, NumberRangeAndOtherKinds) {
  auto r = validate_form(laptop(), {{"model", text("standard")},
                                    {"reason", text("new_hire")},
                                    {"memory_gb", num(128)},
                                    {"note", FormValue{FormValue::Kind::other, {}, 0}}});
  auto codes = codes_of(r.error());
  EXPECT_TRUE(has(codes, "/memory_gb:out_of_range"));
  EXPECT_TRUE(has(codes, "/note:wrong_type"));
  auto ids = validate_form(
      laptop(), {{"model", text("standard")}, {"reason", text("new_hire")}, {"billed_to", num(0)}});
  EXPECT_TRUE(has(codes_of(ids.error()), "/billed_to:wrong_type"));
}

TEST(FormData, ShownWhenHidesAndThenRequires) {
  // Standard model: the cost owner is hidden, so it is neither required nor accepted.
  EXPECT_TRUE(
      validate_form(laptop(), {{"model", text("standard")}, {"reason", text("new_hire")}}).ok());
  auto hidden = validate_form(
      laptop(),
      {{"model", text("standard")}, {"reason", text("new_hire")}, {"cost_owner", num(3)}});
  EXPECT_TRUE(has(codes_of(hidden.error()), "/cost_owner:not_allowed"));
  // Null for a hidden field is fine.
  EXPECT_TRUE(validate_form(laptop(), {{"model", text("standard")},
                                       {"reason", text("new_hire")},
                                       {"cost_owner", FormValue{}}})
                  .ok());
  // Workstation: shown and required.
  auto missing =
      validate_form(laptop(), {{"model", text("workstation")}, {"reason", text("new_hire")}});
  EXPECT_TRUE(has(codes_of(missing.error()), "/cost_owner:required"));
  auto ok = validate_form(
      laptop(),
      {{"model", text("workstation")}, {"reason", text("new_hire")}, {"cost_owner", num(3)}});
  ASSERT_TRUE(ok.ok());
  ASSERT_EQ(ok->references.size(), 1u);
  EXPECT_EQ(ok->references[0].type, FieldType::user);
}

TEST(FormData, RequiredWhen) {
  auto missing =
      validate_form(laptop(), {{"model", text("standard")}, {"reason", text("replacement")}});
  EXPECT_TRUE(has(codes_of(missing.error()), "/old_asset:required"));
  EXPECT_TRUE(validate_form(laptop(), {{"model", text("standard")},
                                       {"reason", text("replacement")},
                                       {"old_asset", text("PC-00042")}})
                  .ok());
  auto multi = validate_form(laptop(), {{"model", text("standard")},
                                        {"reason", text("replacement")},
                                        {"old_asset", text("PC\n42")}});
  EXPECT_TRUE(has(codes_of(multi.error()), "/old_asset:invalid_text"));
}

TEST(FormData, ConditionWithoutValuesAndOnNumbers) {
  FormSchema s;
  auto n = field("count", FieldType::number);
  auto a = field("why", FieldType::text);
  a.required_when = Condition{"count", {}};
  auto b = field("approval_note", FieldType::text);
  b.shown_when = Condition{"count", {"3", "2.5"}};
  s.fields = {n, a, b};
  ASSERT_TRUE(validate_schema(s).ok());
  EXPECT_TRUE(validate_form(s, {}).ok());
  EXPECT_TRUE(has(codes_of(validate_form(s, {{"count", num(1)}}).error()), "/why:required"));
  EXPECT_TRUE(
      validate_form(s, {{"count", num(2.5)}, {"why", text("x")}, {"approval_note", text("y")}})
          .ok());
  EXPECT_TRUE(
      validate_form(s, {{"count", num(3)}, {"why", text("x")}, {"approval_note", text("y")}}).ok());
  EXPECT_FALSE(
      validate_form(s, {{"count", num(4)}, {"why", text("x")}, {"approval_note", text("y")}}).ok());
}

TEST(FormData, DuplicateKeysAreRefused) {
  auto r = validate_form(
      laptop(),
      {{"model", text("standard")}, {"model", text("standard")}, {"reason", text("new_hire")}});
  EXPECT_TRUE(has(codes_of(r.error()), "/model:duplicate"));
}

TEST(FormData, ValueText) {
  EXPECT_EQ(value_text(num(3)), "3");
  EXPECT_EQ(value_text(num(2.5)), "2.5");
  EXPECT_EQ(value_text(text("a")), "a");
  EXPECT_EQ(value_text(FormValue{}), "");
}

}  // namespace
}  // namespace fuwu::catalogue
