#include <boost/json.hpp>

#include "app/notify/notify.h"

namespace fuwu::app {

std::string rule_select() {
  return "SELECT id, name, event_type, conditions, recipients, channels, notify_actor, enabled, "
         "version, created_at, updated_at FROM notification_rules";
}

NotificationRule rule_from_row(const store::Row& r) {
  NotificationRule n;
  n.id = r.i64(0);
  n.name = r.text(1);
  n.event_type = r.text(2);
  n.conditions = r.text(3);
  n.recipients = string_list(r.text(4));
  n.channels = string_list(r.text(5));
  n.notify_actor = r.i64(6) != 0;
  n.enabled = r.i64(7) != 0;
  n.version = r.i64(8);
  n.created_at = parse_rfc3339(r.text(9)).value_or(Instant{});
  n.updated_at = parse_rfc3339(r.text(10)).value_or(Instant{});
  return n;
}

std::vector<std::string> string_list(std::string_view json_text) {
  std::vector<std::string> out;
  boost::system::error_code ec;
  auto v = boost::json::parse(json_text, ec);
  if (ec || !v.is_array()) return out;
  for (const auto& item : v.as_array()) {
    if (item.is_string()) out.emplace_back(item.as_string());
  }
  return out;
}

std::string string_list_json(const std::vector<std::string>& items) {
  boost::json::array a;
  for (const auto& s : items)
    a.emplace_back(s);
  return boost::json::serialize(a);
}

Status require_notification_admin(const Actor& actor) {
  if (!access::can(actor.principal, "notification.admin")) {
    return Error(ErrorCode::permission_denied, "you may not configure notifications");
  }
  return {};
}

}  // namespace fuwu::app
