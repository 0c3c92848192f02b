// same_json_value: equality of JSON values that allows doubles to differ in the last bits.
//
// Boost.JSON 1.81 reads decimals with a fast algorithm that is not always correctly rounded, so
// a double that is serialized and read back may come back a unit or two in the last place away.
// Used by the round-trip test and the round-trip fuzzer.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>

#include <boost/json/value.hpp>

namespace fuwu::http {

inline bool same_json_value(const boost::json::value& a, const boost::json::value& b) {
  if (a.is_double() && b.is_double()) {
    const double x = a.get_double();
    const double y = b.get_double();
    return x == y || std::fabs(x - y) <= 1e-15 * std::max(std::fabs(x), std::fabs(y));
  }
  if (a.kind() != b.kind()) return false;
  if (a.is_array()) {
    const auto& x = a.get_array();
    const auto& y = b.get_array();
    if (x.size() != y.size()) return false;
    for (std::size_t i = 0; i < x.size(); ++i) {
      if (!same_json_value(x[i], y[i])) return false;
    }
    return true;
  }
  if (a.is_object()) {
    const auto& x = a.get_object();
    const auto& y = b.get_object();
    if (x.size() != y.size()) return false;
    for (const auto& member : x) {
      const boost::json::value* other = y.if_contains(member.key());
      if (other == nullptr || !same_json_value(member.value(), *other)) return false;
    }
    return true;
  }
  return a == b;
}

}  // namespace fuwu::http
