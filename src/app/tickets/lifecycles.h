// The lifecycles of record kinds, read from the embedded data files in
// src/app/tickets/lifecycles/ (one JSON file per kind), parsed and validated once.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/result.h"
#include "domain/ticket/lifecycle.h"

namespace fuwu::app {

struct KindInfo {
  ticket::Lifecycle lifecycle;
  std::string label_zh;
  std::string label_en;
  std::string api;  // a kind with its own API ("/api/v1/work-orders") is created only through it
};

// The lifecycle of `kind`, or not_found. Thread-safe (parsed once).
Result<const KindInfo*> kind_info(std::string_view kind);
// Every kind, in file-name order.
const std::vector<KindInfo>& all_kinds();

// The embedded files (generated at build time).
const std::vector<std::pair<std::string_view, std::string_view>>& lifecycle_files();

// Parses one lifecycle file (the format of src/app/tickets/lifecycles/*.json).
Result<KindInfo> parse_lifecycle(std::string_view json_text);

}  // namespace fuwu::app
