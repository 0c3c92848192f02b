#include "app/seed/seed.h"

#include <algorithm>
#include <array>
#include <condition_variable>
#include <deque>
#include <future>
#include <map>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <utility>

#include "app/calendar/calendars.h"
#include "app/platform/audit.h"
#include "app/search/search.h"
#include "app/seed/bulk_insert.h"
#include "app/sla/policies.h"
#include "app/tickets/lifecycles.h"
#include "app/tickets/sla_clocks.h"
#include "domain/ticket/number.h"
#include "domain/ticket/priority.h"
#include "store/search/tokenizer.h"

namespace fuwu::app {
namespace {

// Vocabulary of the source manuals (seed 000–002): IT service desk faults, after-sales faults of
// generator sets and vehicles, service requests, and the services of the catalogue.
constexpr std::array kCompanies = {"华东电力设备", "华北机械制造", "南方电网运维", "西部能源科技",
                                   "长江物流",     "珠江数据服务", "东方重工",     "北方农机",
                                   "中原信息技术", "江南纺织"};
constexpr std::array kCities = {"上海", "北京", "广州", "成都", "武汉",
                                "杭州", "南京", "郑州", "西安", "重庆"};
constexpr std::array kFaults = {"服务器宕机，业务系统无法访问",
                                "网络中断，办公区无法上网",
                                "打印机无法打印，任务一直排队",
                                "邮件无法发送，提示SMTP认证失败",
                                "VPN 连接失败，提示证书过期",
                                "发电机组无法启动，启动电机无反应",
                                "蓄电池亏电，需要更换",
                                "充电发电机不发电",
                                "数据库响应缓慢，报表超时",
                                "ERP 登录失败 login failed",
                                "机房空调告警，温度过高",
                                "交换机端口频繁掉线",
                                "笔记本电脑蓝屏 blue screen",
                                "门禁系统读卡器故障",
                                "视频会议无声音 no audio",
                                "底盘发动机异响，需要现场检查",
                                "柴油机冒黑烟，功率不足",
                                "UPS 电源告警 battery low",
                                "共享盘无法访问 access denied",
                                "Wi-Fi 信号弱，会议室经常断线",
                                "Outlook crashes when opening attachments",
                                "Printer paper jam on 3rd floor"};
constexpr std::array kRequests = {"申请开通VPN账号",
                                  "申请新员工电脑",
                                  "申请邮箱容量扩容",
                                  "申请访问财务共享盘",
                                  "申请安装 Office 软件",
                                  "申请更换显示器",
                                  "Request a new phone line",
                                  "申请备用发电机年度保养",
                                  "申请机房参观权限",
                                  "申请零配件报价（保修期外）",
                                  "申请现场安装调试及操作培训",
                                  "Request access to the reporting portal"};
constexpr std::array kServices = {"办公网络", "邮件服务", "ERP系统",     "打印服务",
                                  "数据中心", "售后服务", "发电机组维保"};
constexpr std::array kDetails = {
    "用户反映从今天上午九点开始出现问题，影响整个部门的日常工作。",
    "已尝试重启设备，问题依旧。请尽快安排工程师处理。",
    "The issue started after last night's maintenance window; several users are affected.",
    "现场联系人：王工，电话 138-0000-0000。设备序列号见附件。",
    "客户要求在24小时内到场处理，属于重点客户。",
    "服务半径在100km以内，需要工程师携带零部件到现场。",
    "Error code 0x80070005 appears in the event log."};
constexpr std::array kReplies = {
    "您好，工程师已远程检查，请重启后再试。", "已安排工程师明天上午到现场处理。",
    "We have reset the account; please log in again.", "问题已定位为配件损坏，备件已寄出。",
    "请提供故障截图和设备序列号，谢谢。"};
constexpr std::array kNotes = {"二线确认为已知问题，参考知识库 KB-1024。",
                               "Vendor ticket opened, waiting for their answer.",
                               "需要采购部协调外协厂家。", "客户为重点客户，优先处理。"};

// Share of each state category among tickets of the last three days; older ones are nearly all
// done.
struct CategoryWeight {
  ticket::StateCategory category;
  int recent;
  int old;
};
constexpr std::array kCategoryWeights = {CategoryWeight{ticket::StateCategory::fresh, 12, 1},
                                         CategoryWeight{ticket::StateCategory::open, 33, 1},
                                         CategoryWeight{ticket::StateCategory::pending, 10, 1},
                                         CategoryWeight{ticket::StateCategory::resolved, 15, 7},
                                         CategoryWeight{ticket::StateCategory::closed, 30, 90}};

template <typename T, std::size_t N>
const T& pick(const std::array<T, N>& a, std::mt19937_64& rng) {
  return a[rng() % N];
}

bool done_category(ticket::StateCategory c) {
  return c == ticket::StateCategory::resolved || c == ticket::StateCategory::closed;
}

// A kind's states by category, and for each state the transitions that lead there from the
// initial state (a shortest path; closed states prefer a path through a resolved state, the way
// most records close).
struct KindPlan {
  const KindInfo* info = nullptr;
  std::map<ticket::StateCategory, std::vector<const ticket::StateDef*>> by_category;
  std::map<std::string, std::vector<const ticket::TransitionDef*>> path;
};

KindPlan plan_kind(const KindInfo* info) {
  KindPlan plan;
  plan.info = info;
  const auto& lc = info->lifecycle;
  std::deque<std::string> queue{lc.initial};
  plan.path[lc.initial] = {};
  while (!queue.empty()) {
    const std::string at = queue.front();
    queue.pop_front();
    for (const auto& t : lc.transitions) {
      if (std::find(t.from.begin(), t.from.end(), at) == t.from.end()) continue;
      if (plan.path.count(t.to)) continue;
      plan.path[t.to] = plan.path[at];
      plan.path[t.to].push_back(&t);
      queue.push_back(t.to);
    }
  }
  for (const auto& s : lc.states) {
    if (s.category != ticket::StateCategory::closed) continue;
    for (const auto& t : lc.transitions) {
      if (t.to != s.name) continue;
      for (const auto& from : t.from) {
        const auto* f = lc.state(from);
        if (f && f->category == ticket::StateCategory::resolved && plan.path.count(from)) {
          plan.path[s.name] = plan.path[from];
          plan.path[s.name].push_back(&t);
          break;
        }
      }
    }
  }
  for (const auto& s : lc.states) {
    if (plan.path.count(s.name)) plan.by_category[s.category].push_back(&s);
  }
  return plan;
}

// Default policies when the database has none, so that open tickets have running clocks (and a
// queue sorted by SLA due means something): resolution within 4 / 8 / 24 / 72 hours by priority,
// paused while the ticket waits for the customer, a supplier or an approval.
Status ensure_policies(store::Executor& ex, const Actor& actor, Instant now) {
  auto existing = TRY(ex.query_one("SELECT id FROM sla_policies LIMIT 1"));
  if (existing) return {};
  const std::array<std::int64_t, 4> hours = {4, 8, 24, 72};
  for (int p = 1; p <= 4; ++p) {
    sla::Policy policy;
    policy.id = "seed-p" + std::to_string(p);
    policy.name = "P" + std::to_string(p) + " 解决时限 resolution " +
                  std::to_string(hours[static_cast<std::size_t>(p - 1)]) + " h";
    policy.match.priority = "P" + std::to_string(p);
    policy.pause_states = {"pending_customer", "pending_supplier", "awaiting_approval"};
    sla::Target target;
    target.kind = sla::TargetKind::resolution;
    target.calendar_id = "24x7";
    target.duration = {sla::DurationUnit::working_seconds,
                       hours[static_cast<std::size_t>(p - 1)] * 3600};
    policy.targets.push_back(target);
    const auto created = TRY(create_policy(ex, actor, now, std::move(policy), std::nullopt));
    (void)created;
  }
  return {};
}

struct GeneratedEntry {
  bool internal = false;
  std::int64_t author = 0;
  std::string author_login;
  std::string body;
  std::string at;
};

struct GeneratedEvent {
  Instant instant;
  std::string at;
  const char* type;
  std::string data;
};

struct Generated {
  std::int64_t id = 0;
  const KindPlan* plan = nullptr;
  int year = 0;
  std::string number;
  std::string title;
  std::string description;
  std::int64_t requester = 0;
  std::int64_t organisation = 0;
  std::string service;
  int impact = 3, urgency = 3, priority = 4;
  const ticket::StateDef* state = nullptr;
  std::int64_t group = 0, assignee = 0;
  std::size_t assignee_index = 0;  // into Parties::agents
  const char* channel = "phone";
  std::string resolution, resolution_code;
  std::optional<std::string> sla_due, resolved_at, closed_at;
  std::string created_at, updated_at;
  std::vector<GeneratedEvent> events;
  std::vector<GeneratedEntry> entries;
  std::vector<sla::Clock> clocks;
};

struct Parties {
  std::vector<std::int64_t> orgs;
  std::vector<std::vector<std::int64_t>> contacts;  // per organisation
  std::vector<std::int64_t> agents;
  std::vector<std::string> agent_logins;
  std::vector<std::int64_t> groups;
  std::vector<std::vector<std::size_t>> group_agents;  // indexes into agents, per group
};

Result<Parties> seed_parties(store::Executor& ex, const SeedOptions& o, const std::string& ts) {
  Parties parties;
  const std::string tag = std::to_string(o.random_seed % 100000);
  for (int i = 0; i < o.organisations; ++i) {
    const std::string name = std::string(kCities[static_cast<std::size_t>(i) % kCities.size()]) +
                             kCompanies[static_cast<std::size_t>(i / 10) % kCompanies.size()] +
                             "有限公司 " + tag + "-" + std::to_string(i + 1);
    auto r = TRY(ex.query(
        "INSERT INTO organisations (name, kind, created_at, updated_at) VALUES ($1, 'customer', "
        "$2, $2) RETURNING id",
        {name, ts}));
    parties.orgs.push_back(r.at(0).i64(0));
    // Two contacts per organisation raise its tickets (customer role, their organisation).
    parties.contacts.emplace_back();
    for (int c = 1; c <= 2; ++c) {
      char login[48];
      std::snprintf(login, sizeof login, "customer%s-%05d-%d", tag.c_str(), i + 1, c);
      auto u = TRY(ex.query(
          "INSERT INTO users (login, kind, display_name, role, organisation_id, created_at, "
          "updated_at) VALUES ($1, 'contact', $2, 'customer', $3, $4, $4) RETURNING id",
          {std::string(login), std::string(c == 1 ? "张经理 " : "李工 ") + std::to_string(i + 1),
           parties.orgs.back(), ts}));
      parties.contacts.back().push_back(u.at(0).i64(0));
    }
  }
  const std::array<std::pair<const char*, int>, 3> lines = {std::pair{"服务台 Service desk", 1},
                                                            std::pair{"二线支持 2nd line", 2},
                                                            std::pair{"三线专家 3rd line", 3}};
  for (const auto& [name, line] : lines) {
    auto r = TRY(
        ex.query("INSERT INTO groups (name, line, created_at, updated_at) VALUES ($1, $2, $3, $3) "
                 "RETURNING id",
                 {std::string(name) + " " + tag, std::int64_t{line}, ts}));
    parties.groups.push_back(r.at(0).i64(0));
    parties.group_agents.emplace_back();
  }
  for (int i = 0; i < o.agents; ++i) {
    char login[40];
    std::snprintf(login, sizeof login, "agent%s-%04d", tag.c_str(), i + 1);
    auto r = TRY(ex.query(
        "INSERT INTO users (login, kind, display_name, role, created_at, updated_at) VALUES ($1, "
        "'user', $2, 'agent', $3, $3) RETURNING id",
        {std::string(login), "工程师" + std::to_string(i + 1), ts}));
    parties.agents.push_back(r.at(0).i64(0));
    parties.agent_logins.emplace_back(login);
    const std::size_t g = static_cast<std::size_t>(i) % parties.groups.size();
    parties.group_agents[g].push_back(parties.agents.size() - 1);
    TRY_VOID(ex.exec("INSERT INTO group_members (group_id, user_id) VALUES ($1, $2)",
                     {parties.groups[g], parties.agents.back()}));
  }
  return parties;
}

// Everything about one ticket that does not need the database: its fields, its history (events
// along the lifecycle, journal entries) and its clocks.
class Generator {
 public:
  Generator(const Parties& parties, const std::vector<KindPlan>& plans,
            const sla::PolicyBook& policies, const calendar::CalendarBook& calendars, Instant now)
      : parties_(parties), plans_(plans), policies_(policies), calendars_(calendars), now_(now) {}

  Result<Generated> make(std::mt19937_64& r, Instant created) {
    Generated g;
    const bool incident = plans_.size() < 2 || r() % 10 < 7;
    g.plan = &plans_[incident ? 0 : 1];
    const auto& lc = g.plan->info->lifecycle;
    const bool recent = now_ - created < Duration::of_hours(24 * 3);
    g.state = pick_state(*g.plan, r, recent);
    g.impact = 1 + static_cast<int>(r() % 3);
    g.urgency = 1 + static_cast<int>(r() % 3);
    g.priority = *ticket::priority_of(matrix_, g.impact, g.urgency);
    g.title = lc.kind == "incident" ? std::string(pick(kFaults, r)) : pick(kRequests, r);
    g.description = std::string(pick(kDetails, r)) + " " + pick(kDetails, r);
    const std::size_t org = r() % parties_.orgs.size();
    g.organisation = parties_.orgs[org];
    g.requester = parties_.contacts[org][r() % parties_.contacts[org].size()];
    g.service = pick(kServices, r);
    g.channel = r() % 3 == 0 ? "portal" : (r() % 2 ? "phone" : "email");
    g.year = ticket::numbering_year(created);
    g.created_at = format_rfc3339(created);
    g.events.push_back(
        {created, g.created_at, "created", "{\"priority\":" + std::to_string(g.priority) + "}"});
    // Walk the lifecycle to the chosen state, a few minutes to hours per step, never past now.
    Instant at = created;
    const auto& path = g.plan->path.at(g.state->name);
    std::string from = lc.initial;
    std::optional<Instant> resolved, closed;
    const Duration room = now_ - created;
    const std::int64_t step_max = std::max<std::int64_t>(
        60, std::min<std::int64_t>(room.seconds / (path.size() + 2), 8 * 3600));
    const std::size_t group = r() % parties_.groups.size();
    for (std::size_t i = 0; i < path.size(); ++i) {
      const auto* t = path[i];
      at = at + Duration::of_seconds(30 + static_cast<std::int64_t>(r() % step_max));
      if (g.group == 0) {
        g.group = parties_.groups[group];
        const auto& members = parties_.group_agents[group];
        if (!members.empty()) {
          g.assignee_index = members[r() % members.size()];
          g.assignee = parties_.agents[g.assignee_index];
        }
      }
      for (auto e : t->effects) {
        if (e == ticket::Effect::stamp_resolved) resolved = at;
        if (e == ticket::Effect::clear_resolved) resolved.reset();
        if (e == ticket::Effect::stamp_closed) closed = at;
        if (e == ticket::Effect::clear_assignee) g.assignee = 0;
      }
      // An agent answers the customer once work has started on about half of the tickets.
      if (i == 0 && g.assignee != 0 && r() % 2 == 0) {
        add_entry(g, r, at, false);
        at = at + Duration::of_seconds(30);
      }
      g.events.push_back({at, format_rfc3339(at), "state_changed",
                          "{\"from\":\"" + from + "\",\"to\":\"" + t->to + "\"}"});
      from = t->to;
    }
    if (g.assignee != 0 && r() % 5 == 0) add_entry(g, r, at + Duration::of_seconds(60), true);
    if (done_category(g.state->category)) {
      g.resolution = "已处理 resolved";
      g.resolution_code = "fixed";
    }
    if (resolved) g.resolved_at = format_rfc3339(*resolved);
    if (closed) g.closed_at = format_rfc3339(*closed);
    g.updated_at = g.entries.empty() || g.entries.back().at < format_rfc3339(at)
                       ? format_rfc3339(at)
                       : g.entries.back().at;
    TRY_VOID(compute_clocks(g));
    return g;
  }

 private:
  const ticket::StateDef* pick_state(const KindPlan& plan, std::mt19937_64& r, bool recent) {
    int total = 0;
    for (const auto& w : kCategoryWeights) {
      if (plan.by_category.count(w.category)) total += recent ? w.recent : w.old;
    }
    int x = static_cast<int>(r() % static_cast<std::uint64_t>(total));
    for (const auto& w : kCategoryWeights) {
      auto it = plan.by_category.find(w.category);
      if (it == plan.by_category.end()) continue;
      if ((x -= recent ? w.recent : w.old) >= 0) continue;
      // Within a category, the state named after it ("closed", "resolved") is the usual end;
      // the others ("rejected") are rarer.
      const auto& states = it->second;
      if (r() % 5 != 0) {
        for (const auto* st : states) {
          if (st->name == ticket::category_name(w.category)) return st;
        }
      }
      return states[r() % states.size()];
    }
    return plan.by_category.begin()->second.front();
  }

  void add_entry(Generated& g, std::mt19937_64& r, Instant at, bool internal) {
    // The assignee writes; a public reply to the customer is an event for the SLA clocks.
    GeneratedEntry e{internal, g.assignee, parties_.agent_logins[g.assignee_index],
                     internal ? std::string(pick(kNotes, r)) : std::string(pick(kReplies, r)),
                     format_rfc3339(at)};
    if (!internal) g.events.push_back({at, e.at, "public_reply", "{}"});
    g.entries.push_back(std::move(e));
  }

  // The clocks exactly as refresh_ticket_sla computes them from the same events.
  Status compute_clocks(Generated& g) {
    if (policies_.policies().empty()) return {};
    std::vector<sla::Event> events;
    for (const auto& e : g.events) {
      if (auto ev = sla_event(g.plan->info->lifecycle, e.instant, e.type, e.data)) {
        events.push_back(std::move(*ev));
      }
    }
    const auto facts =
        sla_facts(g.plan->info->lifecycle.kind, g.organisation, g.service, g.priority);
    g.clocks =
        TRY(sla::compute_clocks(facts, events, policies_, calendars_, now_, sla::Explain::none));
    if (auto due = earliest_due(g.clocks)) g.sla_due = format_rfc3339(*due);
    return {};
  }

  const Parties& parties_;
  const std::vector<KindPlan>& plans_;
  const sla::PolicyBook& policies_;
  const calendar::CalendarBook& calendars_;
  const Instant now_;
  const ticket::PriorityMatrix matrix_;
};

// Search documents as index_ticket writes them: body = description and public replies,
// internal = notes, each joined by newlines in journal order.
struct Document {
  std::string body, internal;
};
Document document_of(const Generated& g) {
  Document d{g.description, {}};
  for (const auto& e : g.entries) {
    std::string& into = e.internal ? d.internal : d.body;
    if (!into.empty()) into += '\n';
    into += e.body;
  }
  return d;
}

// search_documents' columns; PostgreSQL also keeps the document's tsvector.
std::vector<std::pair<std::string, std::string>> document_columns(store::DialectKind d) {
  std::vector<std::pair<std::string, std::string>> columns = {
      {"ticket_id", "bigint"}, {"title", "text"}, {"body", "text"}, {"internal", "text"}};
  if (d == store::DialectKind::postgres) columns.emplace_back("tokens", "tsvector");
  return columns;
}

// A batch of numbered tickets as rows of each table, ready to be written; and the clocks of
// the tickets whose clocks still run (they may have thresholds ahead, which get their jobs).
struct BatchRows {
  explicit BatchRows(store::DialectKind d)
      : tickets(d, "tickets",
                {{"id", "bigint"},
                 {"kind", "text"},
                 {"number", "text"},
                 {"title", "text"},
                 {"description", "text"},
                 {"requester_id", "bigint"},
                 {"organisation_id", "bigint"},
                 {"service", "text"},
                 {"impact", "integer"},
                 {"urgency", "integer"},
                 {"priority", "integer"},
                 {"state", "text"},
                 {"state_category", "text"},
                 {"group_id", "bigint"},
                 {"assignee_id", "bigint"},
                 {"channel", "text"},
                 {"resolution", "text"},
                 {"resolution_code", "text"},
                 {"sla_due_at", "text"},
                 {"created_by", "bigint"},
                 {"created_at", "text"},
                 {"updated_at", "text"},
                 {"resolved_at", "text"},
                 {"closed_at", "text"}}),
        events(d, "ticket_events",
               {{"ticket_id", "bigint"}, {"at", "text"}, {"event_type", "text"}, {"data", "text"}}),
        journal(d, "journal_entries",
                {{"ticket_id", "bigint"},
                 {"visibility", "text"},
                 {"entry_kind", "text"},
                 {"author_id", "bigint"},
                 {"author_login", "text"},
                 {"body", "text"},
                 {"created_at", "text"}}),
        documents(d, "search_documents", document_columns(d)) {}
  BulkInsert tickets, events, journal, documents;
  std::vector<std::pair<std::int64_t, std::vector<sla::Clock>>> running;
  std::int64_t count = 0;
};

// `bulk`: also the documents for a bulk index (store/search/bulk_index.h), when not null.
BatchRows rows_of(store::DialectKind dialect, bool index, std::vector<Generated>& batch,
                  std::vector<store::SearchBulkIndex::Document>* bulk) {
  BatchRows rows(dialect);
  rows.count = static_cast<std::int64_t>(batch.size());
  // The batch's strings move into the rows (they are not needed after).
  for (auto& g : batch) {
    const auto& lc = g.plan->info->lifecycle;
    Document d = index ? document_of(g) : Document{};
    rows.tickets.row()
        .add(g.id)
        .add(lc.kind)
        .add(std::move(g.number))
        .add(g.title)
        .add(std::move(g.description))
        .id(g.requester)
        .id(g.organisation)
        .add(g.service)
        .add(std::int64_t{g.impact})
        .add(std::int64_t{g.urgency})
        .add(std::int64_t{g.priority})
        .add(g.state->name)
        .add(ticket::category_name(g.state->category))
        .id(g.group)
        .id(g.assignee)
        .add(g.channel)
        .add(g.resolution)
        .add(g.resolution_code)
        .opt(g.sla_due)
        .id(g.requester)
        .add(std::move(g.created_at))
        .add(std::move(g.updated_at))
        .opt(g.resolved_at)
        .opt(g.closed_at);
    for (auto& e : g.events)
      rows.events.row().add(g.id).add(std::move(e.at)).add(e.type).add(std::move(e.data));
    for (auto& e : g.entries) {
      rows.journal.row()
          .add(g.id)
          .add(e.internal ? "internal" : "public")
          .add(e.internal ? "note" : "reply")
          .id(e.author)
          .add(e.author_login)
          .add(std::move(e.body))
          .add(std::move(e.at));
    }
    if (index) {
      rows.documents.row().add(g.id).add(g.title).add(d.body).add(d.internal);
      if (dialect == store::DialectKind::postgres) {
        rows.documents.add(search::tsvector({{g.title, 'A'}, {d.body, 'B'}, {d.internal, 'C'}}));
      }
      if (bulk) {
        bulk->push_back({g.id, std::move(g.title), std::move(d.body), std::move(d.internal)});
      }
    }
    const bool running = std::any_of(g.clocks.begin(), g.clocks.end(), [](const sla::Clock& c) {
      return c.state == sla::ClockState::running;
    });
    if (running) rows.running.emplace_back(g.id, std::move(g.clocks));
  }
  return rows;
}

// Hands prepared batches from the thread that makes them to the write unit, at most two ahead.
class BatchQueue {
 public:
  // False when the unit has stopped taking batches.
  bool push(Result<BatchRows> rows) {
    std::unique_lock lock(mu_);
    cv_.wait(lock, [&] { return stopped_ || queue_.size() < 2; });
    if (stopped_) return false;
    queue_.push_back(std::move(rows));
    cv_.notify_all();
    return true;
  }
  // The next batch; nullopt after the last.
  std::optional<Result<BatchRows>> pop() {
    std::unique_lock lock(mu_);
    cv_.wait(lock, [&] { return closed_ || !queue_.empty(); });
    if (queue_.empty()) return std::nullopt;
    auto rows = std::move(queue_.front());
    queue_.pop_front();
    cv_.notify_all();
    return rows;
  }
  void close() {
    std::lock_guard lock(mu_);
    closed_ = true;
    cv_.notify_all();
  }
  // The write unit gives written batches back, and the thread that made them frees them: glibc
  // frees another thread's memory slowly, and the unit is the seed's bottleneck.
  void give_back(BatchRows rows) {
    std::lock_guard lock(mu_);
    spent_.push_back(std::move(rows));
  }
  std::deque<BatchRows> take_back() {
    std::lock_guard lock(mu_);
    return std::exchange(spent_, {});
  }
  void stop() {
    std::lock_guard lock(mu_);
    stopped_ = true;
    cv_.notify_all();
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Result<BatchRows>> queue_;
  std::deque<BatchRows> spent_;
  bool closed_ = false;
  bool stopped_ = false;
};

// The secondary indexes of the tables a seed fills (not the unique ones: they keep numbers
// unique while the rows go in). Dropping them for a load into a small table and creating them
// again after it sorts each once instead of inserting a million keys into it one by one.
const std::array kLoadedTables = {"tickets", "ticket_events", "journal_entries"};

Result<std::vector<std::string>> drop_secondary_indexes(store::Executor& ex) {
  std::vector<std::string> created;
  for (const char* table : kLoadedTables) {
    auto rows = TRY(
        ex.query("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = $1 AND "
                 "sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%' ORDER BY name",
                 {std::string(table)}));
    for (const auto& r : rows) {
      TRY_VOID(ex.exec("DROP INDEX \"" + r.text(0) + "\""));
      created.push_back(r.text(1));
    }
  }
  return created;
}

// Creates the indexes dropped by drop_secondary_indexes. With temporary files in memory (our
// connections' temp_store), SQLite's sorter keeps each key in an allocation of its own and sorts
// them all in one list; with files, it sorts runs the size of the page cache on worker threads
// and merges them. Runs of 4 MB stay in the processor's cache: 1,000,000 tickets' indexes in
// 5.5 s instead of 9.2 s. The temporary files (tens of MB) go to SQLITE_TMPDIR or /var/tmp.
Status create_indexes(store::Executor& ex, const std::vector<std::string>& indexes) {
  if (indexes.empty()) return {};
  const std::array<std::pair<const char*, const char*>, 3> tuned = {
      std::pair{"temp_store", "FILE"}, std::pair{"threads", "4"}, std::pair{"cache_size", "-4096"}};
  std::vector<std::int64_t> before;  // all three are numbers
  for (const auto& [pragma, value] : tuned) {
    before.push_back(TRY(ex.query_one(std::string("PRAGMA ") + pragma))->i64(0));
    TRY_VOID(ex.exec(std::string("PRAGMA ") + pragma + " = " + value));
  }
  Status built;
  for (const auto& sql : indexes) {
    auto created = ex.exec(sql);
    if (!created.ok()) {
      built = created.error();
      break;
    }
  }
  for (std::size_t i = 0; i < tuned.size(); ++i) {
    TRY_VOID(ex.exec(std::string("PRAGMA ") + tuned[i].first + " = " + std::to_string(before[i])));
  }
  return built;
}

}  // namespace

Result<SeedReport> seed_database(Services& s, const SeedOptions& o,
                                 const std::function<void(std::int64_t)>& progress) {
  if (o.tickets < 0 || o.organisations < 1 || o.agents < 1 || o.batch < 1) {
    return Error(ErrorCode::validation_failed, "tickets ≥ 0, organisations ≥ 1, agents ≥ 1");
  }
  const Actor actor = Actor::system("cli");
  const Instant now = s.clock.now();
  const std::string ts = format_rfc3339(now);
  std::vector<KindPlan> plans;
  for (const char* kind : {"incident", "request"}) {
    plans.push_back(plan_kind(TRY(kind_info(kind))));
  }
  // Created instants ascend with the ids over the past year, as if raised one after the other.
  const std::int64_t span = 365 * 86400;
  const double step =
      o.tickets > 0 ? static_cast<double>(span) / static_cast<double>(o.tickets) : 0.0;
  const Instant first = now - Duration::of_seconds(span);

  // The whole seed is one write unit: all of it or nothing. Within it the tickets are made in
  // batches on other threads (generated on one, numbered and turned into rows on another)
  // while this one writes the previous batch. Names carry the run's seed so several runs can
  // share a database.
  SeedReport report;
  TRY_VOID(s.db.write([&](store::Executor& ex) -> Status {
    report = {};
    const Parties parties = TRY(seed_parties(ex, o, ts));
    TRY_VOID(ensure_policies(ex, actor, now));
    const sla::PolicyBook policies = TRY(load_policy_book(ex));
    const calendar::CalendarBook calendars = TRY(load_calendar_book(ex));
    report.organisations = static_cast<std::int64_t>(parties.orgs.size());
    report.agents = static_cast<std::int64_t>(parties.agents.size());
    if (o.tickets == 0) return {};

    const auto dialect = ex.dialect();
    const std::int64_t first_id = TRY(reserve_ids(ex, "tickets", o.tickets));
    // A load into a small (or empty) database: its tables' secondary indexes are built after
    // it, and an empty full-text index is built beside it.
    const bool into_small = first_id - 1 < o.tickets;
    std::vector<std::string> indexes;
    if (dialect == store::DialectKind::sqlite && into_small) {
      indexes = TRY(drop_secondary_indexes(ex));
    }
    std::unique_ptr<store::SearchBulkIndex> bulk;
    if (o.index && into_small && o.bulk_index) bulk = TRY(o.bulk_index(ex));
    // Numbers continue each (kind, year) counter; this unit holds the write lock, so nobody
    // else takes numbers until it has claimed the ones it used (below).
    std::map<std::pair<std::string, int>, std::int64_t> counters;
    for (const auto& r : TRY(ex.query("SELECT kind, year, last_sequence FROM ticket_counters"))) {
      counters[{r.text(0), static_cast<int>(r.i64(1))}] = r.i64(2);
    }
    std::map<std::pair<std::string, int>, std::int64_t> used;

    Generator generator(parties, plans, policies, calendars, now);
    // The tickets of the batch starting at `start`, generated from the run's seed and the
    // batch's position: the same tickets whenever the unit runs.
    auto generate = [&](std::int64_t start) -> Result<std::vector<Generated>> {
      const std::int64_t n = std::min<std::int64_t>(o.batch, o.tickets - start);
      std::mt19937_64 r(o.random_seed * 1000003 + static_cast<std::uint64_t>(start));
      std::vector<Generated> out;
      out.reserve(static_cast<std::size_t>(n));
      for (std::int64_t i = 0; i < n; ++i) {
        const auto offset = static_cast<std::int64_t>(static_cast<double>(start + i) * step);
        out.push_back(TRY(generator.make(r, first + Duration::of_seconds(offset))));
      }
      return out;
    };
    BatchQueue queue;
    std::thread maker([&] {
      std::int64_t id = first_id;
      std::future<Result<std::vector<Generated>>> upcoming =
          std::async(std::launch::async, generate, std::int64_t{0});
      for (std::int64_t start = 0; start < o.tickets;) {
        queue.take_back();
        auto batch = upcoming.get();
        if (!batch.ok()) {
          queue.push(batch.error());
          break;
        }
        const auto n = static_cast<std::int64_t>(batch->size());
        if (start + n < o.tickets) upcoming = std::async(std::launch::async, generate, start + n);
        for (auto& g : *batch) {
          g.id = id++;
          const auto& lc = g.plan->info->lifecycle;
          const std::pair<std::string, int> key{lc.kind, g.year};
          g.number = ticket::format_number(lc.prefix, g.year, counters[key] + ++used[key]);
        }
        std::vector<store::SearchBulkIndex::Document> documents;
        BatchRows rows = rows_of(dialect, o.index, *batch, bulk ? &documents : nullptr);
        if (bulk) bulk->add(std::move(documents));
        if (!queue.push(std::move(rows))) break;
        start += n;
      }
      if (upcoming.valid()) upcoming.wait();
      if (bulk) bulk->done();
      queue.close();
    });
    struct Join {
      BatchQueue& queue;
      std::thread& thread;
      ~Join() {
        queue.stop();
        thread.join();
      }
    } join{queue, maker};

    std::int64_t done = 0;
    while (auto rows = queue.pop()) {
      if (!rows->ok()) return rows->error();
      BatchRows& batch = **rows;
      TRY_VOID(batch.tickets.insert(ex));
      TRY_VOID(batch.events.insert(ex));
      TRY_VOID(batch.journal.insert(ex));
      TRY_VOID(batch.documents.insert(ex));
      // Thresholds still ahead (recent open tickets) get their jobs, as on the API.
      for (const auto& [id, clocks] : batch.running)
        TRY_VOID(schedule_sla_thresholds(ex, id, clocks, now));
      done += batch.count;
      queue.give_back(std::move(batch));
      if (progress) progress(done);
    }
    if (done != o.tickets) return Error(ErrorCode::internal, "seed: tickets went missing");
    for (const auto& [key, count] : used) {
      const std::int64_t from = TRY(reserve_numbers(ex, key.first, key.second, count));
      if (from != counters[key] + 1) {
        return Error(ErrorCode::internal, "seed: the ticket numbers changed during the seed");
      }
    }
    // The secondary indexes first: the side index finishes on its own thread meanwhile.
    TRY_VOID(create_indexes(ex, indexes));
    if (bulk) TRY_VOID(bulk->install(ex));
    report.tickets = done;
    return write_audit(ex, actor, now, "seed", 0, "seed",
                       {{"tickets", std::nullopt, std::to_string(report.tickets)},
                        {"organisations", std::nullopt, std::to_string(report.organisations)},
                        {"agents", std::nullopt, std::to_string(report.agents)}});
  }));
  return report;
}

}  // namespace fuwu::app
