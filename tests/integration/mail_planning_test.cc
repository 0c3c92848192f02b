// E-mails planned by outbox consumers outside the notification rules (the signed repair sheet,
// survey invitations) on a real SQLite database: who of a customer receives them, each planned
// once per (event, recipient), skipped without an SMTP server, failed with the reason when the
// mail cannot be made, and the stored attachment kept on the delivery for the send job.
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>

#include "app/notify/notify.h"
#include "app/organisations/organisation.h"
#include "integration/test_database.h"

namespace fuwu {
namespace {

using testing::TestDatabase;

class MailPlanning : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto system = app::Actor::system();
    ASSERT_TRUE(
        write([&](store::Executor& ex) -> Status {
          customer_ =
              TRY(app::create_organisation(ex, system, now_, {"客户", "customer", "", "", ""})).id;
          other_ =
              TRY(app::create_organisation(ex, system, now_, {"别的客户", "customer", "", "", ""}))
                  .id;
          reporter_ = TRY(add(ex, "reporter", "user", customer_, "reporter@example.com"));
          no_mail_ = TRY(add(ex, "no.mail", "user", customer_, ""));
          contact_ = TRY(add(ex, "contact", "contact", customer_, "contact@example.com"));
          outsider_ = TRY(add(ex, "outsider", "user", other_, "outsider@example.com"));
          return {};
        }).ok());
  }

  Status write(const std::function<Status(store::Executor&)>& unit) { return db_.db().write(unit); }

  static Result<std::int64_t> add(store::Executor& ex, const char* login, const char* kind,
                                  std::int64_t org, const char* email) {
    auto rows = TRY(ex.query(
        "INSERT INTO users (login, kind, role, organisation_id, email, language, created_at, "
        "updated_at) VALUES ($1, $2, 'customer', $3, $4, 'en', '2026-01-01T00:00:00Z', "
        "'2026-01-01T00:00:00Z') RETURNING id",
        {std::string(login), std::string(kind), org, std::string(email)}));
    return rows.at(0).i64(0);
  }

  std::vector<std::int64_t> recipients(std::int64_t org, std::int64_t person, int limit) {
    std::vector<std::int64_t> ids;
    EXPECT_TRUE(write([&](store::Executor& ex) -> Status {
                  for (const auto& r : TRY(app::customer_mail_recipients(ex, org, person, limit)))
                    ids.push_back(r.i64(0));
                  return {};
                }).ok());
    return ids;
  }

  app::Delivery delivery(std::int64_t event_id, std::int64_t user) {
    app::Delivery d;
    d.event_id = event_id;
    d.event_type = "repair_sheet.signed";
    d.recipient = "sheet:user:" + std::to_string(user);
    d.user_id = user;
    d.address = "reporter@example.com";
    d.language = "en";
    d.record_type = "ticket";
    d.record_id = 42;
    d.subject = "Repair sheet";
    d.body = "attached";
    d.attachment_sha256 = "abc";
    d.attachment_name = "维修单-WO-2026-000042.pdf";
    d.attachment_type = "application/pdf";
    return d;
  }

  int plan(const app::Delivery& d, bool email_enabled) {
    app::DispatchOptions options;
    options.email_enabled = email_enabled;
    options.mail_domain = "fuwu.test";
    int jobs = -1;
    EXPECT_TRUE(write([&](store::Executor& ex) -> Status {
                  jobs = TRY(app::plan_email_delivery(ex, now_, options, d, "sheet"));
                  return {};
                }).ok());
    return jobs;
  }

  std::string row(std::int64_t event_id) {
    std::string out;
    EXPECT_TRUE(write([&](store::Executor& ex) -> Status {
                  auto rows =
                      TRY(ex.query("SELECT state, last_error, message_id, attachment_name FROM "
                                   "notification_deliveries WHERE event_id = $1 ORDER BY id",
                                   {event_id}));
                  for (const auto& r : rows)
                    out += r.text(0) + "|" + r.text(1) + "|" + r.text(2) + "|" + r.text(3) + ";";
                  return {};
                }).ok());
    return out;
  }

  TestDatabase db_;
  Instant now_ = parse_rfc3339("2026-11-23T08:00:00Z").value();
  std::int64_t customer_ = 0, other_ = 0, reporter_ = 0, no_mail_ = 0, contact_ = 0, outsider_ = 0;
};

TEST_F(MailPlanning, TheReporterWhenOneOfTheCustomerWithAnAddressElseItsContactsFirst) {
  EXPECT_EQ(recipients(customer_, reporter_, 5), std::vector<std::int64_t>{reporter_});
  // Without an address, or of another customer, the reporter gives way to the customer's people.
  EXPECT_EQ(recipients(customer_, no_mail_, 5), (std::vector<std::int64_t>{contact_, reporter_}));
  EXPECT_EQ(recipients(customer_, outsider_, 5), (std::vector<std::int64_t>{contact_, reporter_}));
  EXPECT_EQ(recipients(customer_, 0, 1), std::vector<std::int64_t>{contact_});
  EXPECT_TRUE(recipients(0, reporter_, 5).empty());
}

TEST_F(MailPlanning, OncePerEventAndRecipientPendingWithItsJobAndAttachment) {
  EXPECT_EQ(plan(delivery(7, reporter_), true), 1);
  EXPECT_EQ(plan(delivery(7, reporter_), true), 0) << "planned already";
  const std::string r = row(7);
  EXPECT_EQ(r.substr(0, r.find('|')), "pending");
  EXPECT_NE(r.find(".sheet@fuwu.test>"), std::string::npos) << r;
  EXPECT_NE(r.find("维修单-WO-2026-000042.pdf"), std::string::npos) << r;
  EXPECT_EQ(std::count(r.begin(), r.end(), ';'), 1) << r;
  std::int64_t jobs = 0;
  ASSERT_TRUE(write([&](store::Executor& ex) -> Status {
                auto n = TRY(ex.query_one("SELECT COUNT(*) FROM jobs WHERE kind = $1",
                                          {std::string(app::kDeliverJob)}));
                jobs = n->i64(0);
                return {};
              }).ok());
  EXPECT_EQ(jobs, 1);
}

TEST_F(MailPlanning, SkippedWithoutSmtpAndFailedWithTheReason) {
  EXPECT_EQ(plan(delivery(8, reporter_), false), 0);
  EXPECT_EQ(row(8), "skipped|no SMTP server is configured||维修单-WO-2026-000042.pdf;");
  auto d = delivery(9, reporter_);
  d.last_error = "the PDF could not be rendered: no font";
  EXPECT_EQ(plan(d, true), 0);
  EXPECT_EQ(row(9), "failed|the PDF could not be rendered: no font||维修单-WO-2026-000042.pdf;");
}

}  // namespace
}  // namespace fuwu
