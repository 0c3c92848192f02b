#include "app/catalogue/catalogue.h"

namespace fuwu::app {

Result<RequestForm> get_request_form(store::Executor& ex, const Actor& actor,
                                     std::int64_t ticket_id) {
  TRY_VOID(visible_ticket(ex, actor, ticket_id));
  auto row = TRY(ex.query_one(
      "SELECT f.item_id, i.code, i.name_zh, i.name_en, f.form_version, c.form_schema, f.form_data "
      "FROM ticket_forms f JOIN catalogue_items i ON i.id = f.item_id JOIN catalogue_forms c ON "
      "c.item_id = f.item_id AND c.form_version = f.form_version WHERE f.ticket_id = $1",
      {ticket_id}));
  if (!row) return Error(ErrorCode::not_found, "this ticket was not raised from the catalogue");
  RequestForm f;
  f.ticket_id = ticket_id;
  f.item_id = row->i64(0);
  f.item_code = row->text(1);
  f.item_name_zh = row->text(2);
  f.item_name_en = row->text(3);
  f.form_version = static_cast<int>(row->i64(4));
  f.form_schema_json = row->text(5);
  f.form_data_json = row->text(6);
  return f;
}

}  // namespace fuwu::app
