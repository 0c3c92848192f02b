#include "app/seed/seed.h"

#include <array>
#include <random>
#include <string>

#include "app/platform/audit.h"
#include "app/search/search.h"
#include "app/tickets/lifecycles.h"
#include "domain/ticket/number.h"
#include "domain/ticket/priority.h"

namespace fuwu::app {
namespace {

constexpr std::array kCompanies = {"华东电力设备", "华北机械制造", "南方电网运维", "西部能源科技",
                                   "长江物流",     "珠江数据服务", "东方重工",     "北方农机",
                                   "中原信息技术", "江南纺织"};
constexpr std::array kCities = {"上海", "北京", "广州", "成都", "武汉",
                                "杭州", "南京", "郑州", "西安", "重庆"};
constexpr std::array kFaults = {"服务器宕机，业务系统无法访问", "网络中断，办公区无法上网",
                                "打印机无法打印，任务一直排队", "邮件无法发送，提示SMTP认证失败",
                                "VPN 连接失败，提示证书过期",   "发电机组无法启动，启动电机无反应",
                                "蓄电池亏电，需要更换",         "充电发电机不发电",
                                "数据库响应缓慢，报表超时",     "ERP 登录失败 login failed",
                                "机房空调告警，温度过高",       "交换机端口频繁掉线",
                                "笔记本电脑蓝屏 blue screen",   "门禁系统读卡器故障",
                                "视频会议无声音 no audio"};
constexpr std::array kRequests = {
    "申请开通VPN账号",          "申请新员工电脑",         "申请邮箱容量扩容",
    "申请访问财务共享盘",       "申请安装 Office 软件",   "申请更换显示器",
    "Request a new phone line", "申请备用发电机年度保养", "申请机房参观权限"};
constexpr std::array kServices = {"办公网络", "邮件服务", "ERP系统",
                                  "打印服务", "数据中心", "售后服务"};
constexpr std::array kDetails = {
    "用户反映从今天上午九点开始出现问题，影响整个部门的日常工作。",
    "已尝试重启设备，问题依旧。请尽快安排工程师处理。",
    "The issue started after last night's maintenance window; several users are affected.",
    "现场联系人：王工，电话 138-0000-0000。设备序列号见附件。",
    "客户要求在24小时内到场处理，属于重点客户。"};

struct StateMix {
  const char* state;
  const char* category;
  int weight;
};
constexpr std::array kIncidentStates = {StateMix{"new", "new", 10},
                                        StateMix{"assigned", "open", 15},
                                        StateMix{"in_progress", "open", 20},
                                        StateMix{"pending_customer", "pending", 7},
                                        StateMix{"pending_supplier", "pending", 3},
                                        StateMix{"resolved", "resolved", 15},
                                        StateMix{"closed", "closed", 30}};
constexpr std::array kRequestStates = {StateMix{"new", "new", 10},
                                       StateMix{"awaiting_approval", "pending", 10},
                                       StateMix{"approved", "open", 10},
                                       StateMix{"in_progress", "open", 20},
                                       StateMix{"fulfilled", "resolved", 15},
                                       StateMix{"closed", "closed", 35}};

template <std::size_t N>
const StateMix& pick_state(const std::array<StateMix, N>& mix, std::mt19937_64& rng) {
  int total = 0;
  for (const auto& m : mix)
    total += m.weight;
  int r = static_cast<int>(rng() % static_cast<std::uint64_t>(total));
  for (const auto& m : mix) {
    if ((r -= m.weight) < 0) return m;
  }
  return mix[0];
}

template <typename T, std::size_t N>
const T& pick(const std::array<T, N>& a, std::mt19937_64& rng) {
  return a[rng() % N];
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
  SeedReport report;
  std::vector<std::int64_t> orgs, agents, groups;

  // Parties first, in one unit. Names carry the run's seed so several runs can share a database.
  TRY_VOID(s.db.write([&](store::Executor& ex) -> Status {
    orgs.clear();
    agents.clear();
    groups.clear();
    const std::string tag = std::to_string(o.random_seed % 100000);
    for (int i = 0; i < o.organisations; ++i) {
      const std::string name = std::string(kCities[static_cast<std::size_t>(i) % kCities.size()]) +
                               kCompanies[static_cast<std::size_t>(i / 10) % kCompanies.size()] +
                               "有限公司 " + tag + "-" + std::to_string(i + 1);
      auto r = TRY(ex.query(
          "INSERT INTO organisations (name, kind, created_at, updated_at) VALUES ($1, 'customer', "
          "$2, $2) RETURNING id",
          {name, ts}));
      orgs.push_back(r.at(0).i64(0));
    }
    const std::array<std::pair<const char*, int>, 3> lines = {std::pair{"服务台 Service desk", 1},
                                                              std::pair{"二线支持 2nd line", 2},
                                                              std::pair{"三线专家 3rd line", 3}};
    for (const auto& [name, line] : lines) {
      auto r = TRY(ex.query(
          "INSERT INTO groups (name, line, created_at, updated_at) VALUES ($1, $2, $3, $3) "
          "RETURNING id",
          {std::string(name) + " " + tag, std::int64_t{line}, ts}));
      groups.push_back(r.at(0).i64(0));
    }
    for (int i = 0; i < o.agents; ++i) {
      char login[40];
      std::snprintf(login, sizeof login, "agent%s-%04d", tag.c_str(), i + 1);
      auto r = TRY(ex.query(
          "INSERT INTO users (login, kind, display_name, role, created_at, updated_at) VALUES ($1, "
          "'contact', $2, 'agent', $3, $3) RETURNING id",
          {std::string(login), "工程师" + std::to_string(i + 1), ts}));
      agents.push_back(r.at(0).i64(0));
      TRY_VOID(ex.exec("INSERT INTO group_members (group_id, user_id) VALUES ($1, $2)",
                       {groups[static_cast<std::size_t>(i) % groups.size()], agents.back()}));
    }
    return {};
  }));
  report.organisations = static_cast<std::int64_t>(orgs.size());
  report.agents = static_cast<std::int64_t>(agents.size());

  const ticket::PriorityMatrix matrix;
  const int year = ticket::numbering_year(now);
  std::int64_t done = 0;
  while (done < o.tickets) {
    const std::int64_t n = std::min<std::int64_t>(o.batch, o.tickets - done);
    // One generator per batch, seeded from the run's seed: a retried unit regenerates the same
    // tickets, and the data does not depend on the batch size of earlier runs.
    const std::uint64_t batch_seed = o.random_seed * 1000003 + static_cast<std::uint64_t>(done);
    TRY_VOID(s.db.write([&](store::Executor& ex) -> Status {
      std::mt19937_64 r(batch_seed);
      for (const char* kind : {"incident", "request"}) {
        TRY_VOID(
            ex.exec("INSERT INTO ticket_counters (kind, year, last_sequence) VALUES ($1, $2, 0) "
                    "ON CONFLICT (kind, year) DO NOTHING",
                    {std::string(kind), std::int64_t{year}}));
      }
      for (std::int64_t i = 0; i < n; ++i) {
        const bool incident = r() % 10 < 7;
        const std::string kind = incident ? "incident" : "request";
        const auto& st = incident ? pick_state(kIncidentStates, r) : pick_state(kRequestStates, r);
        const int impact = 1 + static_cast<int>(r() % 3), urgency = 1 + static_cast<int>(r() % 3);
        const int priority = *ticket::priority_of(matrix, impact, urgency);
        const std::string title =
            incident ? std::string(pick(kFaults, r)) : std::string(pick(kRequests, r));
        const std::string description = std::string(pick(kDetails, r)) + " " + pick(kDetails, r);
        const Instant created =
            now - Duration::of_seconds(static_cast<std::int64_t>(r() % (365 * 86400)));
        const std::string created_ts = format_rfc3339(created);
        const bool open = std::string_view(st.category) != "resolved" &&
                          std::string_view(st.category) != "closed";
        const bool assigned = std::string_view(st.state) != "new";
        const std::int64_t group = groups[r() % groups.size()];
        const std::int64_t agent = agents[r() % agents.size()];
        auto seq = TRY(ex.query_one(
            "UPDATE ticket_counters SET last_sequence = last_sequence + 1 WHERE kind = $1 AND "
            "year = $2 RETURNING last_sequence",
            {kind, std::int64_t{year}}));
        const std::string number =
            ticket::format_number(incident ? "INC" : "REQ", year, seq->i64(0));
        auto row = TRY(ex.query(
            "INSERT INTO tickets (kind, number, title, description, organisation_id, service, "
            "impact, urgency, priority, state, state_category, group_id, assignee_id, channel, "
            "resolution, sla_due_at, created_at, updated_at, resolved_at, closed_at) VALUES ($1, "
            "$2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $17, $18, "
            "$19) RETURNING id",
            {kind, number, title, description, orgs[r() % orgs.size()],
             std::string(pick(kServices, r)), std::int64_t{impact}, std::int64_t{urgency},
             std::int64_t{priority}, std::string(st.state), std::string(st.category),
             assigned ? store::Value(group) : store::Value(store::Null{}),
             assigned ? store::Value(agent) : store::Value(store::Null{}),
             std::string(r() % 2 ? "phone" : "email"),
             open ? std::string() : std::string("已处理 resolved"),
             open ? store::Value(format_rfc3339(created + Duration::of_hours(4 + r() % 72)))
                  : store::Value(store::Null{}),
             created_ts, open ? store::Value(store::Null{}) : store::Value(created_ts),
             std::string_view(st.category) == "closed" ? store::Value(created_ts)
                                                       : store::Value(store::Null{})}));
        const std::int64_t id = row.at(0).i64(0);
        TRY_VOID(
            ex.exec("INSERT INTO ticket_events (ticket_id, at, event_type, data) VALUES ($1, $2, "
                    "'created', $3)",
                    {id, created_ts, "{\"priority\":" + std::to_string(priority) + "}"}));
        if (o.index) TRY_VOID(index_ticket(ex, id));
      }
      return {};
    }));
    done += n;
    if (progress) progress(done);
  }
  report.tickets = done;
  TRY_VOID(s.db.write([&](store::Executor& ex) -> Status {
    return write_audit(ex, actor, now, "seed", 0, "seed",
                       {{"tickets", std::nullopt, std::to_string(report.tickets)},
                        {"organisations", std::nullopt, std::to_string(report.organisations)},
                        {"agents", std::nullopt, std::to_string(report.agents)}});
  }));
  return report;
}

}  // namespace fuwu::app
