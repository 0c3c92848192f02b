// KPIs and monthly statistics (issue 9) on a small hand-checked data set built through the real
// use cases at chosen instants: four work orders in October 2026 on a 24x7 calendar (so working
// time is elapsed time and every figure can be checked by hand), parts issued and returned, then
// the figures, the records behind them, access, the monthly statistics and their approval.
#include <gtest/gtest.h>

#include "app/complaints/complaint.h"
#include "app/kpi/kpi.h"
#include "app/parts/part.h"
#include "app/products/product.h"
#include "app/quotes/quote.h"
#include "app/repair_sheets/repair_sheet.h"
#include "app/service_centres/service_centre.h"
#include "app/sites/site.h"
#include "app/statistics/statistics.h"
#include "app/units/unit.h"
#include "app/work_orders/work_order.h"
#include "integration/test_database.h"

namespace fuwu::app {
namespace {

using fuwu::testing::TestDatabase;

Instant at(const char* text) {
  return *parse_rfc3339(text);
}
Instant plus_hours(Instant t, std::int64_t h) {
  return Instant::from_unix(t.unix_seconds + h * 3600);
}

// A 1x1 PNG (what the signature canvas sends, only smaller).
const std::string kSignaturePng(
    "\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
    "\x00\x1f\x15\xc4\x89\x00\x00\x00\x0dIDATx\xda\x63\x64\x60\xf8\x5f\x0f\x00\x02\x87\x01"
    "\x80\xeb\x47\xba\x92\x00\x00\x00\x00IEND\xae\x42\x60\x82",
    70);

constexpr std::int64_t kEngineer = 50;
constexpr std::int64_t kOtherEngineer = 51;

Actor engineer_actor() {
  Actor a;
  a.principal.user_id = kEngineer;
  a.principal.login = "eng.li";
  a.principal.role = "engineer";
  a.principal.grants = {{"work_order.read", access::Scope::own},
                        {"work_order.work", access::Scope::own}};
  a.via = "token";
  return a;
}

Actor with(std::int64_t org, std::vector<access::Grant> grants) {
  Actor a;
  a.principal.user_id = 900 + org;
  a.principal.role = "custom";
  a.principal.organisation_id = org;
  a.principal.grants = std::move(grants);
  a.via = "token";
  return a;
}

class KpiData : public ::testing::Test {
 protected:
  void SetUp() override {
    const Instant t0 = at("2026-09-01T00:00:00Z");
    ASSERT_TRUE(write([&](store::Executor& ex) -> Status {
      TRY_VOID(
          ex.exec("INSERT INTO organisations (id, name, kind, created_at, updated_at) VALUES (1, "
                  "'德阳农机合作社', 'customer', $1, $1), (2, '绵阳收割队', 'customer', $1, $1)",
                  {format_rfc3339(t0)}));
      TRY_VOID(ex.exec(
          "INSERT INTO users (id, login, display_name, role, created_at, updated_at) VALUES (50, "
          "'eng.li', '李工', 'engineer', $1, $1), (51, 'eng.zhao', '赵工', 'engineer', $1, $1), "
          "(900, "
          "'wang.jl', '王经理', 'manager', $1, $1)",
          {format_rfc3339(t0)}));
      auto line = TRY(create_product_line(ex, system_, t0, {"harvester", "联合收割机", ""}));
      NewProductModel m{"4LZ-2.5", "4LZ-2.5 全喂入联合收割机", "4LZ-2.5 combine harvester", {}, 12,
                        {}};
      const auto model = TRY(create_product_model(ex, system_, t0, line.id, m));
      const auto site = TRY(create_site(ex, system_, t0, 1, {"旌阳区仓库", "", "510603", {}, {}}));
      NewUnit u;
      u.model_id = model.id;
      u.organisation_id = 1;
      u.site_id = site.id;
      u.serial = "JX-NEW";
      u.dates.delivery = Date{2026, 3, 1};
      unit_new_ = TRY(create_unit(ex, system_, t0, u)).id;
      u.serial = "JX-OLD";
      u.dates.delivery = Date{2020, 3, 1};
      unit_old_ = TRY(create_unit(ex, system_, t0, u)).id;
      NewServiceCentre c;
      c.code = "SC-CD";
      c.name_zh = "成都服务中心";
      c.name_en = "Chengdu service centre";
      c.region_code = "510107";
      c.latitude = 30.63;
      c.longitude = 104.08;
      c.territory = {"51"};
      c.calendar = "24x7";
      centre_ = TRY(create_service_centre(ex, system_, t0, c)).id;
      TRY(set_engineer(ex, system_, t0, centre_, kEngineer, {{"harvester"}, true}));
      TRY(set_engineer(ex, system_, t0, centre_, kOtherEngineer, {{"harvester"}, true}));
      Part p;
      p.number = "QDJ-12V";
      p.name_zh = "启动机";
      p.name_en = "Starter";
      p.price_cents = 12000;
      part_ = TRY(create_part(ex, system_, t0, p)).id;
      store_ = TRY(create_warehouse(ex, system_, t0, {"WH-CD", "成都库", "centre", centre_, 0})).id;
      TRY(record_stock_movement(ex, system_, t0, {"receipt", part_, 10, {}, "", 0, store_, 0, ""}));
      return {};
    }));
    // A: on time, answered after 2 h, repaired after 8 h; the unit comes back with C.
    a_ = order(unit_new_, "割台异响", at("2026-10-10T02:00:00Z"));
    run(a_, at("2026-10-10T03:00:00Z"), "dispatch", system_);
    run(a_, at("2026-10-10T03:30:00Z"), "accept", eng_);
    run(a_, at("2026-10-10T04:00:00Z"), "appoint", eng_);
    run(a_, at("2026-10-10T05:00:00Z"), "depart", eng_);
    run(a_, at("2026-10-10T07:00:00Z"), "check_in", eng_);
    run(a_, at("2026-10-10T10:00:00Z"), "repair", eng_);
    sign(a_, at("2026-10-10T11:00:00Z"));
    run(a_, at("2026-10-11T02:00:00Z"), "close", system_);
    // B: out of warranty (quoted and accepted at once), answered after 3 h, on site after 30 h
    // (late), waited for parts, repaired after 48 h; two starters issued, one faulty returned.
    const Instant b0 = at("2026-10-12T02:00:00Z");
    b_ = order(unit_old_, "发动机无法启动", b0);
    quote_and_accept(b_, b0);
    run(b_, plus_hours(b0, 1), "dispatch", system_);
    run(b_, plus_hours(b0, 2), "accept", eng_);
    run(b_, plus_hours(b0, 3), "appoint", eng_);
    run(b_, plus_hours(b0, 4), "depart", eng_);
    run(b_, plus_hours(b0, 30), "check_in", eng_);
    run(b_, plus_hours(b0, 31), "wait_for_parts", eng_);
    run(b_, plus_hours(b0, 40), "parts_arrived", eng_);
    ASSERT_TRUE(write([&](store::Executor& ex) -> Status {
      TRY(record_stock_movement(ex, system_, plus_hours(b0, 40),
                                {"issue", part_, 2, {}, "", store_, 0, b_, ""}));
      TRY(record_stock_movement(ex, system_, plus_hours(b0, 47),
                                {"faulty_return", part_, 1, {}, "", 0, store_, b_, ""}));
      return {};
    }));
    run(b_, plus_hours(b0, 48), "repair", eng_);
    // C: the same unit as A, 10 days after its repair (a repeat repair of A); dispatched, open.
    c_ = order(unit_new_, "割台异响", at("2026-10-20T02:00:00Z"));
    run(c_, at("2026-10-20T03:00:00Z"), "dispatch", system_);
    // D: an installation, cancelled.
    NewWorkOrder d;
    d.wo_kind = "installation";
    d.unit_id = unit_old_;
    d.fault = "安装调试";
    d.channel = "phone";
    d.reported_on = Date{2026, 10, 25};
    ASSERT_TRUE(write([&](store::Executor& ex) -> Status {
      d_ = TRY(create_work_order(ex, system_, at("2026-10-25T02:00:00Z"), d)).ticket.id;
      return {};
    }));
    run(d_, at("2026-10-25T03:00:00Z"), "cancel", system_);
  }

  std::int64_t order(std::int64_t unit, const char* fault, Instant when) {
    NewWorkOrder in;
    in.unit_id = unit;
    in.fault = fault;
    in.channel = "phone";
    in.reported_on = civil_from_days((when.unix_seconds + 8 * 3600) / 86400);
    std::int64_t id = 0;
    EXPECT_TRUE(write([&](store::Executor& ex) -> Status {
      id = TRY(create_work_order(ex, system_, when, in)).ticket.id;
      return {};
    }));
    return id;
  }

  // Quotes go through the quote use cases (no bare quote / accept_quote transitions): a quote
  // sent and accepted at the same instant, as the bare transitions were.
  void quote_and_accept(std::int64_t id, Instant when) {
    auto st = write([&](store::Executor& ex) -> Status {
      NewQuote q;
      q.work_order_id = id;
      q.lines.push_back({"labour", "", 0, 1000, 10000, false});
      const auto sent = TRY(create_quote(ex, system_, when, q));
      const auto accepted =
          TRY(decide_quote(ex, system_, when, sent.id, {.accept = true, .signer = "客户"}));
      quote_ = accepted.id;
      quote_total_ = accepted.total;
      return {};
    });
    ASSERT_TRUE(st.ok()) << "quote: " << st.error().message;
  }

  // The customer signs the repair sheet (no bare sign transition): the engineer completes the
  // sheet and the signature is taken, both at the instant the bare sign used to happen.
  void sign(std::int64_t id, Instant when) {
    auto st = write([&](store::Executor& ex) -> Status {
      RepairSheetPatch patch;
      patch.fault_phenomenon = "割台异响";
      patch.solution = "更换启动机，自检正常";
      patch.self_check = "passed";
      patch.customer_verdict = "satisfied";
      const auto sheet = TRY(update_repair_sheet(ex, eng_, when, id, 0, patch, 90));
      TRY(sign_repair_sheet(ex, eng_, when, id, sheet.version, {"张经理", kSignaturePng}));
      return {};
    });
    ASSERT_TRUE(st.ok()) << "sign: " << st.error().message;
  }

  void run(std::int64_t id, Instant when, const char* name, const Actor& actor) {
    auto st = write([&](store::Executor& ex) -> Status {
      const auto w = TRY(find_work_order(ex, id));
      WorkOrderTransition t;
      t.transition = name;
      if (t.transition == "dispatch") t.engineer_id = kEngineer;
      if (t.transition == "appoint") t.appointment_at = plus_hours(when, 2);
      if (t.transition == "repair") t.resolution = "更换启动机，自检正常";
      if (t.transition == "cancel") t.reason = "客户取消";
      TRY(transition_work_order(ex, actor, when, id, w->ticket.version, t));
      return {};
    });
    ASSERT_TRUE(st.ok()) << name << ": " << st.error().message;
  }

  Status write(const std::function<Status(store::Executor&)>& f) { return db_.db().write(f); }

  KpiReport kpis(const KpiQuery& q, const Actor& actor, Instant now) {
    KpiReport r;
    auto st = db_.db().read([&](store::Executor& ex) -> Status {
      r = TRY(get_kpis(ex, actor, now, q));
      return {};
    });
    EXPECT_TRUE(st.ok()) << st.error().message;
    return r;
  }

  MonthlyStatistics october_statistics() {
    MonthlyStatistics st;
    auto read = db_.db().read([&](store::Executor& ex) -> Status {
      st = TRY(monthly_statistics(ex, manager_, now_, "2026-10"));
      return {};
    });
    EXPECT_TRUE(read.ok()) << read.error().message;
    return st;
  }

  static const kpi::Figure& fig(const KpiReport& r, kpi::Kpi k) {
    for (const auto& f : r.figures) {
      if (f.figure.kpi == k) return f.figure;
    }
    throw std::logic_error("no such figure");
  }

  TestDatabase db_;
  Actor system_ = Actor::system();
  Actor eng_ = engineer_actor();
  Actor manager_ = with(0, {{"kpi.read", access::Scope::all},
                            {"statistics.read", access::Scope::all},
                            {"statistics.approve", access::Scope::all}});
  std::int64_t unit_new_ = 0, unit_old_ = 0, centre_ = 0, part_ = 0, store_ = 0;
  std::int64_t a_ = 0, b_ = 0, c_ = 0, d_ = 0;
  std::int64_t quote_ = 0, quote_total_ = 0;
  const Instant now_ = at("2026-10-26T00:00:00Z");
};

TEST_F(KpiData, EachFigureOfTheMonthAsCheckedByHand) {
  for (const auto& [scope, id] : std::vector<std::pair<std::string, std::int64_t>>{
           {"all", 0}, {"centre", centre_}, {"contract", 1}}) {
    const auto r = kpis({scope, id, "2026-10"}, manager_, now_);
    EXPECT_EQ(r.orders, 4) << scope;
    // On time: A met, B missed; C not due yet when last changed; D cancelled.
    EXPECT_EQ(fig(r, kpi::Kpi::on_time).numerator, 1) << scope;
    EXPECT_EQ(fig(r, kpi::Kpi::on_time).denominator, 2) << scope;
    EXPECT_DOUBLE_EQ(*fig(r, kpi::Kpi::on_time).value, 50.0);
    EXPECT_EQ(fig(r, kpi::Kpi::on_time).light, kpi::Light::red);
    // Answered (appointment agreed) after 2 h and 3 h: 2.5 h.
    EXPECT_EQ(fig(r, kpi::Kpi::response_time).numerator, 5 * 3600) << scope;
    EXPECT_DOUBLE_EQ(*fig(r, kpi::Kpi::response_time).value, 2.5);
    EXPECT_EQ(fig(r, kpi::Kpi::response_time).light, kpi::Light::green);
    // Repaired after 8 h and 48 h: 28 h, amber (target 24 h, amber to 32 h).
    EXPECT_DOUBLE_EQ(*fig(r, kpi::Kpi::repair_time).value, 28.0);
    EXPECT_EQ(fig(r, kpi::Kpi::repair_time).light, kpi::Light::amber);
    // First-time fix: A yes, B waited for parts. Repeat repair: A came back (C), B did not.
    EXPECT_DOUBLE_EQ(*fig(r, kpi::Kpi::first_time_fix).value, 50.0);
    EXPECT_DOUBLE_EQ(*fig(r, kpi::Kpi::repeat_repair).value, 50.0);
    EXPECT_FALSE(fig(r, kpi::Kpi::satisfaction).value);
  }
  // The engineer: A, B and C (D was never dispatched).
  const auto e = kpis({"engineer", kEngineer, "2026-10"}, manager_, now_);
  EXPECT_EQ(e.orders, 3);
  EXPECT_EQ(e.name, "李工");
  EXPECT_EQ(fig(e, kpi::Kpi::on_time).denominator, 2);
  const auto other = kpis({"engineer", kOtherEngineer, "2026-10"}, manager_, now_);
  EXPECT_EQ(other.orders, 0);
  EXPECT_EQ(fig(other, kpi::Kpi::on_time).light, kpi::Light::none);
  // Nothing in September.
  EXPECT_EQ(kpis({"all", 0, "2026-09"}, manager_, now_).orders, 0);
}

TEST_F(KpiData, TheRecordsBehindAFigureAddUpToIt) {
  KpiRecordPage page;
  ASSERT_TRUE(db_.db()
                  .read([&](store::Executor& ex) -> Status {
                    page = TRY(list_kpi_records(ex, manager_, now_, {"centre", centre_, "2026-10"},
                                                "on_time", 0, 1));
                    return {};
                  })
                  .ok());
  ASSERT_EQ(page.items.size(), 1u);
  EXPECT_EQ(page.items[0].ticket_id, b_);  // newest first
  EXPECT_EQ(page.items[0].numerator, 0);
  ASSERT_TRUE(page.next_before_id);
  ASSERT_TRUE(db_.db()
                  .read([&](store::Executor& ex) -> Status {
                    page = TRY(list_kpi_records(ex, manager_, now_, {"centre", centre_, "2026-10"},
                                                "on_time", *page.next_before_id, 1));
                    return {};
                  })
                  .ok());
  ASSERT_EQ(page.items.size(), 1u);
  EXPECT_EQ(page.items[0].ticket_id, a_);
  EXPECT_EQ(page.items[0].numerator, 1);
  EXPECT_FALSE(page.next_before_id);
  ASSERT_TRUE(db_.db()
                  .read([&](store::Executor& ex) -> Status {
                    page = TRY(list_kpi_records(ex, manager_, now_, {"all", 0, "2026-10"},
                                                "repair_time", 0, 50));
                    return {};
                  })
                  .ok());
  ASSERT_EQ(page.items.size(), 2u);
  EXPECT_EQ(page.items[0].numerator + page.items[1].numerator, 56 * 3600);
}

TEST_F(KpiData, ACustomerSeesOnlyItsOwnContract) {
  const Actor customer = with(1, {{"kpi.read", access::Scope::organisation}});
  EXPECT_EQ(kpis({"contract", 1, "2026-10"}, customer, now_).orders, 4);
  auto denied = [&](KpiQuery q, const Actor& actor) {
    return db_.db().read([&](store::Executor& ex) -> Status {
      TRY(get_kpis(ex, actor, now_, q));
      return {};
    });
  };
  EXPECT_EQ(denied({"contract", 2, "2026-10"}, customer).error().code, ErrorCode::not_found);
  EXPECT_EQ(denied({"centre", centre_, "2026-10"}, customer).error().code, ErrorCode::not_found);
  EXPECT_EQ(denied({"all", 0, "2026-10"}, customer).error().code, ErrorCode::not_found);
  EXPECT_EQ(denied({"all", 0, "2026-10"}, with(1, {})).error().code, ErrorCode::permission_denied);
  EXPECT_EQ(denied({"centre", 999, "2026-10"}, manager_).error().code, ErrorCode::not_found);
  const auto future = denied({"all", 0, "2026-11"}, manager_);
  EXPECT_EQ(future.error().code, ErrorCode::validation_failed);
  EXPECT_EQ(future.error().fields.at(0).field, "month");
  EXPECT_EQ(denied({"all", 0, "2026-1"}, manager_).error().code, ErrorCode::validation_failed);
  EXPECT_EQ(denied({"team", 1, "2026-10"}, manager_).error().code, ErrorCode::validation_failed);
}

TEST_F(KpiData, MonthlyStatisticsOfTheSameData) {
  const MonthlyStatistics st = october_statistics();
  EXPECT_EQ(st.totals.orders, 4);
  EXPECT_EQ(st.totals.repaired, 2);
  EXPECT_EQ(st.totals.cancelled, 1);
  EXPECT_EQ(st.totals.in_warranty, 2);           // A and C (the new unit)
  EXPECT_EQ(st.totals.parts_cost_cents, 24000);  // two starters on B
  EXPECT_EQ(st.totals.fees_cents, 0);            // B's accepted quote is not paid yet
  ASSERT_EQ(st.by_product.size(), 1u);
  EXPECT_EQ(st.by_product[0].key, "4LZ-2.5");
  EXPECT_EQ(st.by_product[0].figures.orders, 4);
  ASSERT_EQ(st.by_fault.size(), 3u);
  EXPECT_EQ(st.by_fault[0].key, "割台异响");
  EXPECT_EQ(st.by_fault[0].figures.orders, 2);
  ASSERT_EQ(st.by_part.size(), 1u);
  EXPECT_EQ(st.by_part[0].number, "QDJ-12V");
  EXPECT_EQ(st.by_part[0].consumed, 2);
  EXPECT_EQ(st.by_part[0].returned_faulty, 1);
  EXPECT_EQ(st.by_part[0].cost_cents, 24000);
  ASSERT_EQ(st.by_centre.size(), 1u);
  EXPECT_EQ(st.by_centre[0].label_zh, "成都服务中心");
  ASSERT_EQ(st.by_engineer.size(), 2u);
  EXPECT_EQ(st.by_engineer[0].id, kEngineer);
  EXPECT_EQ(st.by_engineer[0].figures.orders, 3);
  EXPECT_EQ(st.by_engineer[1].id, 0);  // D, never dispatched
  EXPECT_FALSE(st.approval);
  auto xlsx = monthly_statistics_xlsx(st);
  ASSERT_TRUE(xlsx.ok());
  EXPECT_EQ(xlsx->substr(0, 2), "PK");  // a zip container
}

// Fees collected are the payments on the orders' accepted quotes: B's, once paid.
TEST_F(KpiData, FeesCollectedAreTheQuotesPaid) {
  ASSERT_TRUE(
      write([&](store::Executor& ex) -> Status {
        TRY(record_quote_payment(ex, system_, now_, quote_,
                                 {quote_total_, "transfer", "银行回单 0042", std::nullopt}));
        return {};
      }).ok());
  ASSERT_GT(quote_total_, 0);
  const MonthlyStatistics st = october_statistics();
  EXPECT_EQ(st.totals.fees_cents, quote_total_);
  EXPECT_EQ(st.totals.parts_cost_cents, 24000);  // the parts' cost is unchanged
}

TEST_F(KpiData, ApprovalOnceTheMonthHasEndedSchedulesTheDistribution) {
  auto approve = [&](Instant now) -> Result<MonthlyStatistics> {
    MonthlyStatistics st;
    auto s = write([&](store::Executor& ex) -> Status {
      st = TRY(approve_monthly_statistics(ex, manager_, now, "2026-10", "请质量部关注返修"));
      return {};
    });
    if (!s.ok()) return s.error();
    return st;
  };
  const auto early = approve(now_);
  ASSERT_FALSE(early.ok());
  EXPECT_EQ(early.error().fields.at(0).code, "not_ended");
  // Sunday 1 November: distributed on the 3rd working day, Wednesday 4 November, 09:00 (UTC+8).
  const auto ok = approve(at("2026-11-01T04:00:00Z"));
  ASSERT_TRUE(ok.ok()) << ok.error().message;
  ASSERT_TRUE(ok->approval);
  EXPECT_EQ(ok->approval->note, "请质量部关注返修");
  ASSERT_TRUE(ok->approval->distribute_at);
  EXPECT_EQ(format_rfc3339(*ok->approval->distribute_at), "2026-11-04T01:00:00Z");
  EXPECT_EQ(approve(at("2026-11-02T04:00:00Z")).error().code, ErrorCode::conflict);
  std::int64_t audits = 0;
  ASSERT_TRUE(db_.db()
                  .read([&](store::Executor& ex) -> Status {
                    auto r =
                        TRY(ex.query_one("SELECT COUNT(*) FROM audit_entries WHERE record_type = "
                                         "'monthly_statistics' AND action = 'approve'"));
                    audits = r->i64(0);
                    return {};
                  })
                  .ok());
  EXPECT_EQ(audits, 1);
  const Actor reader = with(0, {{"statistics.read", access::Scope::all}});
  auto denied = write([&](store::Executor& ex) -> Status {
    TRY(approve_monthly_statistics(ex, reader, at("2026-11-02T04:00:00Z"), "2026-09", ""));
    return {};
  });
  EXPECT_EQ(denied.error().code, ErrorCode::permission_denied);
}

// The complaint rate counts the complaints received in the month whose cause lies with the
// service, over the orders reported in the month, in the scopes the complaint belongs to.
TEST_F(KpiData, TheComplaintRateCountsAttributableComplaints) {
  auto complaint = [&](std::int64_t org, std::int64_t work_order, std::int64_t engineer,
                       std::optional<bool> attributable, const char* received) {
    auto st = write([&](store::Executor& ex) -> Status {
      NewComplaint in;
      in.channel = "call";
      in.organisation_id = org;
      in.about = work_order ? "work_order" : "attitude";
      in.description = "投诉";
      in.work_order_id = work_order;
      in.engineer_id = engineer;
      in.received_at = at(received);
      auto c = TRY(create_complaint(ex, system_, now_, in));
      if (!attributable) return {};
      ComplaintStep accept{.transition = "accept", .head_id = 900};
      c = TRY(transition_complaint(ex, system_, now_, c.ticket.id, c.ticket.version, accept));
      ComplaintStep cause{
          .transition = "establish_cause", .cause = "原因", .attributable = attributable};
      TRY(transition_complaint(ex, system_, now_, c.ticket.id, c.ticket.version, cause));
      return {};
    });
    ASSERT_TRUE(st.ok()) << st.error().message;
  };
  // X: about order B (centre, engineer eng.li), attributable. Y: the other engineer's attitude,
  // attributable. Z: not attributable. W: cause not established yet. V: attributable, September.
  complaint(1, b_, 0, true, "2026-10-15T02:00:00Z");
  complaint(2, 0, kOtherEngineer, true, "2026-10-16T02:00:00Z");
  complaint(1, a_, 0, false, "2026-10-17T02:00:00Z");
  complaint(1, 0, 0, std::nullopt, "2026-10-18T02:00:00Z");
  complaint(1, a_, 0, true, "2026-09-30T15:59:59Z");  // 23:59:59 on 30 September, China time
  auto rate = [&](const std::string& scope, std::int64_t id) {
    return fig(kpis({scope, id, "2026-10"}, manager_, now_), kpi::Kpi::complaint_rate);
  };
  // The network: X and Y over 4 orders = 50 %, red (target < 3 %, amber to 5 %).
  const auto all = rate("all", 0);
  EXPECT_EQ(all.numerator, 2);
  EXPECT_EQ(all.denominator, 4);
  EXPECT_DOUBLE_EQ(*all.value, 50.0);
  EXPECT_EQ(all.light, kpi::Light::red);
  // The centre: X through B's order, Y through its engineer (of the same centre). eng.li (B's
  // engineer): X only, over his 3 orders.
  EXPECT_EQ(rate("centre", centre_).numerator, 2);
  EXPECT_DOUBLE_EQ(*rate("centre", centre_).value, 50.0);
  EXPECT_EQ(rate("engineer", kEngineer).numerator, 1);
  EXPECT_EQ(rate("engineer", kEngineer).denominator, 3);
  // The other engineer, named by Y: Y, over no orders of his own.
  EXPECT_EQ(rate("engineer", kOtherEngineer).numerator, 1);
  EXPECT_FALSE(rate("engineer", kOtherEngineer).value);
  // Customer 1's contract: X (W is not established, Z not attributable, V in September).
  EXPECT_EQ(rate("contract", 1).numerator, 1);
  EXPECT_DOUBLE_EQ(*rate("contract", 1).value, 25.0);
  EXPECT_EQ(fig(kpis({"all", 0, "2026-09"}, manager_, now_), kpi::Kpi::complaint_rate).numerator,
            1);
  // The records behind the figure: the two complaints, 1/0 each.
  KpiRecordPage page;
  ASSERT_TRUE(db_.db()
                  .read([&](store::Executor& ex) -> Status {
                    page = TRY(list_kpi_records(ex, manager_, now_, {"all", 0, "2026-10"},
                                                "complaint_rate", 0, 50));
                    return {};
                  })
                  .ok());
  ASSERT_EQ(page.items.size(), 2u);
  EXPECT_EQ(page.items[0].engineer_id, kOtherEngineer);  // Y, the newer
  EXPECT_EQ(page.items[0].service_centre_id, centre_);   // the engineer's centre
  EXPECT_EQ(page.items[1].engineer_id, kEngineer);       // X, through order B
  EXPECT_EQ(page.items[1].numerator, 1);
  EXPECT_EQ(page.items[1].denominator, 0);
  // The monthly statistics: 4 complaints received in October (Z and W too), 2 attributable,
  // a complaint rate of 50 % of the 4 orders.
  const MonthlyStatistics st = october_statistics();
  EXPECT_EQ(st.complaints.received, 4);
  EXPECT_EQ(st.complaints.attributable, 2);
  EXPECT_EQ(st.complaints.rate_bp, 5000);
}

}  // namespace
}  // namespace fuwu::app
