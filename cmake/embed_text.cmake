# Generates OUT: a .cc defining `std::string_view NS::FN()` that returns the text of IN.
file(READ "${IN}" text)
file(WRITE "${OUT}.tmp" "// Generated from ${IN}; do not edit.\n#include <string_view>\n\nnamespace ${NS} {\n\nstd::string_view ${FN}() {\n  static constexpr std::string_view text = R\"fuwu_text(${text})fuwu_text\";\n  return text;\n}\n\n}  // namespace ${NS}\n")
file(COPY_FILE "${OUT}.tmp" "${OUT}" ONLY_IF_DIFFERENT)
