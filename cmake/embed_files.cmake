# Generates OUT: a .cc defining
#   const std::vector<std::pair<std::string_view, std::string_view>>& NS::FN()
# that returns {file name without extension, file text} for every DIR/*.EXT, sorted by name.
# The declaration lives in INCLUDE (a header of the module that owns the files).
file(GLOB files "${DIR}/*.${EXT}")
list(SORT files)
set(body "")
foreach(f ${files})
  get_filename_component(name "${f}" NAME_WE)
  file(READ "${f}" text)
  string(FIND "${text}" ")fuwu_embed\"" clash)
  if(NOT clash EQUAL -1)
    message(FATAL_ERROR "${f} contains the raw-string delimiter )fuwu_embed\"")
  endif()
  string(APPEND body "      {\"${name}\", R\"fuwu_embed(${text})fuwu_embed\"},\n")
endforeach()
file(WRITE "${OUT}.tmp" "// Generated from ${DIR}; do not edit.\n#include \"${INCLUDE}\"\n\nnamespace ${NS} {\n\nconst std::vector<std::pair<std::string_view, std::string_view>>& ${FN}() {\n  static const std::vector<std::pair<std::string_view, std::string_view>> files = {\n${body}  };\n  return files;\n}\n\n}  // namespace ${NS}\n")
file(COPY_FILE "${OUT}.tmp" "${OUT}" ONLY_IF_DIFFERENT)
