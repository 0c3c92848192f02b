#include "store/sql.h"

#include "store/like.h"

#include <exception>

namespace fuwu::store {

// store/like.h
std::string contains_pattern(std::string_view q) {
  std::string out = "%";
  for (char c : q) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  out += '%';
  return out;
}

namespace {
const std::string kEmpty;
thread_local bool t_inside_unit = false;
}  // namespace

std::int64_t Row::i64(std::size_t i) const {
  const Value& v = values_.at(i);
  if (const auto* p = std::get_if<std::int64_t>(&v)) return *p;
  if (const auto* d = std::get_if<double>(&v)) return static_cast<std::int64_t>(*d);
  if (const auto* s = std::get_if<std::string>(&v)) return std::stoll(*s);
  return 0;
}

double Row::f64(std::size_t i) const {
  const Value& v = values_.at(i);
  if (const auto* d = std::get_if<double>(&v)) return *d;
  if (const auto* p = std::get_if<std::int64_t>(&v)) return static_cast<double>(*p);
  if (const auto* s = std::get_if<std::string>(&v)) return std::stod(*s);
  return 0;
}

const std::string& Row::text(std::size_t i) const {
  const Value& v = values_.at(i);
  if (const auto* s = std::get_if<std::string>(&v)) return *s;
  if (const auto* b = std::get_if<Blob>(&v)) return b->bytes;
  return kEmpty;
}

const std::string& Row::bytes(std::size_t i) const {
  return text(i);
}

Result<std::optional<Row>> Executor::query_one(std::string_view sql,
                                               std::initializer_list<Value> params) {
  auto rows = TRY(query(sql, params));
  if (rows.empty()) return std::optional<Row>();
  return std::optional<Row>(std::move(rows.front()));
}

Status run_unit(const Unit& unit, Executor& ex) {
  struct Mark {
    Mark() { t_inside_unit = true; }
    ~Mark() { t_inside_unit = false; }
  } mark;
  try {
    return unit(ex);
  } catch (const std::exception& e) {
    return Error(ErrorCode::internal, std::string("a database unit threw: ") + e.what());
  } catch (...) {
    return Error(ErrorCode::internal, "a database unit threw a non-standard exception");
  }
}

bool inside_unit() {
  return t_inside_unit;
}

Error refuse_nested(std::string_view what) {
  return Error(ErrorCode::internal,
               "store: " + std::string(what) + "() called from inside a unit (would deadlock)");
}

}  // namespace fuwu::store
