#include "domain/crm/complaint.h"

namespace fuwu::crm {

bool valid_channel(std::string_view c) {
  return c == "call" || c == "letter" || c == "visit" || c == "portal" || c == "email";
}

bool valid_about(std::string_view a) {
  return a == "engineer" || a == "work_order" || a == "product" || a == "attitude" || a == "fees";
}

bool valid_severity(std::string_view s) {
  return s == "normal" || s == "major";
}

Status check_complaint_step(std::string_view t, const ComplaintFacts& f) {
  Error e(ErrorCode::validation_failed, "the complaint lacks what this step needs");
  auto need_text = [&](const std::string& value, const char* field, const char* why) {
    if (value.empty()) e.with_field(field, "required", why);
  };
  auto need_id = [&](std::int64_t value, const char* field, const char* why) {
    if (value == 0) e.with_field(field, "required", why);
  };
  if (t == "route_elsewhere") {
    need_id(f.routed_to_id, "routed_to_id",
            "not a customer complaint: the person who takes it over (转相应人员处理)");
  } else if (t == "accept") {
    need_id(f.head_id, "head_id", "the head of service who handles the complaint (服务部负责人)");
  } else if (t == "establish_cause") {
    need_text(f.cause, "cause", "the cause of the complaint (投诉原因)");
    if (!f.attributable) {
      e.with_field("attributable", "required",
                   "whether the cause lies with the service (counts in the complaint rate)");
    }
  } else if (t == "record_discipline") {
    need_id(f.responsible_id, "responsible_id", "the person responsible (确定负责人)");
    need_text(f.disciplinary_note, "disciplinary_note",
              "the disciplinary note for the person responsible (对责任人进行处罚)");
  } else if (t == "request_support") {
    need_text(f.support_request, "support_request",
              "what support is requested from headquarters (向总部申请支持)");
  } else if (t == "propose_remedy") {
    need_text(f.remedy, "remedy", "the remedy and solution proposed to the customer (补救措施)");
  } else if (t == "carry_out") {
    need_text(f.solution, "solution", "the solution carried out (实施)");
  } else if (t == "close") {
    e.message = "the complaint cannot be closed yet";
    need_text(f.solution, "solution",
              "a complaint is closed only after its solution has been carried out");
    if (!f.customer_informed) {
      e.with_field("customer_informed", "required",
                   "inform the customer of the outcome first (通报顾客)");
    }
    need_text(f.improvement_action, "improvement_action",
              "the improvement action (制定改进措施), or why none is needed");
  }
  if (!e.fields.empty()) return e;
  return {};
}

Result<Instant> complaint_deadline(const calendar::Calendar& calendar, Instant received_at) {
  return calendar.deadline_days(received_at, kComplaintWorkingDays);
}

std::string_view limit_state_slug(LimitState s) {
  switch (s) {
    case LimitState::met:
      return "met";
    case LimitState::breached:
      return "breached";
    case LimitState::running:
      break;
  }
  return "running";
}

LimitState limit_state(Instant due, std::optional<Instant> done_at, Instant now) {
  if (done_at) return *done_at > due ? LimitState::breached : LimitState::met;
  return now > due ? LimitState::breached : LimitState::running;
}

Result<LimitInstants> complaint_limit(const calendar::Calendar& calendar, Instant start) {
  const std::int64_t seconds = std::int64_t{kComplaintLimitHours} * 3600;
  LimitInstants out;
  out.warning = TRY(calendar.deadline(
      start, Duration::of_seconds(seconds * kComplaintLimitWarningPercent / 100)));
  out.due = TRY(calendar.deadline(start, Duration::of_seconds(seconds)));
  return out;
}

std::string complaint_sla_policy_json(std::string_view calendar_id) {
  std::string cal(calendar_id);
  return "{\"policies\":[{\"id\":\"complaint\",\"name\":\"投诉 5 个工作日内关闭 / Complaints "
         "closed "
         "within 5 working days\",\"targets\":[{\"kind\":\"resolution\",\"calendar\":\"" +
         cal + "\",\"working_days\":" + std::to_string(kComplaintWorkingDays) +
         ",\"warnings\":[75,90],\"escalations\":[{\"at_percent\":100,\"action\":\"notify\","
         "\"group\":\"quality\"}]}]}]}";
}

}  // namespace fuwu::crm
