#include "app/settings/priority_matrix.h"

#include <utility>

#include "app/platform/audit.h"
#include "app/platform/outbox.h"

namespace fuwu::app {
namespace {

Result<PriorityMatrixRecord> read_record(store::Executor& ex) {
  PriorityMatrixRecord r;
  auto row = TRY(ex.query_one("SELECT cells, version FROM priority_matrix WHERE id = 1"));
  if (!row) return r;
  auto parsed = parse_matrix_text(row->text(0));
  if (!parsed) return Error(ErrorCode::internal, "the stored priority matrix is unreadable");
  r.matrix = std::move(*parsed);
  r.version = row->i64(1);
  r.is_default = false;
  return r;
}

}  // namespace

std::string matrix_text(const ticket::PriorityMatrix& m) {
  std::string out;
  for (std::size_t i = 0; i < m.cells.size(); ++i) {
    if (i) out += ';';
    for (std::size_t j = 0; j < m.cells[i].size(); ++j) {
      if (j) out += ',';
      out += std::to_string(m.cells[i][j]);
    }
  }
  return out;
}

std::optional<ticket::PriorityMatrix> parse_matrix_text(std::string_view text) {
  ticket::PriorityMatrix m;
  m.cells.clear();
  std::vector<int> row;
  int value = -1;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    const char c = i < text.size() ? text[i] : ';';
    if (c >= '0' && c <= '9') {
      value = (value < 0 ? 0 : value * 10) + (c - '0');
      if (value > 99) return std::nullopt;
    } else if (c == ',' || c == ';') {
      if (value < 0) return std::nullopt;
      row.push_back(value);
      value = -1;
      if (c == ';') m.cells.push_back(std::exchange(row, {}));
    } else {
      return std::nullopt;
    }
  }
  if (!ticket::validate_matrix(m).ok()) return std::nullopt;
  return m;
}

Result<ticket::PriorityMatrix> load_priority_matrix(store::Executor& ex) {
  auto r = TRY(read_record(ex));
  return std::move(r.matrix);
}

Result<PriorityMatrixRecord> get_priority_matrix(store::Executor& ex, const Actor& actor) {
  if (!access::can(actor.principal, "priority_matrix.read")) {
    return Error(ErrorCode::permission_denied, "you may not read the priority matrix");
  }
  return read_record(ex);
}

Result<PriorityMatrixRecord> set_priority_matrix(store::Executor& ex, const Actor& actor,
                                                 Instant now, std::int64_t expected_version,
                                                 const ticket::PriorityMatrix& matrix) {
  if (!access::can(actor.principal, "priority_matrix.write")) {
    return Error(ErrorCode::permission_denied, "you may not change the priority matrix");
  }
  const auto old = TRY(read_record(ex));
  if (old.version != expected_version) {
    return Error(ErrorCode::precondition_failed,
                 "the priority matrix was changed by someone else; reload it and try again");
  }
  auto valid = ticket::validate_matrix(matrix);
  if (!valid.ok() || matrix.levels_impact() > 5 || matrix.levels_urgency() > 5) {
    return Error(ErrorCode::validation_failed, "the priority matrix is not valid")
        .with_field("/cells", "invalid_format",
                    valid.ok() ? "at most 5 impact and 5 urgency levels" : valid.error().message);
  }
  const std::string ts = format_rfc3339(now);
  const std::string cells = matrix_text(matrix);
  if (old.is_default) {
    TRY_VOID(ex.exec(
        "INSERT INTO priority_matrix (id, cells, version, updated_at) VALUES (1, $1, 2, $2)",
        {cells, ts}));
  } else {
    const auto n = TRY(ex.exec(
        "UPDATE priority_matrix SET cells = $1, version = version + 1, updated_at = $2 WHERE id = "
        "1 AND version = $3",
        {cells, ts, expected_version}));
    if (n == 0) {
      return Error(ErrorCode::precondition_failed,
                   "the priority matrix was changed by someone else; reload it and try again");
    }
  }
  TRY_VOID(write_audit(ex, actor, now, "priority_matrix", 1, "update",
                       {{"cells", matrix_text(old.matrix), cells}}));
  TRY_VOID(emit_event(ex, actor, now, "priority_matrix.updated", "priority_matrix", 1));
  return read_record(ex);
}

}  // namespace fuwu::app
