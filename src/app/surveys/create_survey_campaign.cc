#include <boost/json.hpp>
#include <set>

#include "app/platform/audit.h"
#include "app/platform/outbox.h"
#include "app/surveys/survey.h"
#include "base/crypto.h"

namespace fuwu::app {
namespace {

constexpr std::size_t kMaxListed = 10000;
constexpr std::int64_t kMaxPeriodDays = 366;
constexpr std::int64_t kChinaOffset = 8 * 3600;

// One respondent to invite, before insertion.
struct Invitee {
  std::int64_t organisation_id = 0;
  std::optional<std::int64_t> ticket_id;
  std::optional<std::int64_t> engineer_id;
  std::optional<std::int64_t> service_centre_id;
};

// The records' invitees: the customer organisation; for work orders their engineer (the
// assignee) and service centre.
constexpr std::string_view kRecordSelect =
    "SELECT t.organisation_id, t.id, CASE WHEN w.ticket_id IS NULL THEN NULL ELSE t.assignee_id "
    "END, w.service_centre_id FROM tickets t JOIN organisations o ON o.id = t.organisation_id "
    "LEFT JOIN work_orders w ON w.ticket_id = t.id WHERE o.kind = 'customer' ";

Invitee invitee_of(const store::Row& r) {
  return {r.i64(0), r.opt_i64(1), r.opt_i64(2), r.opt_i64(3)};
}

Result<std::vector<Invitee>> choose(store::Executor& ex, const SurveyPopulation& p) {
  std::vector<Invitee> out;
  if (p.kind == "closed_in_period") {
    const auto from = Instant{days_from_civil(*p.from) * 86400 - kChinaOffset};
    const auto to = Instant{(days_from_civil(*p.to) + 1) * 86400 - kChinaOffset};
    std::string sql(kRecordSelect);
    sql += "AND t.closed_at IS NOT NULL AND t.closed_at >= $1 AND t.closed_at < $2 ";
    if (p.record_kind == "work_order") sql += "AND w.ticket_id IS NOT NULL ";
    if (p.record_kind == "ticket") sql += "AND w.ticket_id IS NULL ";
    sql += "ORDER BY t.id";
    auto rows = TRY(ex.query(sql, {format_rfc3339(from), format_rfc3339(to)}));
    for (const auto& r : rows)
      out.push_back(invitee_of(r));
    return out;
  }
  std::set<std::int64_t> seen;
  Error missing(ErrorCode::validation_failed, "the population names records that do not exist");
  for (std::size_t i = 0; i < p.ids.size(); ++i) {
    const auto id = p.ids[i];
    const std::string field = "/population/ids/" + std::to_string(i);
    if (!seen.insert(id).second) {
      missing.with_field(field, "duplicate", "each id once");
      continue;
    }
    if (p.kind == "organisations") {
      auto row =
          TRY(ex.query_one("SELECT id FROM organisations WHERE id = $1 AND kind = "
                           "'customer'",
                           {id}));
      if (!row) {
        missing.with_field(field, "not_found", "no such customer organisation");
      } else {
        out.push_back({id, std::nullopt, std::nullopt, std::nullopt});
      }
      continue;
    }
    auto row = TRY(ex.query_one(std::string(kRecordSelect) + "AND t.id = $1", {id}));
    if (!row) {
      missing.with_field(field, "not_found", "no such work order or ticket of a customer");
    } else {
      out.push_back(invitee_of(*row));
    }
  }
  if (!missing.fields.empty()) return missing;
  return out;
}

Status validate(const NewSurveyCampaign& in) {
  Error e(ErrorCode::validation_failed, "the campaign breaks a rule");
  const auto& p = in.population;
  if (in.required_return_bp < 1 || in.required_return_bp > survey::kBasisPoints) {
    e.with_field("/required_return_bp", "out_of_range", "1..10000 basis points (0.01 %–100 %)");
  }
  if (in.low_score_bp < 0 || in.low_score_bp > survey::kBasisPoints) {
    e.with_field("/low_score_bp", "out_of_range", "0..10000 basis points (0 %–100 %)");
  }
  if (p.kind == "closed_in_period") {
    if (!p.from) e.with_field("/population/from", "required", "the first day of the period");
    if (!p.to) e.with_field("/population/to", "required", "the last day of the period");
    if (p.from && p.to &&
        (*p.to < *p.from || days_from_civil(*p.to) - days_from_civil(*p.from) >= kMaxPeriodDays)) {
      e.with_field("/population/to", "out_of_range",
                   "on or after the first day, at most a year later");
    }
    if (!p.ids.empty()) e.with_field("/population/ids", "not_allowed", "a period has no ids");
  } else {
    if (p.ids.empty()) e.with_field("/population/ids", "required", "at least one id");
    if (p.ids.size() > kMaxListed) e.with_field("/population/ids", "too_many", "at most 10000");
    if (p.from || p.to) {
      e.with_field("/population/from", "not_allowed", "only a closed_in_period has a period");
    }
  }
  if (!e.fields.empty()) return e;
  return {};
}

std::string population_json(const SurveyPopulation& p) {
  boost::json::object o{{"kind", p.kind}};
  if (p.from) o["from"] = format_date(*p.from);
  if (p.to) o["to"] = format_date(*p.to);
  if (!p.record_kind.empty()) o["record_kind"] = p.record_kind;
  if (!p.ids.empty()) {
    boost::json::array ids;
    for (auto id : p.ids)
      ids.emplace_back(id);
    o["ids"] = std::move(ids);
  }
  return boost::json::serialize(o);
}

}  // namespace

Result<SurveyCampaign> create_survey_campaign(store::Executor& ex, const Actor& actor, Instant now,
                                              const NewSurveyCampaign& in) {
  if (!access::can(actor.principal, "survey.write")) {
    return Error(ErrorCode::permission_denied, "you may not start survey campaigns");
  }
  TRY_VOID(validate(in));
  auto tmpl = TRY(find_survey_template(ex, in.template_id));
  if (!tmpl) {
    return Error(ErrorCode::validation_failed, "no such survey template")
        .with_field("/template_id", "not_found", "no such survey template");
  }
  const auto invitees = TRY(choose(ex, in.population));
  if (invitees.empty()) {
    return Error(ErrorCode::validation_failed, "the population is empty: nobody to ask")
        .with_field("/population", "empty", "no customer matches; nothing was created");
  }
  const std::string ts = format_rfc3339(now);
  const std::string population = population_json(in.population);
  auto ins = TRY(ex.query(
      "INSERT INTO survey_campaigns (template_id, template_version, name_zh, name_en, channel, "
      "population, state, required_return_bp, low_score_bp, created_by, created_at, updated_at) "
      "VALUES ($1, $2, $3, $4, $5, $6, 'open', $7, $8, $9, $10, $10) RETURNING id",
      {tmpl->id, tmpl->template_version, in.name_zh, in.name_en, in.channel, population,
       in.required_return_bp, in.low_score_bp,
       actor.principal.user_id == 0 ? store::Value(store::Null{})
                                    : store::Value(actor.principal.user_id),
       ts}));
  const std::int64_t id = ins.at(0).i64(0);
  for (const auto& i : invitees) {
    TRY_VOID(ex.exec(
        "INSERT INTO survey_invitations (campaign_id, organisation_id, ticket_id, engineer_id, "
        "service_centre_id, token, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        {id, i.organisation_id, store::opt(i.ticket_id), store::opt(i.engineer_id),
         store::opt(i.service_centre_id), crypto::random_token(24), ts}));
  }
  TRY_VOID(write_audit(ex, actor, now, "survey_campaign", id, "create",
                       {{"template_id", std::nullopt, std::to_string(tmpl->id)},
                        {"template_version", std::nullopt, std::to_string(tmpl->template_version)},
                        {"name_zh", std::nullopt, in.name_zh},
                        {"channel", std::nullopt, in.channel},
                        {"population", std::nullopt, population},
                        {"invitations", std::nullopt, std::to_string(invitees.size())}}));
  TRY_VOID(emit_event(ex, actor, now, "survey_campaign.created", "survey_campaign", id,
                      "{\"invitations\":" + std::to_string(invitees.size()) + "}"));
  auto c = TRY(find_survey_campaign(ex, id));
  return *c;
}

}  // namespace fuwu::app
