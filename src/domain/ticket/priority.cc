#include "domain/ticket/priority.h"

namespace fuwu::ticket {

Status validate_matrix(const PriorityMatrix& m) {
  if (m.cells.empty() || m.cells[0].empty()) {
    return Error(ErrorCode::validation_failed, "the priority matrix is empty");
  }
  for (const auto& row : m.cells) {
    if (row.size() != m.cells[0].size()) {
      return Error(ErrorCode::validation_failed, "the priority matrix is not rectangular");
    }
    for (int p : row) {
      if (p < 1 || p > 4) return Error(ErrorCode::validation_failed, "priorities run from 1 to 4");
    }
  }
  return {};
}

Result<int> priority_of(const PriorityMatrix& m, int impact, int urgency) {
  Error e(ErrorCode::validation_failed, "impact or urgency out of range");
  if (impact < 1 || impact > m.levels_impact()) {
    e.with_field("impact", "out_of_range", "1 to " + std::to_string(m.levels_impact()));
  }
  if (urgency < 1 || urgency > m.levels_urgency()) {
    e.with_field("urgency", "out_of_range", "1 to " + std::to_string(m.levels_urgency()));
  }
  if (!e.fields.empty()) return e;
  return m.cells[static_cast<std::size_t>(impact - 1)][static_cast<std::size_t>(urgency - 1)];
}

}  // namespace fuwu::ticket
