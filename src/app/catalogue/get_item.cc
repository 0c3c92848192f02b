#include "app/catalogue/catalogue.h"

namespace fuwu::app {

Result<CatalogueItem> get_item(store::Executor& ex, const Actor& actor, std::int64_t id) {
  auto item = TRY(find_item(ex, id));
  if (!item || (!may_manage_catalogue(actor) && !may_request(actor, *item))) {
    return Error(ErrorCode::not_found, "no such request item");
  }
  return std::move(*item);
}

Result<std::string> get_item_form(store::Executor& ex, const Actor& actor, std::int64_t id,
                                  int form_version) {
  // Old versions explain old requests: whoever may see the item may read them.
  const auto item = TRY(get_item(ex, actor, id));
  if (form_version < 1 || form_version > item.form_version) {
    return Error(ErrorCode::not_found, "no such form version");
  }
  return load_form_json(ex, id, form_version);
}

}  // namespace fuwu::app
