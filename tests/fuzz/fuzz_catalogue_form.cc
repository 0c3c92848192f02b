// libFuzzer target: a catalogue form schema and form data from arbitrary bytes (schema JSON, a NUL
// byte, form JSON), through parse_form_schema, validate_form and the canonical writer.
//
// Beyond "no crash": a schema that is accepted writes canonical JSON that parses back to the same
// canonical JSON, and accepted form data only holds fields of the schema, in schema order.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "app/catalogue/catalogue.h"

namespace {

void check(bool ok) {
  if (!ok) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto nul = input.find('\0');
  const std::string_view schema_text = input.substr(0, nul);
  const std::string_view form_text =
      nul == std::string_view::npos ? std::string_view("{}") : input.substr(nul + 1);
  auto schema = fuwu::app::parse_form_schema(schema_text, "/form_schema");
  if (!schema.ok()) {
    check(!schema.error().fields.empty());
    return 0;
  }
  const std::string canonical = fuwu::app::form_schema_json(*schema);
  auto again = fuwu::app::parse_form_schema(canonical, "/form_schema");
  check(again.ok());
  check(fuwu::app::form_schema_json(*again) == canonical);
  auto form = fuwu::app::parse_form_data(form_text, "/form");
  if (!form.ok()) return 0;
  auto valid = fuwu::catalogue::validate_form(*schema, *form);
  if (!valid.ok()) {
    check(!valid.error().fields.empty());
    return 0;
  }
  std::size_t next = 0;
  for (const auto& [name, value] : valid->values) {
    while (next < schema->fields.size() && schema->fields[next].name != name)
      ++next;
    check(next < schema->fields.size());
    check(value.kind != fuwu::catalogue::FormValue::Kind::null);
  }
  (void)fuwu::app::form_data_json(valid->values);
  return 0;
}
