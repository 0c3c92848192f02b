# Generates OUT: a .cc defining fuwu::http::openapi_fragments(), the base document and every
# per-area fragment of DIR (base.json first, then the others by name).
file(GLOB files "${DIR}/*.json")
list(SORT files)
set(body "")
foreach(f ${files})
  get_filename_component(name "${f}" NAME_WE)
  file(READ "${f}" text)
  string(APPEND body "      {\"${name}\", R\"fuwu_json(${text})fuwu_json\"},\n")
endforeach()
file(WRITE "${OUT}.tmp" "// Generated from ${DIR}; do not edit.\n#include \"http/openapi.h\"\n\nnamespace fuwu::http {\n\nconst std::vector<std::pair<std::string_view, std::string_view>>& openapi_fragments() {\n  static const std::vector<std::pair<std::string_view, std::string_view>> f = {\n${body}  };\n  return f;\n}\n\n}  // namespace fuwu::http\n")
file(COPY_FILE "${OUT}.tmp" "${OUT}" ONLY_IF_DIFFERENT)
