#include <algorithm>

#include "app/platform/audit.h"
#include "app/platform/outbox.h"
#include "app/service_centres/service_centre.h"

namespace fuwu::app {

Result<ServiceCentre> set_engineer(store::Executor& ex, const Actor& actor, Instant now,
                                   std::int64_t centre_id, std::int64_t user_id,
                                   const EngineerInput& in) {
  const auto centre = TRY(get_service_centre(ex, actor, centre_id));
  if (!access::can(actor.principal, "service_centre.write")) {
    return Error(ErrorCode::permission_denied, "you may not change the service network");
  }
  Error e(ErrorCode::validation_failed, "the engineer is not valid");
  auto user = TRY(ex.query_one("SELECT kind, disabled FROM users WHERE id = $1", {user_id}));
  if (!user || user->text(0) != "user" || user->i64(1) != 0) {
    return Error(ErrorCode::not_found, "no such user who can sign in");
  }
  for (std::size_t i = 0; i < in.skills.size(); ++i) {
    const std::string at = "skills/" + std::to_string(i);
    auto line = TRY(ex.query_one("SELECT id FROM product_lines WHERE code = $1", {in.skills[i]}));
    if (!line) {
      e.with_field(at, "not_found", "the code of a product line");
    } else if (std::find(in.skills.begin(), in.skills.begin() + static_cast<std::ptrdiff_t>(i),
                         in.skills[i]) != in.skills.begin() + static_cast<std::ptrdiff_t>(i)) {
      e.with_field(at, "duplicate", "each product line at most once");
    }
  }
  if (!e.fields.empty()) return e;
  const auto before = TRY(find_engineer(ex, user_id));
  const std::string ts = format_rfc3339(now);
  const std::string skills = join_list(in.skills);
  if (before) {
    TRY_VOID(ex.exec(
        "UPDATE engineers SET service_centre_id = $2, skills = $3, active = $4, updated_at = $5 "
        "WHERE user_id = $1",
        {user_id, centre_id, skills, std::int64_t{in.active ? 1 : 0}, ts}));
  } else {
    TRY_VOID(
        ex.exec("INSERT INTO engineers (user_id, service_centre_id, skills, active, created_at, "
                "updated_at) VALUES ($1, $2, $3, $4, $5, $5)",
                {user_id, centre_id, skills, std::int64_t{in.active ? 1 : 0}, ts}));
  }
  auto centre_text = [](const std::optional<Engineer>& en) -> std::optional<std::string> {
    if (!en) return std::nullopt;
    return std::to_string(en->service_centre_id);
  };
  ChangeSet changes;
  changes.add("engineer", std::nullopt, std::to_string(user_id));
  changes.add("service_centre_id", centre_text(before), std::to_string(centre_id));
  changes.add("skills", before ? std::optional(join_list(before->skills)) : std::nullopt, skills);
  changes.add("active", before ? std::optional(before->active ? "true" : "false") : std::nullopt,
              in.active ? "true" : "false");
  TRY_VOID(
      ex.exec("UPDATE service_centres SET version = version + 1, updated_at = $2 WHERE id = $1",
              {centre_id, ts}));
  TRY_VOID(
      write_audit(ex, actor, now, "service_centre", centre_id, "set_engineer", changes.changes()));
  TRY_VOID(emit_event(ex, actor, now, "service_centre.updated", "service_centre", centre.id));
  auto reloaded = TRY(find_service_centre(ex, centre_id));
  return *reloaded;
}

}  // namespace fuwu::app
