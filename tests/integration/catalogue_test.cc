// The service catalogue against a real SQLite file: items with versioned forms, requests whose
// form data is checked (nothing written on a mismatch), approvals in stages driving the request
// lifecycle, and the configurable priority matrix.
#include <gtest/gtest.h>

#include "app/auth/auth.h"
#include "app/catalogue/catalogue.h"
#include "app/settings/priority_matrix.h"
#include "app/users/user.h"
#include "integration/test_database.h"

namespace fuwu::app {
namespace {

using fuwu::testing::TestDatabase;

constexpr const char* kForm = R"({"fields": [
  {"name": "model", "type": "select", "label_zh": "型号", "label_en": "Model", "required": true,
   "options": [{"value": "standard", "label_zh": "标准", "label_en": "Standard"},
               {"value": "workstation", "label_zh": "工作站", "label_en": "Workstation"}]},
  {"name": "owner", "type": "user", "label_zh": "负责人", "label_en": "Owner", "required": true,
   "shown_when": {"field": "model", "values": ["workstation"]}},
  {"name": "needed_by", "type": "date", "label_zh": "日期", "label_en": "Needed by"}]})";

class CatalogueTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(db().write([&](store::Executor& ex) -> Status {
                      const std::string ts = format_rfc3339(now_);
                      TRY_VOID(ex.exec(
                          "INSERT INTO organisations (id, name, kind, created_at, updated_at) "
                          "VALUES (1, 'A', 'customer', $1, $1), (2, 'B', 'customer', $1, $1)",
                          {ts}));
                      TRY_VOID(ex.exec(
                          "INSERT INTO groups (id, name, created_at, updated_at) VALUES (1, "
                          "'一线', $1, $1)",
                          {ts}));
                      // 10 manager (customer of A), 11 requester reporting to 10, 12 agent,
                      // 13 another agent, 14 customer of B.
                      TRY_VOID(ex.exec(
                          "INSERT INTO users (id, login, role, organisation_id, created_at, "
                          "updated_at) VALUES (10, 'boss', 'customer', 1, $1, $1), (11, 'li', "
                          "'customer', 1, $1, $1), (12, 'agent1', 'agent', NULL, $1, $1), (13, "
                          "'agent2', 'agent', NULL, $1, $1), (14, 'other', 'customer', 2, $1, $1)",
                          {ts}));
                      TRY_VOID(ex.exec("UPDATE users SET manager_id = 10 WHERE id = 11"));
                      return {};
                    })
                    .ok());
  }

  store::Database& db() { return tdb_.db(); }

  Actor actor(std::int64_t user_id) {
    Actor a;
    EXPECT_TRUE(db().read([&](store::Executor& ex) -> Status {
                      auto u = TRY(find_user_by_id(ex, user_id));
                      a.principal = TRY(load_principal(ex, *u));
                      return {};
                    })
                    .ok());
    a.via = "token";
    return a;
  }

  template <typename F>
  auto write(F f) -> decltype(f(std::declval<store::Executor&>())) {
    std::optional<decltype(f(std::declval<store::Executor&>()))> out;
    auto st = db().write([&](store::Executor& ex) -> Status {
      out.emplace(f(ex));
      if (!out->ok()) return out->error();
      return {};
    });
    if (!st.ok() && out && out->ok()) return st.error();
    return std::move(*out);
  }

  std::int64_t count(const std::string& sql) {
    std::int64_t n = -1;
    EXPECT_TRUE(db().read([&](store::Executor& ex) -> Status {
                      n = TRY(ex.query_one(sql))->i64(0);
                      return {};
                    })
                    .ok());
    return n;
  }

  // A service and an item with the laptop form and `approvals` (JSON), requestable by everyone.
  CatalogueItem make_item(const std::string& approvals = "[]") {
    auto svc = write([&](store::Executor& ex) {
      return create_service(ex, admin_, now_,
                            {.code = "laptop", .name_zh = "笔记本电脑", .name_en = "Laptops"});
    });
    EXPECT_TRUE(svc.ok());
    ItemInput in;
    in.service_id = svc->id;
    in.code = "laptop_new";
    in.name_zh = "申请新笔记本电脑";
    in.name_en = "New laptop";
    in.default_group_id = 1;
    in.impact = 2;
    in.form_schema_json = kForm;
    in.approvals_json = approvals;
    auto item = write([&](store::Executor& ex) { return create_item(ex, admin_, now_, in); });
    EXPECT_TRUE(item.ok()) << item.error().message
                           << (item.ok() || item.error().fields.empty()
                                   ? ""
                                   : item.error().fields[0].field);
    return *item;
  }

  Result<Ticket> request(const Actor& who, std::int64_t item_id, const std::string& form) {
    NewRequest r;
    r.ticket.kind = "request";
    if (who.principal.role == "agent") r.ticket.organisation_id = 1, r.ticket.requester_id = 11;
    r.item_id = item_id;
    r.form_json = form;
    return write([&](store::Executor& ex) { return create_request(ex, who, now_, r); });
  }

  Result<std::vector<Approval>> decide(const Actor& who, std::int64_t ticket, bool approve,
                                       std::string comment = "") {
    return write([&](store::Executor& ex) {
      return decide_approval(ex, who, now_, ticket, {approve, comment});
    });
  }

  std::string state_of(std::int64_t ticket) {
    std::string s;
    EXPECT_TRUE(
        db().read([&](store::Executor& ex) -> Status {
              s = TRY(ex.query_one("SELECT state FROM tickets WHERE id = $1", {ticket}))->text(0);
              return {};
            })
            .ok());
    return s;
  }

  TestDatabase tdb_;
  Instant now_ = parse_rfc3339("2026-11-22T10:00:00Z").value();
  Actor admin_ = Actor::system("test");
};

TEST_F(CatalogueTest, RequestStoresTheFormWithItsVersionAndItemDefaults) {
  const auto item = make_item();
  EXPECT_EQ(item.form_version, 1);
  auto t = request(actor(11), item.id, R"({"model": "standard", "needed_by": "2026-12-01"})");
  ASSERT_TRUE(t.ok()) << t.error().message;
  EXPECT_EQ(t->kind, "request");
  EXPECT_EQ(t->title, "申请新笔记本电脑");
  EXPECT_EQ(t->group_id, 1);
  EXPECT_EQ(t->impact, 2);
  EXPECT_EQ(t->service, "laptop");
  EXPECT_EQ(t->state, "new");  // no approval stages
  RequestForm form;
  const Actor li = actor(11);
  ASSERT_TRUE(db().read([&](store::Executor& ex) -> Status {
                    form = TRY(get_request_form(ex, li, t->id));
                    return {};
                  })
                  .ok());
  EXPECT_EQ(form.form_version, 1);
  EXPECT_EQ(form.form_data_json, R"({"model":"standard","needed_by":"2026-12-01"})");

  // A schema change makes version 2; the old request still reads with version 1.
  auto changed = write([&](store::Executor& ex) {
    ItemInput p;
    p.form_schema_json =
        R"({"fields": [{"name": "cpu", "type": "text", "label_zh": "处理器", "label_en": "CPU", "required": true}]})";
    return update_item(ex, admin_, now_, item.id, item.version, p);
  });
  ASSERT_TRUE(changed.ok()) << changed.error().message;
  EXPECT_EQ(changed->form_version, 2);
  ASSERT_TRUE(db().read([&](store::Executor& ex) -> Status {
                    form = TRY(get_request_form(ex, li, t->id));
                    return {};
                  })
                  .ok());
  EXPECT_EQ(form.form_version, 1);
  EXPECT_NE(form.form_schema_json.find("\"model\""), std::string::npos);
  // New requests are checked against version 2.
  EXPECT_FALSE(request(actor(11), item.id, R"({"model": "standard"})").ok());
  EXPECT_TRUE(request(actor(11), item.id, R"({"cpu": "i7"})").ok());
}

TEST_F(CatalogueTest, FormMismatchIsRefusedAndNothingIsWritten) {
  const auto item = make_item();
  const auto tickets = count("SELECT COUNT(*) FROM tickets");
  const auto audit = count("SELECT COUNT(*) FROM audit_entries");
  auto bad = request(actor(11), item.id, R"({"model": "workstation", "colour": "red"})");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, ErrorCode::validation_failed);
  std::vector<std::string> fields;
  for (const auto& f : bad.error().fields)
    fields.push_back(f.field + ":" + f.code);
  EXPECT_EQ(fields,
            (std::vector<std::string>{"/form/colour:unknown_field", "/form/owner:required"}));
  auto missing_user = request(actor(11), item.id, R"({"model": "workstation", "owner": 999})");
  ASSERT_FALSE(missing_user.ok());
  EXPECT_EQ(missing_user.error().fields.at(0).field, "/form/owner");
  EXPECT_EQ(missing_user.error().fields.at(0).code, "not_found");
  EXPECT_EQ(count("SELECT COUNT(*) FROM tickets"), tickets);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_entries"), audit);
  EXPECT_EQ(count("SELECT COUNT(*) FROM ticket_forms"), 0);
}

TEST_F(CatalogueTest, AudienceHidesItemsAndRefusesRequests) {
  const auto item = make_item();
  auto restricted = write([&](store::Executor& ex) {
    ItemInput p;
    p.audience = Audience{{}, {1}};
    return update_item(ex, admin_, now_, item.id, item.version, p);
  });
  ASSERT_TRUE(restricted.ok());
  auto visible = [&](std::int64_t user) {
    std::size_t n = 0;
    const Actor who = actor(user);
    EXPECT_TRUE(db().read([&](store::Executor& ex) -> Status {
                      n = TRY(list_items(ex, who, {})).size();
                      return {};
                    })
                    .ok());
    return n;
  };
  EXPECT_EQ(visible(11), 1u);
  EXPECT_EQ(visible(14), 0u);
  auto refused = request(actor(14), item.id, R"({"model": "standard"})");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().fields.at(0).field, "/catalogue_item_id");
  // Agents (catalogue.read scope all) raise it on a customer's behalf.
  EXPECT_TRUE(request(actor(12), item.id, R"({"model": "standard"})").ok());
}

TEST_F(CatalogueTest, ManagerThenAllOfTwoAgentsApproveInOrder) {
  const auto item = make_item(R"([
    {"label_zh": "经理审批", "label_en": "Manager", "rule": "any", "approvers": [{"type": "manager"}]},
    {"label_zh": "IT 审批", "label_en": "IT", "rule": "all",
     "approvers": [{"type": "user", "user_id": 12}, {"type": "user", "user_id": 13}]}])");
  auto t = request(actor(11), item.id, R"({"model": "standard"})");
  ASSERT_TRUE(t.ok()) << t.error().message;
  EXPECT_EQ(t->state, "awaiting_approval");
  EXPECT_EQ(count("SELECT COUNT(*) FROM outbox WHERE event_type = 'approval.requested'"), 1);
  // An approver of a later stage waits its turn; a stranger who cannot see the ticket gets 404.
  EXPECT_EQ(decide(actor(12), t->id, true).error().code, ErrorCode::permission_denied);
  EXPECT_EQ(decide(actor(14), t->id, true).error().code, ErrorCode::not_found);
  // The requester can see the ticket but is no approver.
  EXPECT_EQ(decide(actor(11), t->id, true).error().code, ErrorCode::permission_denied);
  // The manager (a customer) approves stage 1.
  auto s1 = decide(actor(10), t->id, true, "同意");
  ASSERT_TRUE(s1.ok()) << s1.error().message;
  EXPECT_EQ(state_of(t->id), "awaiting_approval");
  EXPECT_EQ(count("SELECT COUNT(*) FROM outbox WHERE event_type = 'approval.requested'"), 3);
  EXPECT_EQ(decide(actor(10), t->id, true).error().code, ErrorCode::conflict);  // twice
  ASSERT_TRUE(decide(actor(12), t->id, true).ok());
  EXPECT_EQ(state_of(t->id), "awaiting_approval");  // "all": agent2 still to decide
  ASSERT_TRUE(decide(actor(13), t->id, true).ok());
  EXPECT_EQ(state_of(t->id), "approved");
  EXPECT_EQ(count("SELECT COUNT(*) FROM outbox WHERE event_type = 'approval.approved'"), 3);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_entries WHERE action = 'approval:approve'"), 3);
}

TEST_F(CatalogueTest, RejectionEndsTheRequestWithTheCommentAsResolution) {
  const auto item = make_item(
      R"([{"label_zh": "审批", "label_en": "Approval", "rule": "any", "approvers": [{"type": "role", "role": "agent"}]}])");
  auto t = request(actor(11), item.id, R"({"model": "standard"})");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(count("SELECT COUNT(*) FROM ticket_approvals WHERE state = 'pending'"), 2);
  auto no_reason = decide(actor(13), t->id, false);
  ASSERT_FALSE(no_reason.ok());
  EXPECT_EQ(no_reason.error().fields.at(0).field, "/comment");
  ASSERT_TRUE(decide(actor(13), t->id, false, "预算不足").ok());
  EXPECT_EQ(state_of(t->id), "rejected");
  EXPECT_EQ(count("SELECT COUNT(*) FROM tickets WHERE resolution = '预算不足'"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM ticket_approvals WHERE state = 'cancelled'"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM outbox WHERE event_type = 'approval.rejected'"), 1);
  // Nothing more to decide.
  EXPECT_EQ(decide(actor(12), t->id, true).error().code, ErrorCode::invalid_transition);
}

TEST_F(CatalogueTest, ARequestDecidedByHandLeavesNothingToApprove) {
  const auto item = make_item(
      R"([{"label_zh": "审批", "label_en": "Approval", "approvers": [{"type": "user", "user_id": 12}]}])");
  auto t = request(actor(11), item.id, R"({"model": "standard"})");
  ASSERT_TRUE(t.ok());
  const Actor agent = actor(12);
  auto mine = [&](std::string_view state) {
    std::vector<Approval> out;
    EXPECT_TRUE(db().read([&](store::Executor& ex) -> Status {
                      out = TRY(list_my_approvals(ex, agent, state, 50));
                      return {};
                    })
                    .ok());
    return out;
  };
  EXPECT_EQ(mine("pending").size(), 1u);
  // An administrator approves by hand (the lifecycle's own transition).
  auto by_hand = write([&](store::Executor& ex) {
    TransitionRequest req;
    req.transition = "approve";
    return transition_ticket(ex, admin_, now_, t->id, t->version, req);
  });
  ASSERT_TRUE(by_hand.ok()) << by_hand.error().message;
  EXPECT_EQ(mine("pending").size(), 0u);
  const auto cancelled = mine("cancelled");
  ASSERT_EQ(cancelled.size(), 1u);
  EXPECT_EQ(cancelled[0].state, "cancelled");
  EXPECT_EQ(decide(agent, t->id, true).error().code, ErrorCode::invalid_transition);
}

TEST_F(CatalogueTest, NoManagerMeansNoRequest) {
  const auto item = make_item(
      R"([{"label_zh": "经理", "label_en": "Manager", "approvers": [{"type": "manager"}]}])");
  auto refused = request(actor(14), item.id, R"({"model": "standard"})");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().fields.at(0).code, "no_approver");
  EXPECT_EQ(count("SELECT COUNT(*) FROM tickets"), 0);
}

TEST_F(CatalogueTest, ItemRulesAreChecked) {
  auto svc = write([&](store::Executor& ex) {
    return create_service(ex, admin_, now_, {.code = "x", .name_zh = "甲", .name_en = "X"});
  });
  ASSERT_TRUE(svc.ok());
  ItemInput in;
  in.service_id = svc->id;
  in.code = "Bad Code";
  in.name_zh = "甲";
  in.name_en = "X";
  in.default_group_id = 99;
  in.form_schema_json =
      R"({"fields": [{"name": "a", "type": "colour", "label_zh": "甲", "label_en": "A"}]})";
  auto bad = write([&](store::Executor& ex) { return create_item(ex, admin_, now_, in); });
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().fields.at(0).field, "/form_schema/fields/0/type");
  // A bound a double cannot hold exactly would not read back as written.
  in.form_schema_json =
      R"({"fields": [{"name": "n", "type": "number", "label_zh": "数", "label_en": "N", "max": )"
      R"(9222222222222222222222222222}]})";
  bad = write([&](store::Executor& ex) { return create_item(ex, admin_, now_, in); });
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().fields.at(0).field, "/form_schema/fields/0/max");
  EXPECT_EQ(bad.error().fields.at(0).code, "out_of_range");
  in.form_schema_json = std::nullopt;
  in.approvals_json =
      R"([{"label_zh": "甲", "label_en": "A", "approvers": [{"type": "role", "role": "wizard"}]}])";
  bad = write([&](store::Executor& ex) { return create_item(ex, admin_, now_, in); });
  ASSERT_FALSE(bad.ok());
  std::vector<std::string> fields;
  for (const auto& f : bad.error().fields)
    fields.push_back(f.field + ":" + f.code);
  EXPECT_EQ(fields, (std::vector<std::string>{"/code:invalid_format", "/default_group_id:not_found",
                                              "/approvals/0/approvers/0/role:not_found"}));
  // Customers may not manage the catalogue.
  const Actor li = actor(11);
  auto denied = write([&](store::Executor& ex) {
    return create_service(ex, li, now_, {.code = "y", .name_zh = "乙", .name_en = "Y"});
  });
  EXPECT_EQ(denied.error().code, ErrorCode::permission_denied);
}

TEST_F(CatalogueTest, PriorityMatrixIsConfigurableAndUsed) {
  auto m = write([&](store::Executor& ex) { return get_priority_matrix(ex, admin_); });
  ASSERT_TRUE(m.ok());
  EXPECT_TRUE(m->is_default);
  EXPECT_EQ(m->version, 1);
  ticket::PriorityMatrix all_urgent{{{1, 1}, {1, 1}}};
  EXPECT_EQ(write([&](store::Executor& ex) {
              return set_priority_matrix(ex, admin_, now_, 7, all_urgent);
            })
                .error()
                .code,
            ErrorCode::precondition_failed);
  EXPECT_EQ(write([&](store::Executor& ex) {
              return set_priority_matrix(ex, admin_, now_, 1, {{{1, 9}}});
            })
                .error()
                .code,
            ErrorCode::validation_failed);
  const Actor agent = actor(12);
  EXPECT_EQ(write([&](store::Executor& ex) {
              return set_priority_matrix(ex, agent, now_, 1, all_urgent);
            })
                .error()
                .code,
            ErrorCode::permission_denied);
  auto set = write(
      [&](store::Executor& ex) { return set_priority_matrix(ex, admin_, now_, 1, all_urgent); });
  ASSERT_TRUE(set.ok()) << set.error().message;
  EXPECT_EQ(set->version, 2);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_entries WHERE record_type = 'priority_matrix'"), 1);
  auto t = write([&](store::Executor& ex) {
    NewTicket n;
    n.kind = "incident";
    n.title = "x";
    n.organisation_id = 1;
    n.impact = 2;
    n.urgency = 2;
    return create_ticket(ex, admin_, now_, n);
  });
  ASSERT_TRUE(t.ok()) << t.error().message;
  EXPECT_EQ(t->priority, 1);
  // Impact 3 is outside a 2×2 matrix.
  auto outside = write([&](store::Executor& ex) {
    NewTicket n;
    n.kind = "incident";
    n.title = "x";
    n.organisation_id = 1;
    n.impact = 3;
    return create_ticket(ex, admin_, now_, n);
  });
  EXPECT_EQ(outside.error().code, ErrorCode::validation_failed);
  EXPECT_EQ(matrix_text(all_urgent), "1,1;1,1");
  EXPECT_FALSE(parse_matrix_text("1,;2"));
  EXPECT_TRUE(parse_matrix_text("1,2,3;2,3,4;3,4,4"));
}

}  // namespace
}  // namespace fuwu::app
