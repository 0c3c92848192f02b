# fuwu_warnings: an interface target every Fuwu target links to get the project's warning set.
add_library(fuwu_warnings INTERFACE)
target_compile_options(fuwu_warnings INTERFACE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
  -Wold-style-cast -Wcast-align -Woverloaded-virtual -Wimplicit-fallthrough
  -Wno-missing-field-initializers)
if(FUWU_WERROR)
  target_compile_options(fuwu_warnings INTERFACE -Werror)
endif()

# fuwu_module(NAME DIR DEPS...) declares a static library from every .cc below DIR (recursively),
# so adding a file to a module needs no CMake edit. Dependencies are PUBLIC only where a module's
# headers expose another module's types.
function(fuwu_module name dir)
  cmake_parse_arguments(M "" "" "PUBLIC;PRIVATE" ${ARGN})
  file(GLOB_RECURSE srcs CONFIGURE_DEPENDS "${dir}/*.cc")
  list(FILTER srcs EXCLUDE REGEX "_test\\.cc$")
  if(NOT srcs)
    set(srcs "${CMAKE_CURRENT_BINARY_DIR}/${name}_empty.cc")
    file(WRITE "${srcs}" "// ${name} has no sources yet.\n")
  endif()
  add_library(${name} STATIC ${srcs})
  target_include_directories(${name} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(${name} PUBLIC ${M_PUBLIC} PRIVATE fuwu_warnings ${M_PRIVATE})
endfunction()
