// Route groups, one file per resource. Each adds its routes to the table (see http/routes.cc).
#pragma once

namespace fuwu::http {

class Router;
class Api;

void add_system_routes(Router& router, Api& api);
void add_auth_routes(Router& router);
void add_organisation_routes(Router& router);
void add_audit_routes(Router& router);
void add_calendar_routes(Router& router);
void add_sla_routes(Router& router);
void add_user_routes(Router& router);
void add_group_routes(Router& router);
void add_site_routes(Router& router);
void add_role_routes(Router& router);
void add_ticket_routes(Router& router);
void add_search_routes(Router& router);
void add_stats_routes(Router& router);
void add_notification_routes(Router& router);
void add_event_routes(Router& router, Api& api);
void add_catalogue_routes(Router& router);
void add_attachment_routes(Router& router);
void add_ticket_relation_routes(Router& router);
void add_view_routes(Router& router);
void add_product_routes(Router& router);
void add_unit_routes(Router& router);
void add_service_centre_routes(Router& router);
void add_dispatch_routes(Router& router);
void add_work_order_routes(Router& router);
void add_survey_routes(Router& router);
void add_parts_planning_routes(Router& router);
void add_part_routes(Router& router);
void add_complaint_routes(Router& router);
void add_follow_up_routes(Router& router);
void add_customer_routes(Router& router);
void add_kpi_routes(Router& router);
void add_statistics_routes(Router& router);
void add_quote_routes(Router& router);
void add_repair_sheet_routes(Router& router);
void add_watcher_routes(Router& router);

}  // namespace fuwu::http
