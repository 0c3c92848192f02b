// The product catalogue of after-sales (issue 8): product lines (产品线), their models (型号)
// with the warranty start rule and term, and each model's major parts with their own terms
// (seed 000: 启动机、发电机、电瓶三包期三个月). Use cases, one per file in this folder, each inside
// the caller's unit of work.
//
// Access: "product.read" to read (agents and customers), "product.write" to change (agents).
// Rules (validation_failed with field errors): codes 1–40 characters of letters, digits, "-",
// "_" and ".", unique (conflict, "code" "taken"); name_zh 1–200 characters; warranty_months
// 0–600; warranty_start a non-empty list of distinct bases from installation, delivery, sale,
// production; part codes unique within their model.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/platform/context.h"
#include "domain/aftersales/warranty.h"

namespace fuwu::app {

struct ModelPart {
  std::string code;
  std::string name_zh;
  std::string name_en;
  int warranty_months = 0;
};

struct ProductModel {
  std::int64_t id = 0;
  std::int64_t product_line_id = 0;
  std::string code;
  std::string name_zh;
  std::string name_en;
  std::vector<aftersales::DateBasis> warranty_start;
  int warranty_months = 12;
  std::vector<ModelPart> parts;
  std::int64_t version = 1;
  Instant created_at;
  Instant updated_at;
};

struct ProductLine {
  std::int64_t id = 0;
  std::string code;
  std::string name_zh;
  std::string name_en;
  std::vector<ProductModel> models;  // filled by get/list
  std::int64_t version = 1;
  Instant created_at;
  Instant updated_at;
};

struct NewProductLine {
  std::string code;
  std::string name_zh;
  std::string name_en;
};

struct ProductLinePatch {
  std::optional<std::string> code;
  std::optional<std::string> name_zh;
  std::optional<std::string> name_en;
};

struct NewProductModel {
  std::string code;
  std::string name_zh;
  std::string name_en;
  std::vector<aftersales::DateBasis> warranty_start;  // default installation, delivery, sale
  int warranty_months = 12;
  std::vector<ModelPart> parts;
};

// Only fields that are set change; `parts` replaces the whole list.
struct ProductModelPatch {
  std::optional<std::string> code;
  std::optional<std::string> name_zh;
  std::optional<std::string> name_en;
  std::optional<std::vector<aftersales::DateBasis>> warranty_start;
  std::optional<int> warranty_months;
  std::optional<std::vector<ModelPart>> parts;
};

Result<ProductLine> create_product_line(store::Executor& ex, const Actor& actor, Instant now,
                                        const NewProductLine& input);
Result<ProductLine> get_product_line(store::Executor& ex, const Actor& actor, std::int64_t id);
// Every product line with its models, by code.
Result<std::vector<ProductLine>> list_product_lines(store::Executor& ex, const Actor& actor);
Result<ProductLine> update_product_line(store::Executor& ex, const Actor& actor, Instant now,
                                        std::int64_t id, std::int64_t expected_version,
                                        const ProductLinePatch& patch);
Result<ProductModel> create_product_model(store::Executor& ex, const Actor& actor, Instant now,
                                          std::int64_t product_line_id,
                                          const NewProductModel& input);
Result<ProductModel> get_product_model(store::Executor& ex, const Actor& actor, std::int64_t id);
Result<ProductModel> update_product_model(store::Executor& ex, const Actor& actor, Instant now,
                                          std::int64_t id, std::int64_t expected_version,
                                          const ProductModelPatch& patch);

// Shared by the use cases of this folder and by units.
Result<std::optional<ProductLine>> find_product_line(store::Executor& ex, std::int64_t id);
Result<std::optional<ProductModel>> find_product_model(store::Executor& ex, std::int64_t id);
Result<std::vector<ProductModel>> models_of_line(store::Executor& ex, std::int64_t line_id);
// True for 1–40 characters of [A-Za-z0-9._-].
bool valid_code(std::string_view code);
Status validate_product_line(const std::string& code, const std::string& name_zh);
Status validate_product_model(const ProductModel& m);
Status write_model_parts(store::Executor& ex, std::int64_t model_id,
                         const std::vector<ModelPart>& parts);
// "starter:3,battery:3" for the audit journal.
std::string parts_text(const std::vector<ModelPart>& parts);
Error code_taken(std::string_view what);

}  // namespace fuwu::app
