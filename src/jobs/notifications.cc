#include "jobs/notifications.h"

#include <boost/json.hpp>
#include <chrono>

#include "app/attachments/attachments.h"
#include "app/customers/customer_archive.h"
#include "app/follow_ups/follow_up.h"
#include "app/repair_sheets/repair_sheet.h"
#include "app/surveys/survey.h"
#include "base/crypto.h"
#include "base/log.h"
#include "domain/notify/mail.h"

namespace fuwu::jobs {
namespace {

std::int64_t delivery_id_of(const std::string& payload) {
  const auto pos = payload.find("\"delivery\":");
  if (pos == std::string::npos) return 0;
  return std::atoll(payload.c_str() + pos + 11);
}

// The robot's reply: HTTP 2xx and {"errcode":0}.
Status robot_reply(const net::HttpReply& reply) {
  if (reply.status < 200 || reply.status >= 300)
    return Error(ErrorCode::unavailable, "HTTP " + std::to_string(reply.status));
  boost::system::error_code ec;
  auto v = boost::json::parse(reply.body, ec);
  if (!ec && v.is_object() && v.as_object().contains("errcode") &&
      v.as_object().at("errcode").is_int64() && v.as_object().at("errcode").as_int64() != 0)
    return Error(ErrorCode::unavailable, "robot: " + reply.body.substr(0, 300));
  return {};
}

Status send_webhook(const app::Delivery& d, const app::Webhook& w,
                    const NotificationSettings& settings, Instant now) {
  net::HttpPost post;
  post.url = w.url;
  post.allow_private_addresses = settings.allow_private_addresses;
  post.timeout_seconds = settings.webhook_timeout_seconds;
  post.headers.emplace_back("Content-Type", "application/json; charset=utf-8");
  if (w.kind == "json") {
    const std::string ts = std::to_string(now.unix_seconds);
    post.body = d.body;
    post.headers.emplace_back("User-Agent", "Fuwu-Webhook/1");
    post.headers.emplace_back("X-Fuwu-Event", d.event_type);
    post.headers.emplace_back("X-Fuwu-Delivery", std::to_string(d.id));
    post.headers.emplace_back("X-Fuwu-Timestamp", ts);
    post.headers.emplace_back("X-Fuwu-Signature",
                              "sha256=" + crypto::hmac_sha256_hex(w.secret, ts + "." + post.body));
    auto reply = TRY(net::post(post));
    if (reply.status < 200 || reply.status >= 300)
      return Error(ErrorCode::unavailable, "HTTP " + std::to_string(reply.status));
    return {};
  }
  if (w.kind == "wecom") {
    post.body = boost::json::serialize(boost::json::object{
        {"msgtype", "markdown"}, {"markdown", boost::json::object{{"content", d.body}}}});
  } else {
    post.body = boost::json::serialize(boost::json::object{
        {"msgtype", "markdown"},
        {"markdown", boost::json::object{{"title", d.subject}, {"text", d.body}}}});
    if (!w.secret.empty()) {
      // DingTalk signing: timestamp in ms, sign = base64(HMAC-SHA256(secret, ts + "\n" + secret)).
      const std::string ts = std::to_string(now.unix_seconds * 1000);
      const std::string sign =
          crypto::base64_encode(crypto::hmac_sha256(w.secret, ts + "\n" + w.secret));
      post.url += (post.url.find('?') == std::string::npos ? "?" : "&");
      post.url += "timestamp=" + ts + "&sign=" + net::url_encode(sign);
    }
  }
  return robot_reply(TRY(net::post(post)));
}

// `attachment`: the bytes of the delivery's stored file ("" for none).
Status send(const app::Delivery& d, const std::string& attachment,
            const NotificationSettings& settings, Instant now) {
  if (d.channel != "email") return Error(ErrorCode::internal, "unknown channel " + d.channel);
  if (!settings.smtp) return Error(ErrorCode::unavailable, "no SMTP server is configured");
  notify::OutgoingMail m;
  m.from_address = settings.from_address;
  m.from_name = settings.from_name;
  m.to_address = d.address;
  m.subject = d.subject;
  m.body = d.body;
  m.message_id = d.message_id;
  m.in_reply_to = d.thread_root;
  m.record_number = d.record_number;
  m.date = now;
  if (!d.attachment_sha256.empty()) {
    m.attachments.push_back({d.attachment_name, d.attachment_type, attachment});
  }
  return net::send_mail(*settings.smtp, settings.from_address, d.address, notify::build_mail(m));
}

Status run_webhook(app::Services& services, const app::Job& job, const app::Delivery& d,
                   const NotificationSettings& settings, Instant now) {
  const std::int64_t hook_id = std::atoll(d.recipient.c_str() + 8);
  std::optional<app::Webhook> hook;
  TRY_VOID(services.db.read([&](store::Executor& ex) -> Status {
    hook = TRY(app::find_webhook(ex, hook_id));
    return {};
  }));
  Status sent = !hook ? Status(Error(ErrorCode::not_found, "the webhook was deleted"))
                : !hook->enabled
                    ? Status(Error(ErrorCode::permission_denied,
                                   "the webhook is disabled: " + hook->disabled_reason))
                    : send_webhook(d, *hook, settings, now);
  // Deleted, disabled or refused by the address guard: retrying will not help.
  const bool permanent = !sent.ok() && (sent.error().code == ErrorCode::not_found ||
                                        sent.error().code == ErrorCode::permission_denied ||
                                        sent.error().code == ErrorCode::invalid_request);
  const bool final = permanent || job.attempts >= job.max_attempts;
  TRY_VOID(services.db.write([&](store::Executor& ex) -> Status {
    TRY_VOID(app::record_delivery_attempt(ex, d.id, now, sent.ok(),
                                          sent.ok() ? "" : sent.error().message, final));
    if (hook && hook->enabled)
      TRY_VOID(app::record_webhook_outcome(ex, hook->id, now, sent.ok(),
                                           sent.ok() ? "" : sent.error().message,
                                           settings.webhook_disable_after));
    return {};
  }));
  if (sent.ok() || permanent) return {};
  return sent;
}

}  // namespace

Status run_delivery_job(app::Services& services, const app::Job& job,
                        const NotificationSettings& settings) {
  const std::int64_t id = delivery_id_of(job.payload);
  std::optional<app::Delivery> d;
  std::string attachment;
  TRY_VOID(services.db.read([&](store::Executor& ex) -> Status {
    d = TRY(app::find_delivery(ex, id));
    if (d && d->state == "pending" && !d->attachment_sha256.empty()) {
      attachment = TRY(app::read_blob(ex, d->attachment_sha256));
    }
    return {};
  }));
  if (!d || d->state != "pending") return {};
  const Instant now = services.clock.now();
  if (d->recipient.rfind("webhook:", 0) == 0) return run_webhook(services, job, *d, settings, now);
  const Status sent = send(*d, attachment, settings, now);
  // A rejection (5xx) will not change by retrying; everything else is retried with backoff.
  const bool permanent = !sent.ok() && sent.error().code == ErrorCode::validation_failed;
  const bool final = permanent || job.attempts >= job.max_attempts;
  TRY_VOID(services.db.write([&](store::Executor& ex) {
    return app::record_delivery_attempt(ex, id, now, sent.ok(),
                                        sent.ok() ? "" : sent.error().message, final);
  }));
  if (sent.ok() || permanent) {
    if (!sent.ok())
      log::warn("notify.rejected", {{"delivery", id}, {"error", sent.error().message}});
    return {};
  }
  return sent;
}

NotificationPump::NotificationPump(app::Services& services, NotificationSettings settings,
                                   std::function<void()> jobs_enqueued,
                                   std::function<void()> delivered)
    : services_(services),
      settings_(std::move(settings)),
      jobs_enqueued_(std::move(jobs_enqueued)),
      delivered_(std::move(delivered)) {}

NotificationPump::~NotificationPump() {
  stop();
}

Result<app::DispatchResult> NotificationPump::run_once() {
  app::DispatchResult total;
  for (;;) {
    app::DispatchResult pass;
    const Instant now = services_.clock.now();
    TRY_VOID(services_.db.write([&](store::Executor& ex) -> Status {
      pass = TRY(app::dispatch_notifications(ex, now, settings_.dispatch));
      return {};
    }));
    total.events += pass.events;
    total.deliveries += pass.deliveries;
    total.jobs += pass.jobs;
    if (pass.jobs > 0 && jobs_enqueued_) jobs_enqueued_();
    if (pass.deliveries > 0 && delivered_) delivered_();
    if (pass.events < settings_.dispatch.batch) break;
  }
  // The other consumers of committed events: follow-ups after closures and key-customer visits
  // (app/follow_ups), archive tasks of new customers (app/customers), e-mailed survey invitations
  // (app/surveys). Their failure does not hold up notifications.
  int planned = 0;
  auto planning = services_.db.write([&](store::Executor& ex) -> Status {
    planned = TRY(app::plan_follow_ups(ex, services_.clock.now()));
    TRY_VOID(app::plan_archive_tasks(ex, services_.clock.now()));
    planned +=
        TRY(app::plan_survey_invitation_mails(ex, services_.clock.now(), settings_.dispatch));
    return {};
  });
  if (!planning.ok()) {
    log::warn("crm.plan_follow_ups_failed", {{"error", planning.error().message}});
  } else if (planned > 0 && jobs_enqueued_) {
    jobs_enqueued_();
  }
  // The signed repair sheets to the customers (app/repair_sheets), in a unit of their own: a
  // sheet that cannot be rendered holds up nothing else.
  int sheets = 0;
  auto mailing = services_.db.write([&](store::Executor& ex) -> Status {
    sheets = TRY(app::plan_repair_sheet_mails(ex, services_.clock.now(), settings_.dispatch));
    return {};
  });
  if (!mailing.ok()) {
    log::warn("repair_sheet.mail_failed", {{"error", mailing.error().message}});
  } else if (sheets > 0 && jobs_enqueued_) {
    jobs_enqueued_();
  }
  return total;
}

void NotificationPump::start(Duration poll) {
  thread_ = std::thread([this, poll] { loop(poll); });
}

void NotificationPump::wake() {
  {
    std::lock_guard lock(mutex_);
    woken_ = true;
  }
  cv_.notify_all();
}

void NotificationPump::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void NotificationPump::loop(Duration poll) {
  for (;;) {
    auto r = run_once();
    if (!r.ok()) log::warn("notify.dispatch_failed", {{"error", r.error().message}});
    std::unique_lock lock(mutex_);
    if (!stopping_ && !woken_)
      cv_.wait_for(lock, std::chrono::seconds(poll.seconds),
                   [this] { return stopping_ || woken_; });
    woken_ = false;
    if (stopping_) return;
  }
}

}  // namespace fuwu::jobs
