#include "app/seed/aftersales_seed.h"

#include <array>
#include <map>
#include <random>
#include <string>
#include <tuple>
#include <unordered_map>

#include "app/calendar/calendars.h"
#include "app/platform/audit.h"
#include "app/seed/bulk_insert.h"
#include "app/statistics/statistics.h"
#include "domain/kpi/kpi.h"
#include "domain/ticket/number.h"

namespace fuwu::app {
namespace {

struct ModelSpec {
  const char* code;
  const char* name_zh;
  const char* name_en;
};
struct LineSpec {
  const char* code;
  const char* name_zh;
  const char* name_en;
  std::array<ModelSpec, 3> models;
  std::array<const char*, 5> faults;
};

// Farm machinery and generator sets (seed 000: 金兴农机; seed 002: generator sets), with the
// faults their service reports name.
constexpr std::array<LineSpec, 4> kLines = {{
    {"harvester",
     "联合收割机",
     "Combine harvesters",
     {{{"4LZ-2.5", "4LZ-2.5 全喂入联合收割机", "4LZ-2.5 combine harvester"},
       {"4LZ-4.0", "4LZ-4.0 履带式联合收割机", "4LZ-4.0 tracked combine harvester"},
       {"4YZ-3", "4YZ-3 玉米收获机", "4YZ-3 corn harvester"}}},
     {"割台异响 / Header knocking noise", "脱粒滚筒堵塞 / Threshing drum clogged",
      "输送链条断裂 / Conveyor chain broken", "液压系统漏油 / Hydraulic oil leak",
      "卸粮搅龙不转 / Unloading auger stuck"}},
    {"tractor",
     "拖拉机",
     "Tractors",
     {{{"LX904", "LX904 轮式拖拉机", "LX904 wheeled tractor"},
       {"LX1204", "LX1204 轮式拖拉机", "LX1204 wheeled tractor"},
       {"SG250", "SG250 手扶拖拉机", "SG250 walking tractor"}}},
     {"发动机无法启动 / Engine will not start", "离合器打滑 / Clutch slipping",
      "变速箱异响 / Gearbox noise", "液压提升无力 / Weak hydraulic lift",
      "前桥漏油 / Front axle oil leak"}},
    {"genset",
     "发电机组",
     "Generator sets",
     {{{"GF-50", "GF-50 50kW 柴油发电机组", "GF-50 50 kW diesel generator set"},
       {"GF-200", "GF-200 200kW 柴油发电机组", "GF-200 200 kW diesel generator set"},
       {"GF-500", "GF-500 500kW 柴油发电机组", "GF-500 500 kW diesel generator set"}}},
     {"机组无法启动，启动电机无反应 / Set will not start, starter silent",
      "充电发电机不发电 / Alternator not charging", "输出电压不稳 / Unstable output voltage",
      "冒黑烟，功率不足 / Black smoke, low power", "水温过高报警 / High coolant temperature"}},
    {"engine",
     "柴油机",
     "Diesel engines",
     {{{"YC4D", "YC4D 四缸柴油机", "YC4D four-cylinder diesel engine"},
       {"YC6A", "YC6A 六缸柴油机", "YC6A six-cylinder diesel engine"},
       {"YC6K", "YC6K 国六柴油机", "YC6K China VI diesel engine"}}},
     {"蓄电池亏电 / Battery flat", "喷油器堵塞 / Injector clogged", "机油压力低 / Low oil pressure",
      "缸盖垫漏气 / Head gasket leak", "涡轮增压器漏油 / Turbocharger oil leak"}},
}};

struct PartSpec {
  const char* number;
  const char* name_zh;
  const char* name_en;
  std::int64_t price_cents;
};
constexpr std::array<PartSpec, 20> kParts = {{
    {"QDJ-12V", "启动机", "Starter", 85000},
    {"FDJ-28V", "充电发电机", "Alternator", 120000},
    {"XDC-120", "蓄电池", "Battery", 60000},
    {"PYQ-01", "喷油器", "Injector", 45000},
    {"JLQ-01", "机油滤清器", "Oil filter", 4500},
    {"KLQ-01", "空气滤清器", "Air filter", 6000},
    {"CLQ-01", "柴油滤清器", "Fuel filter", 5500},
    {"SSLT-08", "输送链条", "Conveyor chain", 38000},
    {"GD-76", "割刀", "Cutter blade", 12000},
    {"ZC-6205", "轴承 6205", "Bearing 6205", 2500},
    {"YYG-16", "液压油管", "Hydraulic hose", 9000},
    {"LHQ-280", "离合器片", "Clutch plate", 32000},
    {"GGD-4", "缸盖垫", "Head gasket", 15000},
    {"WLZY-60", "涡轮增压器", "Turbocharger", 260000},
    {"SB-40", "水泵", "Water pump", 42000},
    {"JWQ-82", "节温器", "Thermostat", 8000},
    {"TYQ-24", "电压调节器", "Voltage regulator", 38000},
    {"PD-A42", "三角皮带", "V-belt", 4000},
    {"CGQ-01", "转速传感器", "Speed sensor", 21000},
    {"JL-300", "卸粮搅龙", "Unloading auger", 90000},
}};

struct CentreSpec {
  const char* city_zh;
  const char* city_en;
  const char* region;
  double lat, lon;
};
constexpr std::array<CentreSpec, 31> kCentres = {{
    {"北京", "Beijing", "110101", 39.90, 116.40},
    {"天津", "Tianjin", "120101", 39.13, 117.20},
    {"石家庄", "Shijiazhuang", "130102", 38.04, 114.51},
    {"太原", "Taiyuan", "140105", 37.87, 112.55},
    {"呼和浩特", "Hohhot", "150102", 40.84, 111.75},
    {"沈阳", "Shenyang", "210102", 41.80, 123.43},
    {"长春", "Changchun", "220102", 43.82, 125.32},
    {"哈尔滨", "Harbin", "230102", 45.80, 126.53},
    {"上海", "Shanghai", "310101", 31.23, 121.47},
    {"南京", "Nanjing", "320102", 32.06, 118.80},
    {"杭州", "Hangzhou", "330102", 30.27, 120.16},
    {"合肥", "Hefei", "340102", 31.82, 117.23},
    {"福州", "Fuzhou", "350102", 26.07, 119.30},
    {"南昌", "Nanchang", "360102", 28.68, 115.86},
    {"济南", "Jinan", "370102", 36.65, 117.12},
    {"郑州", "Zhengzhou", "410102", 34.75, 113.62},
    {"武汉", "Wuhan", "420102", 30.59, 114.31},
    {"长沙", "Changsha", "430102", 28.23, 112.94},
    {"广州", "Guangzhou", "440103", 23.13, 113.26},
    {"南宁", "Nanning", "450102", 22.82, 108.32},
    {"海口", "Haikou", "460105", 20.04, 110.20},
    {"重庆", "Chongqing", "500103", 29.56, 106.55},
    {"成都", "Chengdu", "510104", 30.66, 104.07},
    {"贵阳", "Guiyang", "520102", 26.65, 106.63},
    {"昆明", "Kunming", "530102", 25.04, 102.71},
    {"拉萨", "Lhasa", "540102", 29.65, 91.14},
    {"西安", "Xi'an", "610102", 34.34, 108.94},
    {"兰州", "Lanzhou", "620102", 36.06, 103.83},
    {"西宁", "Xining", "630102", 36.62, 101.78},
    {"银川", "Yinchuan", "640104", 38.49, 106.23},
    {"乌鲁木齐", "Urumqi", "650102", 43.83, 87.62},
}};

constexpr std::array kSurnames = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴"};

struct Setup {
  std::vector<std::int64_t> orgs;
  std::vector<std::int64_t> models;          // by line * 3 + model
  std::vector<std::int64_t> unit_ids;        // ids of the units
  std::vector<std::size_t> unit_model;       // index into models
  std::vector<std::int64_t> unit_org;        // organisation of each unit
  std::vector<std::int64_t> unit_delivered;  // day number of delivery
  std::vector<std::int64_t> centres;
  std::vector<std::vector<std::int64_t>> engineers;  // per centre
  std::vector<std::int64_t> parts;
  std::int64_t warehouse = 0;
  std::vector<std::array<std::int64_t, 5>> fault_codes;  // per line, one per fault
};

// One order's rows and facts, computed without the database.
struct Event {
  Instant at;
  const char* type;
  std::string data;
};
// The repair sheet of an order that reached the site, its quote, the customer's complaint and
// the follow-up after closing (realistic proportions; see seed_aftersales).
struct Sheet {
  std::string phenomenon;
  std::int64_t fault_code = 0;
  bool repaired = false;
  bool signed_off = false;
  Instant updated;
};
struct Quote {
  std::string state;  // accepted | declined
  std::int64_t labour = 0, parts = 0, tax = 0, total = 0;
  std::int64_t part = -1;  // index into kParts, -1: none
  std::int64_t quantity = 0;
  Instant created;
  std::optional<Instant> decided, paid;
};
struct Complaint {
  Instant received;
  Instant due;
  bool major = false;
  bool closed = false;
  bool attributable = false;
  std::optional<Instant> closed_at;
};
struct FollowUp {
  Instant created, due, completed;
  bool satisfied = true;
  std::int64_t score = 5;
};

struct Order {
  std::int64_t id = 0;
  std::size_t unit = 0;
  std::int64_t centre = 0, engineer = 0, org = 0, model = 0;
  std::string kind, fault, state, category, title;
  bool in_warranty = true;
  Instant created;
  Date reported_on;
  std::optional<Instant> resolved, closed, due;
  std::vector<Event> events;
  kpi::OrderFacts facts;
  std::int64_t parts_cost = 0, fees = 0;
  std::vector<std::tuple<std::string, std::int64_t, std::int64_t>> movements;  // kind, part, qty
  std::int64_t year = 0;
  std::string number;
  std::optional<Sheet> sheet;
  std::optional<Quote> quote;
  std::optional<Complaint> complaint;
  std::optional<FollowUp> follow_up;
  // The fault the statistics group by: the sheet's phenomenon, else the fault as reported.
  std::string fact_fault() const { return sheet ? sheet->phenomenon : fault; }
};

struct LastRepair {
  std::int64_t ticket_id = 0;
  Instant resolved;
  std::int64_t centre = 0, engineer = 0, org = 0;
  std::string month;
  bool came_back = false;
};

using TallyKey = std::tuple<std::string, std::int64_t, std::string, std::string>;
using Tallies = std::map<TallyKey, std::pair<std::int64_t, std::int64_t>>;

void tally(Tallies& t, kpi::Tally which, const std::string& month, std::int64_t centre,
           std::int64_t engineer, std::int64_t org, std::int64_t num, std::int64_t den) {
  const std::string slug(kpi::tally_slug(which));
  auto add = [&](const char* scope, std::int64_t id) {
    auto& v = t[{scope, id, month, slug}];
    v.first += num;
    v.second += den;
  };
  add("all", 0);
  add("centre", centre);
  if (engineer) add("engineer", engineer);
  if (org) add("contract", org);
}

Result<Setup> seed_setup(store::Executor& ex, const AfterSalesSeedOptions& o, Instant now,
                         std::mt19937_64& r) {
  Setup s;
  const std::string ts = format_rfc3339(now);
  const std::string tag = std::to_string(o.random_seed % 100000);
  for (int i = 0; i < o.organisations; ++i) {
    const auto& c = kCentres[static_cast<std::size_t>(i) % kCentres.size()];
    auto row = TRY(ex.query(
        "INSERT INTO organisations (name, kind, created_at, updated_at) VALUES ($1, 'customer', "
        "$2, $2) RETURNING id",
        {std::string(c.city_zh) + "农机用户 " + tag + "-" + std::to_string(i + 1), ts}));
    s.orgs.push_back(row.at(0).i64(0));
  }
  for (std::size_t li = 0; li < kLines.size(); ++li) {
    const auto& line = kLines[li];
    auto l = TRY(ex.query(
        "INSERT INTO product_lines (code, name_zh, name_en, created_at, updated_at) VALUES ($1, "
        "$2, $3, $4, $4) RETURNING id",
        {std::string(line.code) + "-" + tag, line.name_zh, line.name_en, ts}));
    // The fault-code catalogue of the line: one code per fault it names (E101 … E405).
    auto& codes = s.fault_codes.emplace_back();
    for (std::size_t fi = 0; fi < line.faults.size(); ++fi) {
      const std::string fault = line.faults[fi];
      const auto cut = fault.find(" / ");
      auto row = TRY(ex.query(
          "INSERT INTO fault_codes (product_line_id, code, label_zh, label_en, created_at) "
          "VALUES ($1, $2, $3, $4, $5) RETURNING id",
          {l.at(0).i64(0), "E" + std::to_string(li + 1) + "0" + std::to_string(fi + 1),
           fault.substr(0, cut), fault.substr(cut + 3), ts}));
      codes[fi] = row.at(0).i64(0);
    }
    for (const auto& m : line.models) {
      auto row = TRY(ex.query(
          "INSERT INTO product_models (product_line_id, code, name_zh, name_en, warranty_start, "
          "warranty_months, created_at, updated_at) VALUES ($1, $2, $3, $4, "
          "'installation,delivery,sale', 12, $5, $5) RETURNING id",
          {l.at(0).i64(0), std::string(m.code) + "-" + tag, m.name_zh, m.name_en, ts}));
      s.models.push_back(row.at(0).i64(0));
    }
  }
  const std::int64_t today = (now.unix_seconds + 8 * 3600) / 86400;
  std::int64_t unit_id = TRY(reserve_ids(ex, "units", o.units));
  BulkInsert units(ex.dialect(), "units",
                   {{"id", "bigint"},
                    {"serial", "text"},
                    {"model_id", "bigint"},
                    {"organisation_id", "bigint"},
                    {"delivery_date", "text"},
                    {"created_at", "text"},
                    {"updated_at", "text"}});
  for (int i = 0; i < o.units; ++i) {
    const std::size_t model = r() % s.models.size();
    const std::int64_t org = s.orgs[r() % s.orgs.size()];
    const std::int64_t delivered = today - 30 - static_cast<std::int64_t>(r() % (5 * 365));
    char serial[48];
    std::snprintf(serial, sizeof serial, "JX%s-%07d", tag.c_str(), i + 1);
    units.row()
        .add(unit_id)
        .add(serial)
        .add(s.models[model])
        .add(org)
        .add(format_date(civil_from_days(delivered)))
        .add(ts)
        .add(ts);
    s.unit_ids.push_back(unit_id++);
    s.unit_model.push_back(model);
    s.unit_org.push_back(org);
    s.unit_delivered.push_back(delivered);
    if (i % 20000 == 19999) TRY_VOID(units.flush(ex));
  }
  TRY_VOID(units.flush(ex));
  for (int i = 0; i < o.centres; ++i) {
    const auto& c = kCentres[static_cast<std::size_t>(i) % kCentres.size()];
    char code[32];
    std::snprintf(code, sizeof code, "SC%s-%02d", tag.c_str(), i + 1);
    auto row = TRY(ex.query(
        "INSERT INTO service_centres (code, name_zh, name_en, address, region_code, latitude, "
        "longitude, territory, calendar, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, "
        "$7, $8, 'china-mainland', $9, $9) RETURNING id",
        {std::string(code), std::string(c.city_zh) + "服务中心",
         std::string(c.city_en) + " service centre", std::string(c.city_zh) + "市",
         std::string(c.region), c.lat, c.lon, std::string(c.region).substr(0, 2), ts}));
    s.centres.push_back(row.at(0).i64(0));
    s.engineers.emplace_back();
    for (int e = 0; e < o.engineers_per_centre; ++e) {
      char login[40];
      std::snprintf(login, sizeof login, "eng%s-%02d-%02d", tag.c_str(), i + 1, e + 1);
      auto u = TRY(ex.query(
          "INSERT INTO users (login, kind, display_name, role, created_at, updated_at) VALUES "
          "($1, 'user', $2, 'engineer', $3, $3) RETURNING id",
          {std::string(login),
           std::string(kSurnames[static_cast<std::size_t>(e) % kSurnames.size()]) + "工 " +
               c.city_zh + std::to_string(e + 1),
           ts}));
      const std::int64_t uid = u.at(0).i64(0);
      TRY_VOID(ex.exec(
          "INSERT INTO engineers (user_id, service_centre_id, skills, created_at, updated_at) "
          "VALUES ($1, $2, 'harvester,tractor,genset,engine', $3, $3)",
          {uid, s.centres.back(), ts}));
      s.engineers.back().push_back(uid);
    }
  }
  auto wh = TRY(ex.query(
      "INSERT INTO warehouses (code, name_zh, kind, created_at, updated_at) VALUES ($1, $2, "
      "'central', $3, $3) RETURNING id",
      {"WH" + tag + "-C", std::string("中心库 ") + tag, ts}));
  s.warehouse = wh.at(0).i64(0);
  for (const auto& p : kParts) {
    auto row = TRY(ex.query(
        "INSERT INTO parts (number, name_zh, name_en, price_cents, returnable, created_at, "
        "updated_at) VALUES ($1, $2, $3, $4, 1, $5, $5) RETURNING id",
        {std::string(p.number) + "-" + tag, p.name_zh, p.name_en, p.price_cents, ts}));
    s.parts.push_back(row.at(0).i64(0));
    TRY_VOID(ex.exec(
        "INSERT INTO stock_levels (warehouse_id, part_id, condition, quantity) VALUES ($1, $2, "
        "'good', 100000)",
        {s.warehouse, s.parts.back()}));
  }
  return s;
}

class Generator {
 public:
  Generator(const Setup& s, const calendar::Calendar& cal, Instant now)
      : s_(s), cal_(cal), now_(now) {}

  Instant working(Instant from, std::int64_t seconds) const {
    auto t = cal_.deadline(from, Duration::of_seconds(seconds));
    return t ? *t : from + Duration::of_seconds(seconds);
  }

  Order make(std::mt19937_64& r, Instant created, std::vector<LastRepair>& last,
             std::vector<std::int64_t>& came_back, Tallies& tallies) {
    Order o;
    o.created = created;
    o.unit = r() % s_.unit_ids.size();
    const std::size_t model = s_.unit_model[o.unit];
    const auto& line = kLines[model / 3];
    o.model = s_.models[model];
    o.org = s_.unit_org[o.unit];
    const std::size_t centre = r() % s_.centres.size();
    o.centre = s_.centres[centre];
    const int k = static_cast<int>(r() % 100);
    o.kind = k < 85   ? "repair"
             : k < 93 ? "maintenance"
             : k < 97 ? "installation"
             : k < 99 ? "inspection"
                      : "training";
    const std::size_t fault_index = r() % line.faults.size();
    o.fault = o.kind == "repair"         ? line.faults[fault_index]
              : o.kind == "maintenance"  ? "定期保养 / Scheduled maintenance"
              : o.kind == "installation" ? "安装调试 / Installation and commissioning"
              : o.kind == "inspection"   ? "巡检 / Inspection"
                                         : "操作培训 / Operator training";
    const std::int64_t day = (created.unix_seconds + 8 * 3600) / 86400;
    o.reported_on = civil_from_days(day);
    o.in_warranty = day - s_.unit_delivered[o.unit] <= 365;
    o.title =
        "JX-" + std::to_string(s_.unit_ids[o.unit]) + " " + o.fault.substr(0, o.fault.find(" / "));
    o.year = ticket::numbering_year(created);
    const bool quote = o.kind == "repair" && !o.in_warranty;
    const bool old = now_ - created > Duration::of_hours(24 * 10);

    // The intended end, then the timeline on the working calendar.
    const int end = static_cast<int>(r() % 100);
    std::string target = "closed";
    if (end < 4) target = "cancelled";
    if (end >= 4 && end < 6 && quote) target = "declined";
    if (old && end >= 94) target = end % 2 ? "signed" : "followed_up";
    const bool wait = o.kind == "repair" && r() % 100 < 15;
    const std::int64_t resp = 900 + static_cast<std::int64_t>(r() % (r() % 5 == 0 ? 43200 : 14400));
    const int lateness = static_cast<int>(r() % 100);
    const std::int64_t arr = lateness < 88 ? 3600 + static_cast<std::int64_t>(r() % (20 * 3600))
                             : lateness < 92
                                 ? 21 * 3600 + static_cast<std::int64_t>(r() % 10800)
                                 : 24 * 3600 + static_cast<std::int64_t>(r() % (30 * 3600));
    const std::int64_t fix = arr + 1800 + static_cast<std::int64_t>(r() % (6 * 3600)) +
                             (wait ? 8 * 3600 + static_cast<std::int64_t>(r() % (32 * 3600)) : 0);
    o.due = working(created, 24 * 3600);
    const Instant answered = working(created, resp);
    const Instant arrived = std::max(working(created, arr), answered + Duration::of_seconds(60));
    const Instant repaired = std::max(working(created, fix), arrived + Duration::of_seconds(1800));

    auto state = [&](Instant at, const std::string& from, const std::string& to) {
      o.events.push_back(
          {at, "state_changed", "{\"from\":\"" + from + "\",\"to\":\"" + to + "\"}"});
    };
    o.events.push_back({created, "created", "{\"priority\":3}"});
    std::string at_state = "reported";
    auto go = [&](Instant at, const std::string& to) {
      if (at > now_) return false;
      state(at, at_state, to);
      at_state = to;
      return true;
    };
    bool answered_done = false, arrived_done = false;
    o.engineer =
        s_.engineers[centre].empty() ? 0 : s_.engineers[centre][r() % s_.engineers[centre].size()];
    [&] {
      if (target == "declined") {
        if (!go(created + Duration::of_seconds(1800), "quoted")) return;
        if (go(created + Duration::of_seconds(86400 + static_cast<std::int64_t>(r() % 86400)),
               "declined"))
          o.closed = o.events.back().at;
        return;
      }
      if (quote) {
        if (!go(created, "quoted") || !go(created, "quote_accepted")) return;
      }
      if (target == "cancelled") {
        if (go(created + Duration::of_seconds(3600 + static_cast<std::int64_t>(r() % 86400)),
               "cancelled"))
          o.closed = o.events.back().at;
        return;
      }
      const Instant dispatched = std::min(
          answered, created + Duration::of_seconds(300 + static_cast<std::int64_t>(r() % 3600)));
      if (!go(dispatched, "dispatched")) return;
      if (!go(std::min(answered, dispatched + Duration::of_seconds(120)), "accepted")) return;
      if (answered > now_) return;
      o.events.push_back({answered, "public_reply", "{}"});
      answered_done = true;
      if (!go(answered, "appointed")) return;
      if (!go(std::max(answered, arrived - Duration::of_seconds(1800)), "on_the_way")) return;
      if (!go(arrived, "on_site")) return;
      o.events.push_back({arrived, "arrived_on_site", "{}"});
      arrived_done = true;
      if (wait) {
        if (!go(arrived + Duration::of_seconds(900), "waiting_parts")) return;
        if (!go(repaired - Duration::of_seconds(1200), "on_site")) return;
      }
      if (!go(repaired, "repaired")) return;
      o.resolved = repaired;
      if (!go(repaired + Duration::of_seconds(1800), "signed")) return;
      if (target == "signed") return;
      const Instant followed =
          repaired + Duration::of_seconds(86400 + static_cast<std::int64_t>(r() % (2 * 86400)));
      if (!go(followed, "followed_up")) return;
      if (target == "followed_up") return;
      if (go(followed + Duration::of_seconds(3600), "closed")) o.closed = o.events.back().at;
    }();
    o.state = at_state;
    const bool cancelled = o.state == "cancelled" || o.state == "declined";
    o.category = cancelled || o.state == "closed" ? "closed"
                 : o.state == "repaired" || o.state == "signed" || o.state == "followed_up"
                     ? "resolved"
                 : o.state == "reported"                             ? "new"
                 : o.state == "quoted" || o.state == "waiting_parts" ? "pending"
                                                                     : "open";
    if (o.state == "reported" || o.state == "quoted" || o.state == "quote_accepted" ||
        target == "declined" || target == "cancelled") {
      o.engineer = 0;
    }

    // Parts on repairs that reached the site: issued, and the faulty one returned.
    if (o.kind == "repair" && arrived_done && r() % 100 < 45) {
      const std::size_t p = r() % kParts.size();
      const std::int64_t qty = 1 + static_cast<std::int64_t>(r() % 2);
      o.movements.emplace_back("issue", static_cast<std::int64_t>(p), qty);
      if (kParts[p].price_cents >= 20000)
        o.movements.emplace_back("faulty_return", static_cast<std::int64_t>(p), 1);
      o.parts_cost = qty * kParts[p].price_cents;
      o.fees = o.in_warranty ? 0 : o.parts_cost;
    }

    // The repair sheet of every order that reached the site: the phenomenon as found (the
    // fault's Chinese name; one in ten found to be another fault of the line) and its code.
    if (arrived_done) {
      Sheet sh;
      if (o.kind == "repair") {
        const std::size_t found = r() % 10 == 0 ? r() % line.faults.size() : fault_index;
        const std::string name = line.faults[found];
        sh.phenomenon = name.substr(0, name.find(" / "));
        sh.fault_code = s_.fault_codes[model / 3][found];
      } else {
        sh.phenomenon = o.fault.substr(0, o.fault.find(" / "));
      }
      sh.repaired = o.resolved.has_value();
      sh.signed_off = o.state == "signed" || o.state == "followed_up" || o.state == "closed";
      sh.updated = o.resolved ? *o.resolved : arrived;
      o.sheet = sh;
    }
    // Out-of-warranty repairs are quoted (labour, the part, 13 % VAT); accepted ones are paid
    // once repaired.
    if (quote) {
      Quote q;
      q.created = created;
      q.state = target == "declined" ? "declined" : "accepted";
      q.labour = 20000 + static_cast<std::int64_t>(r() % 5) * 10000;
      if (!o.movements.empty()) {
        q.part = std::get<1>(o.movements.front());
        q.quantity = std::get<2>(o.movements.front());
        q.parts = o.parts_cost;
      }
      q.tax = (q.labour + q.parts) * 13 / 100;
      q.total = q.labour + q.parts + q.tax;
      if (o.events.size() > 1) q.decided = o.events[1].at;
      if (q.state == "declined") q.decided = o.closed;
      if (q.state == "accepted" && o.resolved) q.paid = *o.resolved + Duration::of_seconds(1800);
      o.fees = q.paid ? q.total : 0;
      if (q.state == "declined") o.fees = o.parts_cost;  // none: declined before any visit
      o.quote = q;
    }
    // About 2 % of the orders draw a complaint a few days after the report; those received more
    // than 8 days ago are closed, about 60 % of them found attributable to the service.
    if (r() % 1000 < 20) {
      Complaint c;
      c.received =
          created + Duration::of_seconds(3600 + static_cast<std::int64_t>(r() % (5 * 86400)));
      if (c.received <= now_) {
        auto due = cal_.deadline_days(c.received, 5);
        c.due = due.ok() ? *due : c.received + Duration::of_hours(7 * 24);
        c.major = r() % 20 == 0;
        c.closed = now_ - c.received > Duration::of_hours(8 * 24);
        c.attributable = r() % 10 < 6;
        if (c.closed) {
          c.closed_at = c.received +
                        Duration::of_seconds(86400 + static_cast<std::int64_t>(r() % (5 * 86400)));
        }
        o.complaint = c;
      }
    }
    // Every order closed after its follow-up call (回访) has the call's outcome.
    if (o.state == "closed" || o.state == "followed_up") {
      FollowUp fu;
      fu.created = *o.resolved + Duration::of_hours(24);
      fu.due = fu.created + Duration::of_hours(48);
      fu.completed = std::min(now_, *o.resolved + Duration::of_hours(36));
      fu.score = 3 + static_cast<std::int64_t>(r() % 3);
      fu.satisfied = r() % 100 < 95;
      if (!fu.satisfied) fu.score = 2;
      o.follow_up = fu;
    }

    auto& f = o.facts;
    f.repair = o.kind == "repair";
    f.cancelled = cancelled;
    f.reported_month = format_date(o.reported_on).substr(0, 7);
    f.due_month = kpi::month_of(*o.due);
    if (!cancelled) {
      if (arrived_done) {
        f.on_time = arrived <= *o.due;
      } else if (o.resolved) {
        f.on_time = *o.resolved <= *o.due;
      } else if (*o.due < now_ && o.state != "quoted" && o.state != "waiting_parts") {
        f.on_time = false;
      }
    }
    if (answered_done) {
      f.responded_month = kpi::month_of(answered);
      f.response_seconds = resp;
    }
    if (o.resolved && !cancelled) {
      f.resolved_month = kpi::month_of(*o.resolved);
      f.repair_seconds = fix;
      f.waited_for_parts = wait;
    }
    for (const auto& c : kpi::contributions(f)) {
      tally(tallies, c.tally, c.month, o.centre, o.engineer, o.org, c.numerator, c.denominator);
    }
    // A repair of a unit repaired within the last 30 days: the earlier repair came back.
    if (f.repair && !cancelled) {
      auto& prev = last[o.unit];
      if (prev.ticket_id && !prev.came_back &&
          created - prev.resolved <= Duration::of_hours(30 * 24)) {
        prev.came_back = true;
        came_back.push_back(prev.ticket_id);
        tally(tallies, kpi::Tally::repeat_repair, prev.month, prev.centre, prev.engineer, prev.org,
              1, 0);
      }
    }
    return o;
  }

 private:
  const Setup& s_;
  const calendar::Calendar& cal_;
  Instant now_;
};

// The repair sheet, the quote with its lines and its payment, and the follow-up of one seeded
// order.
void add_care_rows(const Order& ord, BulkInsert& sheets, BulkInsert& quotes,
                   BulkInsert& quote_lines, BulkInsert& quote_payments, std::int64_t& quote_id,
                   BulkInsert& follow_ups) {
  if (ord.sheet) {
    const auto& sh = *ord.sheet;
    sheets.row().add(ord.id).add(sh.phenomenon).id(sh.fault_code);
    if (sh.repaired) {
      sheets.add("磨损老化 / Wear")
          .add("更换并调试，自检正常 / Replaced and adjusted")
          .add("passed");
    } else {
      sheets.add("").add("").add("");
    }
    if (sh.signed_off) {
      sheets.add("satisfied").add("用户 / Customer").add(format_rfc3339(sh.updated));
    } else {
      sheets.add("").add("").null();
    }
    sheets.add(format_rfc3339(sh.updated));
  }
  if (ord.quote) {
    const auto& q = *ord.quote;
    const auto time = [](const std::optional<Instant>& t) {
      return t ? std::optional(format_rfc3339(*t)) : std::nullopt;
    };
    quotes.row()
        .add(quote_id)
        .add(ord.id)
        .add(q.state)
        .add(std::int64_t{1300})
        .add(q.labour + q.parts)
        .add(q.tax)
        .add(q.total)
        .add("customer")
        .opt(time(q.decided));
    if (q.paid) {
      quotes.add(q.total).add("transfer").add(format_rfc3339(*q.paid));
      quote_payments.row()
          .add(quote_id)
          .add(q.total)
          .add("transfer")
          .add(format_rfc3339(*q.paid))
          .add(format_rfc3339(*q.paid));
    } else {
      quotes.null().add("").null();
    }
    quotes.add(format_rfc3339(q.created));
    quote_lines.row()
        .add(quote_id)
        .add(std::int64_t{1})
        .add("labour")
        .add("维修工时 / Labour")
        .null()
        .add(std::int64_t{1000})
        .add(q.labour)
        .add(q.labour);
    if (q.part >= 0) {
      const auto& p = kParts[static_cast<std::size_t>(q.part)];
      quote_lines.row()
          .add(quote_id)
          .add(std::int64_t{2})
          .add("part")
          .add(p.name_zh)
          .null()
          .add(q.quantity * 1000)
          .add(p.price_cents)
          .add(q.parts);
    }
    ++quote_id;
  }
  if (ord.follow_up) {
    const auto& fu = *ord.follow_up;
    follow_ups.row()
        .add(ord.org)
        .add("work_order")
        .add(ord.id)
        .add("seed:" + std::to_string(ord.id))
        .add("phone")
        .add("done")
        .add("china-mainland")
        .add(format_rfc3339(fu.due))
        .add(std::int64_t{1})
        .add(std::int64_t{fu.satisfied ? 1 : 0})
        .add(fu.score)
        .add(format_rfc3339(fu.created))
        .add(format_rfc3339(fu.completed));
  }
}

}  // namespace

Result<AfterSalesSeedReport> seed_aftersales(Services& services,
                                             const AfterSalesSeedOptions& options,
                                             const std::function<void(std::int64_t)>& progress) {
  AfterSalesSeedOptions o = options;
  if (o.units == 0) o.units = static_cast<int>(std::max<std::int64_t>(1000, o.work_orders));
  if (o.work_orders < 0 || o.centres < 1 || o.engineers_per_centre < 1 || o.units < 1 ||
      o.organisations < 1 || o.batch < 1 || o.days < 1) {
    return Error(ErrorCode::validation_failed,
                 "work orders ≥ 0; centres, engineers per centre, units, organisations ≥ 1");
  }
  const Actor actor = Actor::system("cli");
  const Instant now = services.clock.now();
  std::mt19937_64 r(o.random_seed * 7919 + 17);
  Setup setup;
  std::shared_ptr<const calendar::Calendar> cal;
  TRY_VOID(services.db.write([&](store::Executor& ex) -> Status {
    setup = TRY(seed_setup(ex, o, now, r));
    auto stored = TRY(find_calendar(ex, "china-mainland"));
    if (!stored) return Error(ErrorCode::not_found, "the china-mainland calendar is missing");
    cal = TRY(build_calendar(stored->spec));
    return {};
  }));
  AfterSalesSeedReport report;
  report.centres = static_cast<std::int64_t>(setup.centres.size());
  report.units = static_cast<std::int64_t>(setup.unit_ids.size());
  for (const auto& e : setup.engineers)
    report.engineers += static_cast<std::int64_t>(e.size());

  Generator generator(setup, *cal, now);
  std::vector<LastRepair> last(setup.unit_ids.size());
  Tallies tallies;
  const std::int64_t span = std::int64_t{o.days} * 86400;
  const double step =
      o.work_orders > 0 ? static_cast<double>(span) / static_cast<double>(o.work_orders) : 0.0;
  const Instant first = now - Duration::of_seconds(span);
  std::int64_t done = 0;
  while (done < o.work_orders) {
    const std::int64_t n = std::min<std::int64_t>(o.batch, o.work_orders - done);
    std::vector<Order> batch;
    std::vector<std::int64_t> came_back;
    batch.reserve(static_cast<std::size_t>(n));
    TRY_VOID(services.db.write([&](store::Executor& ex) -> Status {
      batch.clear();
      came_back.clear();
      // The orders' ids, then room for their complaints' tickets (about 2 %; any beyond the room
      // are not seeded). Unused ids are a harmless gap.
      const std::int64_t room = n / 10 + 16;
      std::int64_t id = TRY(reserve_ids(ex, "tickets", n + room));
      const std::int64_t complaint_first = id + n;
      std::int64_t complaints_seen = 0;
      for (std::int64_t i = 0; i < n; ++i) {
        const auto offset = static_cast<std::int64_t>(static_cast<double>(done + i) * step);
        Order ord =
            generator.make(r, first + Duration::of_seconds(offset), last, came_back, tallies);
        ord.id = id++;
        if (ord.complaint && ++complaints_seen > room) ord.complaint.reset();
        if (ord.facts.repair && ord.resolved && !ord.facts.cancelled) {
          last[ord.unit] = {ord.id,       *ord.resolved, ord.centre,
                            ord.engineer, ord.org,       *ord.facts.resolved_month,
                            false};
        }
        batch.push_back(std::move(ord));
      }
      std::map<std::int64_t, std::int64_t> wanted, next;
      for (const auto& ord : batch)
        ++wanted[ord.year];
      for (const auto& [year, count] : wanted) {
        next[year] = TRY(reserve_numbers(ex, "work_order", static_cast<int>(year), count));
      }
      const auto d = ex.dialect();
      BulkInsert tickets(d, "tickets",
                         {{"id", "bigint"},
                          {"kind", "text"},
                          {"number", "text"},
                          {"title", "text"},
                          {"description", "text"},
                          {"organisation_id", "bigint"},
                          {"priority", "integer"},
                          {"state", "text"},
                          {"state_category", "text"},
                          {"assignee_id", "bigint"},
                          {"channel", "text"},
                          {"resolution", "text"},
                          {"created_at", "text"},
                          {"updated_at", "text"},
                          {"resolved_at", "text"},
                          {"closed_at", "text"}});
      BulkInsert orders(d, "work_orders",
                        {{"ticket_id", "bigint"},
                         {"wo_kind", "text"},
                         {"unit_id", "bigint"},
                         {"fault", "text"},
                         {"service_centre_id", "bigint"},
                         {"reported_on", "text"},
                         {"in_warranty", "integer"},
                         {"quote_required", "integer"},
                         {"target_rule", "text"},
                         {"time_basis", "text"},
                         {"calendar", "text"},
                         {"road_factor", "real"},
                         {"tier", "text"},
                         {"onsite_hours", "integer"},
                         {"answer_hours", "integer"},
                         {"target_explanation_zh", "text"},
                         {"target_explanation_en", "text"}});
      BulkInsert events(
          d, "ticket_events",
          {{"ticket_id", "bigint"}, {"at", "text"}, {"event_type", "text"}, {"data", "text"}});
      BulkInsert facts(d, "work_order_facts",
                       {{"ticket_id", "bigint"},
                        {"organisation_id", "bigint"},
                        {"service_centre_id", "bigint"},
                        {"engineer_id", "bigint"},
                        {"unit_id", "bigint"},
                        {"model_id", "bigint"},
                        {"fault", "text"},
                        {"wo_kind", "text"},
                        {"in_warranty", "integer"},
                        {"cancelled", "integer"},
                        {"reported_month", "text"},
                        {"due_at", "text"},
                        {"due_month", "text"},
                        {"on_time", "integer"},
                        {"responded_month", "text"},
                        {"response_seconds", "bigint"},
                        {"resolved_at", "text"},
                        {"resolved_month", "text"},
                        {"repair_seconds", "bigint"},
                        {"waited_for_parts", "integer"},
                        {"came_back", "integer"},
                        {"parts_cost_cents", "bigint"},
                        {"fees_cents", "bigint"},
                        {"fault_code_id", "bigint"}});
      BulkInsert moves(d, "stock_movements",
                       {{"kind", "text"},
                        {"part_id", "bigint"},
                        {"quantity", "integer"},
                        {"condition", "text"},
                        {"from_warehouse_id", "bigint"},
                        {"to_warehouse_id", "bigint"},
                        {"work_order_id", "bigint"},
                        {"created_at", "text"}});
      BulkInsert policies(d, "ticket_sla_policies", {{"ticket_id", "bigint"}, {"policy", "text"}});
      BulkInsert sheets(d, "repair_sheets",
                        {{"work_order_id", "bigint"},
                         {"fault_phenomenon", "text"},
                         {"fault_code_id", "bigint"},
                         {"cause", "text"},
                         {"solution", "text"},
                         {"self_check", "text"},
                         {"customer_verdict", "text"},
                         {"signer_name", "text"},
                         {"signed_at", "text"},
                         {"updated_at", "text"}});
      BulkInsert quotes(d, "quotes",
                        {{"id", "bigint"},
                         {"work_order_id", "bigint"},
                         {"state", "text"},
                         {"tax_rate_bp", "integer"},
                         {"subtotal", "bigint"},
                         {"tax", "bigint"},
                         {"total", "bigint"},
                         {"decided_by", "text"},
                         {"decided_at", "text"},
                         {"paid_amount", "bigint"},
                         {"payment_method", "text"},
                         {"paid_at", "text"},
                         {"created_at", "text"}});
      BulkInsert quote_payments(d, "quote_payments",
                                {{"quote_id", "bigint"},
                                 {"amount", "bigint"},
                                 {"method", "text"},
                                 {"paid_at", "text"},
                                 {"created_at", "text"}});
      BulkInsert quote_lines(d, "quote_lines",
                             {{"quote_id", "bigint"},
                              {"position", "integer"},
                              {"kind", "text"},
                              {"description", "text"},
                              {"part_id", "bigint"},
                              {"quantity_milli", "bigint"},
                              {"unit_price", "bigint"},
                              {"amount", "bigint"}});
      BulkInsert complaints(d, "complaints",
                            {{"ticket_id", "bigint"},
                             {"organisation_id", "bigint"},
                             {"channel", "text"},
                             {"about", "text"},
                             {"severity", "text"},
                             {"work_order_id", "bigint"},
                             {"engineer_id", "bigint"},
                             {"is_complaint", "integer"},
                             {"cause", "text"},
                             {"attributable", "integer"},
                             {"human_factor", "integer"},
                             {"remedy", "text"},
                             {"solution", "text"},
                             {"carried_out_at", "text"},
                             {"customer_informed_at", "text"},
                             {"improvement_action", "text"},
                             {"calendar", "text"},
                             {"received_at", "text"},
                             {"due_at", "text"},
                             {"closed_at", "text"}});
      BulkInsert follow_ups(d, "follow_ups",
                            {{"organisation_id", "bigint"},
                             {"source", "text"},
                             {"source_ticket_id", "bigint"},
                             {"dedupe_key", "text"},
                             {"method", "text"},
                             {"state", "text"},
                             {"calendar", "text"},
                             {"due_at", "text"},
                             {"reached", "integer"},
                             {"satisfied", "integer"},
                             {"score", "integer"},
                             {"created_at", "text"},
                             {"completed_at", "text"}});
      std::int64_t quote_id = 0, complaint_id = complaint_first;
      std::map<std::int64_t, std::int64_t> complaint_numbers;
      {
        std::int64_t nq = 0;
        std::map<std::int64_t, std::int64_t> per_year;
        for (const auto& ord : batch) {
          nq += ord.quote ? 1 : 0;
          if (ord.complaint) ++per_year[ticket::numbering_year(ord.complaint->received)];
        }
        if (nq) quote_id = TRY(reserve_ids(ex, "quotes", nq));
        for (const auto& [year, count] : per_year) {
          complaint_numbers[year] =
              TRY(reserve_numbers(ex, "complaint", static_cast<int>(year), count));
        }
      }
      for (auto& ord : batch) {
        ord.number = ticket::format_number("WO", static_cast<int>(ord.year), next[ord.year]++);
        const auto opt_time = [](const std::optional<Instant>& t) {
          return t ? std::optional(format_rfc3339(*t)) : std::nullopt;
        };
        const std::string updated = format_rfc3339(ord.events.back().at);
        tickets.row()
            .add(ord.id)
            .add("work_order")
            .add(ord.number)
            .add(ord.title)
            .add(ord.fault)
            .id(ord.org)
            .add(std::int64_t{3})
            .add(ord.state)
            .add(ord.category)
            .id(ord.engineer)
            .add("phone")
            .add(ord.resolved ? "已修复 / Repaired" : "")
            .add(format_rfc3339(ord.created))
            .add(updated)
            .opt(opt_time(ord.resolved))
            .opt(opt_time(ord.closed));
        orders.row()
            .add(ord.id)
            .add(ord.kind)
            .add(setup.unit_ids[ord.unit])
            .add(ord.fault)
            .add(ord.centre)
            .add(format_date(ord.reported_on))
            .add(std::int64_t{ord.in_warranty ? 1 : 0})
            .add(std::int64_t{ord.kind == "repair" && !ord.in_warranty ? 1 : 0})
            .add("distance_tier")
            .add("working")
            .add("china-mainland")
            .add("1.3")
            .add("<=300 km")
            .add(std::int64_t{24})
            .add(std::int64_t{24})
            .add("≤300 公里档：24 个工作小时内到场")
            .add("tier <=300 km: on site within 24 working hours");
        for (const auto& e : ord.events) {
          events.row().add(ord.id).add(format_rfc3339(e.at)).add(e.type).add(e.data);
        }
        const auto& f = ord.facts;
        facts.row()
            .add(ord.id)
            .id(ord.org)
            .add(ord.centre)
            .id(ord.engineer)
            .add(setup.unit_ids[ord.unit])
            .add(ord.model)
            .add(ord.fact_fault())
            .add(ord.kind)
            .add(std::int64_t{ord.in_warranty ? 1 : 0})
            .add(std::int64_t{f.cancelled ? 1 : 0})
            .add(f.reported_month)
            .opt(opt_time(ord.due))
            .opt(f.due_month);
        if (f.on_time) {
          facts.add(std::int64_t{*f.on_time ? 1 : 0});
        } else {
          facts.null();
        }
        facts.opt(f.responded_month)
            .add(f.response_seconds)
            .opt(f.resolved_month ? opt_time(ord.resolved) : std::nullopt)
            .opt(f.resolved_month)
            .add(f.repair_seconds)
            .add(std::int64_t{f.waited_for_parts ? 1 : 0})
            .add(std::int64_t{0})
            .add(ord.parts_cost)
            .add(ord.fees)
            .id(ord.sheet ? ord.sheet->fault_code : 0);
        for (const auto& [kind, part, qty] : ord.movements) {
          const bool faulty = kind == "faulty_return";
          moves.row()
              .add(kind)
              .add(setup.parts[static_cast<std::size_t>(part)])
              .add(qty)
              .add(faulty ? "faulty" : "good");
          if (faulty) {
            moves.null().add(setup.warehouse);
          } else {
            moves.add(setup.warehouse).null();
          }
          moves.add(ord.id).add(
              format_rfc3339(ord.resolved ? *ord.resolved : ord.events.back().at));
        }
        if (ord.category != "closed" && ord.category != "resolved") {
          policies.row().add(ord.id).add(
              "{\"policies\":[{\"id\":\"work-order\",\"name\":\"工单响应目标 / Work order response "
              "targets\",\"pause_states\":[\"quoted\",\"waiting_parts\"],\"targets\":[{\"kind\":"
              "\"first_response\",\"calendar\":\"china-mainland\",\"working_hours\":24},{\"kind\":"
              "\"onsite\",\"calendar\":\"china-mainland\",\"working_hours\":24}]}]}");
        }
        add_care_rows(ord, sheets, quotes, quote_lines, quote_payments, quote_id, follow_ups);
        if (ord.complaint) {
          const auto& c = *ord.complaint;
          const auto year = ticket::numbering_year(c.received);
          const std::string received = format_rfc3339(c.received);
          const auto closed = opt_time(c.closed_at);
          tickets.row()
              .add(complaint_id)
              .add("complaint")
              .add(ticket::format_number("CMP", static_cast<int>(year), complaint_numbers[year]++))
              .add("投诉：" + ord.number + " 维修不及时 / Complaint about " + ord.number)
              .add("用户反映维修后仍有故障，上门不及时 / The fault came back; the visit was late")
              .id(ord.org)
              .add(std::int64_t{c.major ? 2 : 3})
              .add(c.closed ? "closed" : "with_head")
              .add(c.closed ? "closed" : "open")
              .null()
              .add("phone")
              .add(c.closed ? "已处理 / Resolved" : "")
              .add(received)
              .add(closed ? *closed : received)
              .opt(closed)
              .opt(closed);
          complaints.row()
              .add(complaint_id++)
              .add(ord.org)
              .add("call")
              .add("work_order")
              .add(c.major ? "major" : "normal")
              .add(ord.id)
              .id(ord.engineer)
              .add(std::int64_t{1});
          if (c.closed) {
            complaints
                .add(c.attributable ? "工程师未按约定时间上门 / The engineer came late"
                                    : "用户操作不当 / Operated wrongly")
                .add(std::int64_t{c.attributable ? 1 : 0})
                .add(std::int64_t{c.attributable ? 1 : 0})
                .add("免费复检并赠送保养一次 / A free check and service")
                .add("重新维修，回访确认 / Repaired again, confirmed by a call")
                .opt(closed)
                .opt(closed)
                .add("按时上门纳入考核 / Punctuality added to the engineer's review");
          } else {
            complaints.add("").null().null().add("").add("").null().null().add("");
          }
          complaints.add("china-mainland").add(received).add(format_rfc3339(c.due)).opt(closed);
        }
      }
      TRY_VOID(tickets.flush(ex));
      TRY_VOID(orders.flush(ex));
      TRY_VOID(events.flush(ex));
      TRY_VOID(facts.flush(ex));
      TRY_VOID(moves.flush(ex));
      TRY_VOID(policies.flush(ex));
      TRY_VOID(sheets.flush(ex));
      TRY_VOID(quotes.flush(ex));
      TRY_VOID(quote_lines.flush(ex));
      TRY_VOID(quote_payments.flush(ex));
      TRY_VOID(complaints.flush(ex));
      TRY_VOID(follow_ups.flush(ex));
      // Earlier repairs that came back; those of this batch are updated the same way.
      for (std::size_t i = 0; i < came_back.size(); i += 500) {
        std::string ids;
        for (std::size_t j = i; j < std::min(came_back.size(), i + 500); ++j) {
          ids += (ids.empty() ? "" : ",") + std::to_string(came_back[j]);
        }
        TRY_VOID(
            ex.exec("UPDATE work_order_facts SET came_back = 1 WHERE ticket_id IN (" + ids + ")"));
      }
      return {};
    }));
    for (const auto& ord : batch) {
      report.stock_movements += static_cast<std::int64_t>(ord.movements.size());
      report.repair_sheets += ord.sheet ? 1 : 0;
      report.quotes += ord.quote ? 1 : 0;
      report.complaints += ord.complaint ? 1 : 0;
      report.follow_ups += ord.follow_up ? 1 : 0;
    }
    done += n;
    if (progress) progress(done);
  }
  report.work_orders = done;
  TRY_VOID(services.db.write([&](store::Executor& ex) -> Status {
    for (const auto& [key, v] : tallies) {
      const auto& [scope, id, month, which] = key;
      TRY_VOID(ex.exec(
          "INSERT INTO kpi_tallies (scope, scope_id, month, tally, numerator, denominator) "
          "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (scope, scope_id, month, tally) DO UPDATE "
          "SET numerator = kpi_tallies.numerator + excluded.numerator, "
          "denominator = kpi_tallies.denominator + excluded.denominator",
          {scope, id, month, which, v.first, v.second}));
    }
    TRY_VOID(rebuild_statistics_tallies(ex));  // the facts were written directly
    return write_audit(ex, actor, now, "seed", 0, "seed_aftersales",
                       {{"work_orders", std::nullopt, std::to_string(report.work_orders)},
                        {"centres", std::nullopt, std::to_string(report.centres)},
                        {"units", std::nullopt, std::to_string(report.units)}});
  }));
  return report;
}

}  // namespace fuwu::app
