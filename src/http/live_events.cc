#include "http/live_events.h"

#include <boost/json.hpp>
#include <chrono>
#include <map>

#include "app/platform/outbox.h"
#include "app/tickets/ticket.h"
#include "base/log.h"

namespace fuwu::http {

namespace json = boost::json;

struct LiveEvents::Subscriber : BodyStream {
  access::Principal principal;
  Instant deadline;
  Instant last_sent;
  std::int64_t resume_after = 0;  // > 0: replay the record events after this id first
  std::mutex mutex;
  std::string pending;
  bool ended = false;

  std::string take() override {
    std::lock_guard lock(mutex);
    std::string out;
    out.swap(pending);
    return out;
  }
  bool open() override {
    std::lock_guard lock(mutex);
    return !ended || !pending.empty();
  }
  void push(std::string_view event, std::int64_t id, const json::object& data, Instant now) {
    std::lock_guard lock(mutex);
    if (ended) return;
    if (id) pending += "id: " + std::to_string(id) + "\n";
    pending += "event: ";
    pending += event;
    pending += "\ndata: " + json::serialize(data) + "\n\n";
    last_sent = now;
  }
  void tick(Instant now) {
    std::lock_guard lock(mutex);
    if (ended) return;
    if (now >= deadline) {
      pending += "event: reconnect\ndata: {}\n\n";
      ended = true;
    } else if (now - last_sent >= Duration::of_seconds(15)) {
      pending += ": keep-alive\n\n";
      last_sent = now;
    }
  }
};

LiveEvents::LiveEvents(app::Services& services, Duration max_stream)
    : services_(services), max_stream_(max_stream) {}

LiveEvents::~LiveEvents() {
  stop();
}

Status LiveEvents::start() {
  TRY_VOID(services_.db.read([&](store::Executor& ex) -> Status {
    auto e = TRY(ex.query_one("SELECT COALESCE(MAX(id), 0) FROM outbox"));
    auto n = TRY(ex.query_one("SELECT COALESCE(MAX(id), 0) FROM notifications"));
    event_cursor_ = e ? e->i64(0) : 0;
    notification_cursor_ = n ? n->i64(0) : 0;
    return {};
  }));
  thread_ = std::thread([this] { loop(); });
  return {};
}

void LiveEvents::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void LiveEvents::wake() {
  {
    std::lock_guard lock(mutex_);
    woken_ = true;
  }
  cv_.notify_all();
}

std::shared_ptr<BodyStream> LiveEvents::subscribe(const app::Actor& actor,
                                                  std::int64_t last_event_id) {
  auto s = std::make_shared<Subscriber>();
  s->principal = actor.principal;
  s->resume_after = last_event_id > 0 ? last_event_id : 0;
  const Instant now = services_.clock.now();
  s->deadline = now + max_stream_;
  s->last_sent = now;
  std::lock_guard lock(mutex_);
  subscribers_.push_back(s);
  return s;
}

int LiveEvents::subscriber_count() {
  std::lock_guard lock(mutex_);
  int n = 0;
  for (const auto& w : subscribers_)
    n += w.expired() ? 0 : 1;
  return n;
}

void LiveEvents::loop() {
  for (;;) {
    if (auto st = pass(); !st.ok()) log::warn("live.pass_failed", {{"error", st.error().message}});
    std::unique_lock lock(mutex_);
    if (!stopping_ && !woken_)
      cv_.wait_for(lock, std::chrono::seconds(1), [this] { return stopping_ || woken_; });
    woken_ = false;
    if (stopping_) return;
  }
}

Status LiveEvents::pass() {
  std::vector<std::shared_ptr<Subscriber>> subs;
  {
    std::lock_guard lock(mutex_);
    std::erase_if(subscribers_, [](const auto& w) { return w.expired(); });
    for (const auto& w : subscribers_)
      if (auto s = w.lock()) subs.push_back(std::move(s));
  }
  const Instant now = services_.clock.now();
  std::vector<app::Event> events;
  std::vector<std::optional<app::Ticket>> tickets;
  store::Rows notes;
  std::map<std::int64_t, std::int64_t> unread;
  TRY_VOID(services_.db.read([&](store::Executor& ex) -> Status {
    // Resuming subscribers first get what they missed up to the cursor, then this pass's events.
    for (const auto& s : subs) {
      if (s->resume_after > 0) TRY_VOID(replay(ex, s, now));
    }
    events = TRY(app::read_events(ex, event_cursor_, 500));
    tickets.clear();
    for (const auto& e : events) {
      tickets.push_back(e.record_type == "ticket" && !subs.empty()
                            ? TRY(app::find_ticket(ex, e.record_id))
                            : std::nullopt);
    }
    notes = TRY(ex.query(
        "SELECT id, user_id, event_type, record_type, record_id, title, body, created_at FROM "
        "notifications WHERE id > $1 ORDER BY id LIMIT 500",
        {notification_cursor_}));
    unread.clear();
    for (const auto& n : notes) {
      if (unread.count(n.i64(1)) || subs.empty()) continue;
      auto c = TRY(ex.query_one(
          "SELECT COUNT(*) FROM notifications WHERE user_id = $1 AND read_at IS NULL", {n.i64(1)}));
      unread[n.i64(1)] = c ? c->i64(0) : 0;
    }
    return {};
  }));
  if (!events.empty()) event_cursor_ = events.back().id;
  if (!notes.empty()) notification_cursor_ = notes.back().i64(0);
  push_records(events, tickets, subs, now);
  for (const auto& n : notes) {
    const json::object data{{"id", n.i64(0)},           {"event_type", n.text(2)},
                            {"record_type", n.text(3)}, {"record_id", n.i64(4)},
                            {"title", n.text(5)},       {"body", n.text(6)},
                            {"created_at", n.text(7)},  {"unread", unread[n.i64(1)]}};
    for (const auto& s : subs) {
      if (s->principal.user_id == n.i64(1)) s->push("notification", 0, data, now);
    }
  }
  for (const auto& s : subs)
    s->tick(now);
  return {};
}

void LiveEvents::push_records(const std::vector<app::Event>& events,
                              const std::vector<std::optional<app::Ticket>>& tickets,
                              const std::vector<std::shared_ptr<Subscriber>>& subs, Instant now) {
  for (std::size_t i = 0; i < events.size(); ++i) {
    const auto& e = events[i];
    const auto& t = tickets[i];
    if (!t) continue;
    const json::object data{{"id", e.id},
                            {"type", e.type},
                            {"record_type", e.record_type},
                            {"record_id", e.record_id},
                            {"number", t->number},
                            {"at", format_rfc3339(e.at)}};
    for (const auto& s : subs) {
      if (!access::may(s->principal, "ticket.read", app::ownership(*t))) continue;
      if (app::internal_event(e.type) && !access::can(s->principal, "ticket.note")) continue;
      s->push("record", e.id, data, now);
    }
  }
}

Status LiveEvents::replay(store::Executor& ex, const std::shared_ptr<Subscriber>& s, Instant now) {
  const std::int64_t after = std::exchange(s->resume_after, 0);
  if (after >= event_cursor_) return {};
  auto events = TRY(app::read_events(ex, after, kMaxReplay + 1));
  std::erase_if(events, [this](const app::Event& e) { return e.id > event_cursor_; });
  // Too far behind: nothing (the client reloads what is on screen after reconnecting anyway).
  if (static_cast<int>(events.size()) > kMaxReplay) return {};
  std::vector<std::optional<app::Ticket>> tickets;
  for (const auto& e : events) {
    tickets.push_back(e.record_type == "ticket" ? TRY(app::find_ticket(ex, e.record_id))
                                                : std::nullopt);
  }
  push_records(events, tickets, {s}, now);
  return {};
}

}  // namespace fuwu::http
