// LIKE patterns for searching text columns, the same on every backend.
#pragma once

#include <string>
#include <string_view>

namespace fuwu::store {

// A LIKE pattern matching `q` anywhere, with the wildcards of `q` escaped by '\' (use it with
// ESCAPE '\').
std::string contains_pattern(std::string_view q);

}  // namespace fuwu::store
