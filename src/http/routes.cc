#include "http/api.h"
#include "http/handlers/handlers.h"

namespace fuwu::http {

void register_routes(Router& router, Api& api) {
  add_system_routes(router, api);
  add_auth_routes(router);
  add_organisation_routes(router);
  add_audit_routes(router);
  add_calendar_routes(router);
  add_sla_routes(router);
  add_user_routes(router);
  add_group_routes(router);
  add_site_routes(router);
  add_role_routes(router);
  add_ticket_routes(router);
  add_search_routes(router);
  add_stats_routes(router);
  add_notification_routes(router);
  add_event_routes(router, api);
  add_catalogue_routes(router);
  add_attachment_routes(router);
  add_ticket_relation_routes(router);
  add_view_routes(router);
  add_product_routes(router);
  add_unit_routes(router);
  add_service_centre_routes(router);
  add_dispatch_routes(router);
  // Before the work orders': /api/v1/work-orders/settings is not a work order's id.
  add_repair_sheet_routes(router);
  add_work_order_routes(router);
  add_survey_routes(router);
  add_parts_planning_routes(router);
  add_part_routes(router);
  add_complaint_routes(router);
  add_follow_up_routes(router);
  add_customer_routes(router);
  add_kpi_routes(router);
  add_statistics_routes(router);
  add_quote_routes(router);
  add_watcher_routes(router);
}

}  // namespace fuwu::http
