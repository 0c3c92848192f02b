#include "app/products/product.h"

#include <algorithm>

namespace fuwu::app {
namespace {

constexpr const char* kLineColumns = "id, code, name_zh, name_en, version, created_at, updated_at";
constexpr const char* kModelColumns =
    "id, product_line_id, code, name_zh, name_en, warranty_start, warranty_months, version, "
    "created_at, updated_at";

Instant instant_of(const std::string& text) {
  return parse_rfc3339(text).value_or(Instant{});
}

ProductModel model_from_row(const store::Row& r) {
  ProductModel m;
  m.id = r.i64(0);
  m.product_line_id = r.i64(1);
  m.code = r.text(2);
  m.name_zh = r.text(3);
  m.name_en = r.text(4);
  m.warranty_start =
      aftersales::parse_start_rule(r.text(5)).value_or(std::vector<aftersales::DateBasis>{});
  m.warranty_months = static_cast<int>(r.i64(6));
  m.version = r.i64(7);
  m.created_at = instant_of(r.text(8));
  m.updated_at = instant_of(r.text(9));
  return m;
}

Status load_parts(store::Executor& ex, ProductModel& m) {
  auto rows = TRY(ex.query(
      "SELECT code, name_zh, name_en, warranty_months FROM model_parts WHERE model_id = $1 "
      "ORDER BY position",
      {m.id}));
  for (const auto& r : rows) {
    m.parts.push_back({r.text(0), r.text(1), r.text(2), static_cast<int>(r.i64(3))});
  }
  return {};
}

bool months_ok(int months) {
  return months >= 0 && months <= 600;
}

}  // namespace

Result<std::optional<ProductLine>> find_product_line(store::Executor& ex, std::int64_t id) {
  auto row = TRY(ex.query_one(
      std::string("SELECT ") + kLineColumns + " FROM product_lines WHERE id = $1", {id}));
  if (!row) return std::optional<ProductLine>();
  ProductLine l;
  l.id = row->i64(0);
  l.code = row->text(1);
  l.name_zh = row->text(2);
  l.name_en = row->text(3);
  l.version = row->i64(4);
  l.created_at = instant_of(row->text(5));
  l.updated_at = instant_of(row->text(6));
  return std::optional<ProductLine>(std::move(l));
}

Result<std::optional<ProductModel>> find_product_model(store::Executor& ex, std::int64_t id) {
  auto row = TRY(ex.query_one(
      std::string("SELECT ") + kModelColumns + " FROM product_models WHERE id = $1", {id}));
  if (!row) return std::optional<ProductModel>();
  auto m = model_from_row(*row);
  TRY_VOID(load_parts(ex, m));
  return std::optional<ProductModel>(std::move(m));
}

Result<std::vector<ProductModel>> models_of_line(store::Executor& ex, std::int64_t line_id) {
  auto rows = TRY(ex.query(std::string("SELECT ") + kModelColumns +
                               " FROM product_models WHERE product_line_id = $1 ORDER BY code",
                           {line_id}));
  std::vector<ProductModel> out;
  for (const auto& r : rows) {
    out.push_back(model_from_row(r));
    TRY_VOID(load_parts(ex, out.back()));
  }
  return out;
}

bool valid_code(std::string_view code) {
  if (code.empty() || code.size() > 40) return false;
  return std::all_of(code.begin(), code.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_' || c == '.';
  });
}

Status validate_product_line(const std::string& code, const std::string& name_zh) {
  Error e(ErrorCode::validation_failed, "the product line is not valid");
  if (!valid_code(code)) {
    e.with_field("code", "invalid_format", "1 to 40 letters, digits, '-', '_' or '.'");
  }
  if (name_zh.empty()) e.with_field("name_zh", "required", "the Chinese name");
  if (!e.fields.empty()) return e;
  return {};
}

Status validate_product_model(const ProductModel& m) {
  Error e(ErrorCode::validation_failed, "the product model is not valid");
  if (!valid_code(m.code)) {
    e.with_field("code", "invalid_format", "1 to 40 letters, digits, '-', '_' or '.'");
  }
  if (m.name_zh.empty()) e.with_field("name_zh", "required", "the Chinese name");
  if (m.warranty_start.empty()) {
    e.with_field("warranty_start", "required",
                 "one or more of installation, delivery, sale, production, in the order tried");
  }
  if (!months_ok(m.warranty_months)) e.with_field("warranty_months", "out_of_range", "0 to 600");
  for (std::size_t i = 0; i < m.parts.size(); ++i) {
    const auto& p = m.parts[i];
    const std::string at = "parts/" + std::to_string(i) + "/";
    if (!valid_code(p.code)) {
      e.with_field(at + "code", "invalid_format", "1 to 40 letters, digits, '-', '_' or '.'");
    } else if (std::any_of(m.parts.begin(), m.parts.begin() + static_cast<std::ptrdiff_t>(i),
                           [&](const ModelPart& o) { return o.code == p.code; })) {
      e.with_field(at + "code", "duplicate", "each part code at most once in a model");
    }
    if (p.name_zh.empty()) e.with_field(at + "name_zh", "required", "the Chinese name");
    if (!months_ok(p.warranty_months)) {
      e.with_field(at + "warranty_months", "out_of_range", "0 to 600");
    }
  }
  if (!e.fields.empty()) return e;
  return {};
}

Status write_model_parts(store::Executor& ex, std::int64_t model_id,
                         const std::vector<ModelPart>& parts) {
  TRY_VOID(ex.exec("DELETE FROM model_parts WHERE model_id = $1", {model_id}));
  std::int64_t position = 0;
  for (const auto& p : parts) {
    TRY_VOID(ex.exec(
        "INSERT INTO model_parts (model_id, code, name_zh, name_en, warranty_months, position) "
        "VALUES ($1, $2, $3, $4, $5, $6)",
        {model_id, p.code, p.name_zh, p.name_en, std::int64_t{p.warranty_months}, position++}));
  }
  return {};
}

std::string parts_text(const std::vector<ModelPart>& parts) {
  std::string out;
  for (const auto& p : parts) {
    if (!out.empty()) out += ',';
    out += p.code + ":" + std::to_string(p.warranty_months);
  }
  return out;
}

Error code_taken(std::string_view what) {
  return Error(ErrorCode::conflict, "another " + std::string(what) + " has this code")
      .with_field("code", "taken", "codes are unique");
}

}  // namespace fuwu::app
