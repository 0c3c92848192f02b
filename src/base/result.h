// Result<T>: a value or an Error. Success costs a move; failure carries the Error.
//
//   Result<Ticket> load(Id id);
//   Result<void> save(const Ticket&);
//   auto t = TRY(load(id));       // returns the Error from the enclosing function on failure
//   TRY_VOID(save(t));
//
// TRY uses a GNU statement expression (g++ and clang both support it).
#pragma once

#include <cassert>
#include <optional>
#include <type_traits>
#include <utility>
#include <variant>

#include "base/error.h"

namespace fuwu {

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::in_place_index<0>, std::move(value)) {}  // NOLINT: implicit by design
  Result(Error error) : v_(std::in_place_index<1>, std::move(error)) {}  // NOLINT

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & {
    assert(ok());
    return std::get<0>(v_);
  }
  const T& value() const& {
    assert(ok());
    return std::get<0>(v_);
  }
  T&& value() && {
    assert(ok());
    return std::get<0>(std::move(v_));
  }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  const Error& error() const& {
    assert(!ok());
    return std::get<1>(v_);
  }
  Error&& error() && {
    assert(!ok());
    return std::get<1>(std::move(v_));
  }

  T value_or(T fallback) const& { return ok() ? std::get<0>(v_) : std::move(fallback); }

 private:
  std::variant<T, Error> v_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : error_(std::move(error)) {}  // NOLINT: implicit by design

  bool ok() const { return !error_.has_value(); }
  explicit operator bool() const { return ok(); }
  void value() const { assert(ok()); }
  const Error& error() const& {
    assert(!ok());
    return *error_;
  }
  Error&& error() && {
    assert(!ok());
    return std::move(*error_);
  }

 private:
  std::optional<Error> error_;
};

using Status = Result<void>;

inline Status ok_status() {
  return {};
}

}  // namespace fuwu

#define FUWU_CONCAT_INNER(a, b) a##b
#define FUWU_CONCAT(a, b) FUWU_CONCAT_INNER(a, b)

// Evaluates a Result<T>; on failure returns its Error from the enclosing function, otherwise
// yields the value.
#define TRY(expr) FUWU_TRY_IMPL(expr, FUWU_CONCAT(fuwu_try_, __COUNTER__))
#define FUWU_TRY_IMPL(expr, tmp)                  \
  __extension__({                                 \
    auto tmp = (expr);                            \
    if (!tmp.ok()) return std::move(tmp).error(); \
    std::move(tmp).value();                       \
  })

// Like TRY for Result<void> (or when the value is not wanted).
#define TRY_VOID(expr) FUWU_TRY_VOID_IMPL(expr, FUWU_CONCAT(fuwu_try_, __COUNTER__))
#define FUWU_TRY_VOID_IMPL(expr, tmp)             \
  do {                                            \
    auto tmp = (expr);                            \
    if (!tmp.ok()) return std::move(tmp).error(); \
  } while (0)
