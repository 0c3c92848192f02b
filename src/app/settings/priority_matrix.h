// The impact × urgency → priority matrix that administrators configure (default: the ITIL 3×3,
// domain/ticket/priority.h). Tickets compute their priority from it on creation and whenever
// impact or urgency change; existing tickets keep theirs when the matrix changes.
//
// Reading needs "priority_matrix.read" (agents, administrators); changing needs
// "priority_matrix.write" (administrators), with If-Match on the version, and is audited
// (record "priority_matrix" 1). Rules: validation_failed unless rectangular, 1..5 × 1..5, with
// priorities 1..4 ("/cells").
#pragma once

#include "app/platform/context.h"
#include "domain/ticket/priority.h"

namespace fuwu::app {

struct PriorityMatrixRecord {
  ticket::PriorityMatrix matrix;
  std::int64_t version = 1;  // 1 while the default applies
  bool is_default = true;
};

// The matrix in force, without access checks (for use cases computing priorities).
Result<ticket::PriorityMatrix> load_priority_matrix(store::Executor& ex);

Result<PriorityMatrixRecord> get_priority_matrix(store::Executor& ex, const Actor& actor);
Result<PriorityMatrixRecord> set_priority_matrix(store::Executor& ex, const Actor& actor,
                                                 Instant now, std::int64_t expected_version,
                                                 const ticket::PriorityMatrix& matrix);

// "1,2,3;2,3,4;3,4,4": rows separated by ';' (for storage and the audit journal).
std::string matrix_text(const ticket::PriorityMatrix& m);
std::optional<ticket::PriorityMatrix> parse_matrix_text(std::string_view text);

}  // namespace fuwu::app
