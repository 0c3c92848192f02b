// Priority from impact × urgency. Impact and urgency run 1 (highest) to N; the matrix gives a
// priority 1 (P1, most urgent) to 4. Administrators may configure another matrix; the default is
// the usual ITIL 3×3.
#pragma once

#include <vector>

#include "base/result.h"

namespace fuwu::ticket {

struct PriorityMatrix {
  // cells[impact - 1][urgency - 1] = priority
  std::vector<std::vector<int>> cells = {{1, 2, 3}, {2, 3, 4}, {3, 4, 4}};

  int levels_impact() const { return static_cast<int>(cells.size()); }
  int levels_urgency() const { return cells.empty() ? 0 : static_cast<int>(cells[0].size()); }
};

// validation_failed unless the matrix is rectangular, at least 1×1, with priorities 1..4.
Status validate_matrix(const PriorityMatrix& m);
// validation_failed (fields impact/urgency, out_of_range) when outside the matrix.
Result<int> priority_of(const PriorityMatrix& m, int impact, int urgency);

}  // namespace fuwu::ticket
