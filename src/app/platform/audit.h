// The audit journal: who changed what, when, through which request, with each field's old and
// new value. Written by use cases inside their own write unit, so an entry exists exactly when
// the change does. Append-only: nothing here (or anywhere) updates or deletes entries.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/platform/context.h"

namespace fuwu::app {

struct FieldChange {
  std::string field;
  std::optional<std::string> old_value;  // nullopt: absent/NULL
  std::optional<std::string> new_value;
};

// Collects changes of a record being updated; unchanged fields are skipped.
class ChangeSet {
 public:
  void add(std::string field, std::optional<std::string> old_value,
           std::optional<std::string> new_value);
  bool empty() const { return changes_.empty(); }
  const std::vector<FieldChange>& changes() const { return changes_; }

 private:
  std::vector<FieldChange> changes_;
};

Status write_audit(store::Executor& ex, const Actor& actor, Instant at,
                   std::string_view record_type, std::int64_t record_id, std::string_view action,
                   const std::vector<FieldChange>& changes);

struct AuditEntry {
  std::int64_t id = 0;
  Instant at;
  std::int64_t actor_id = 0;
  std::string actor_login;
  std::string via;
  std::string request_id;
  std::string record_type;
  std::int64_t record_id = 0;
  std::string action;
  std::vector<FieldChange> changes;
};

// Reads the journal of one record, oldest first, in the executor's transaction.
Result<std::vector<AuditEntry>> read_audit(store::Executor& ex, std::string_view record_type,
                                           std::int64_t record_id, std::int64_t after_id,
                                           int limit);

}  // namespace fuwu::app
