#include <charconv>
#include <cstdio>

#include "app/tickets/ticket_scope.h"
#include "app/views/views.h"

namespace fuwu::app {
namespace {

constexpr int kMaxLimit = 100;

std::uint64_t signature_of(const SavedView& v) {
  std::uint64_t h = 14695981039346656037ull;
  for (unsigned char c : std::to_string(v.id) + "/" + std::to_string(v.version) + "/" + v.sort) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

std::string hex(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) {
    out += kDigits[c >> 4];
    out += kDigits[c & 15];
  }
  return out;
}

// Where the next page starts: the last row's sort value and id. `phase` 1 of the sla_due sort
// walks the tickets without a running clock (after all those with one).
struct Position {
  int phase = 0;
  std::string value;
  std::int64_t id = 0;
};

// "<signature>.<phase>.<hex value>.<id>"
std::string encode(std::uint64_t signature, const Position& at) {
  char sig[17];
  std::snprintf(sig, sizeof sig, "%016llx", static_cast<unsigned long long>(signature));
  return std::string(sig) + "." + std::to_string(at.phase) + "." + hex(at.value) + "." +
         std::to_string(at.id);
}

Result<Position> decode(std::string_view cursor, std::uint64_t signature) {
  auto bad = [](std::string message) {
    return Error(ErrorCode::invalid_request, message)
        .with_field("cursor", "invalid", std::move(message));
  };
  std::string_view parts[4];
  std::string_view rest = cursor;
  for (int i = 0; i < 4; ++i) {
    const auto dot = rest.find('.');
    if (i < 3 && dot == std::string_view::npos) return bad("the cursor is malformed");
    parts[i] = i < 3 ? rest.substr(0, dot) : rest;
    if (i < 3) rest = rest.substr(dot + 1);
  }
  std::uint64_t sig = 0;
  auto [end, ec] = std::from_chars(parts[0].data(), parts[0].data() + parts[0].size(), sig, 16);
  if (ec != std::errc() || end != parts[0].data() + parts[0].size() || parts[0].size() != 16) {
    return bad("the cursor is malformed");
  }
  if (sig != signature) return bad("the cursor belongs to another query");
  Position at;
  if (parts[1] != "0" && parts[1] != "1") return bad("the cursor is malformed");
  at.phase = parts[1] == "1" ? 1 : 0;
  if (parts[2].size() % 2 != 0 || parts[2].size() > 200) return bad("the cursor is malformed");
  for (std::size_t i = 0; i < parts[2].size(); i += 2) {
    unsigned byte = 0;
    auto [e, c] = std::from_chars(parts[2].data() + i, parts[2].data() + i + 2, byte, 16);
    if (c != std::errc() || e != parts[2].data() + i + 2) return bad("the cursor is malformed");
    at.value += static_cast<char>(byte);
  }
  auto [e2, c2] = std::from_chars(parts[3].data(), parts[3].data() + parts[3].size(), at.id);
  if (c2 != std::errc() || e2 != parts[3].data() + parts[3].size() || at.id < 0) {
    return bad("the cursor is malformed");
  }
  return at;
}

}  // namespace

Result<ViewTicketPage> list_view_tickets(store::Executor& ex, const Actor& actor, std::int64_t id,
                                         const std::string& cursor, int limit) {
  const SavedView v = TRY(visible_view(ex, actor, id));
  const std::uint64_t signature = signature_of(v);
  std::optional<Position> from;
  if (!cursor.empty()) from = TRY(decode(cursor, signature));
  limit = std::clamp(limit, 1, kMaxLimit);

  // The actor's reach, narrowed by the view's filters, then the sort's keyset condition.
  std::vector<store::Value> base_params;
  const auto scope = TRY(ticket_read_scope(actor.principal, "", base_params));
  std::string where = " WHERE 1 = 1";
  if (!scope.condition.empty()) where += " AND " + scope.condition;
  where += ticket_filter_sql(v.filter, "", base_params);

  ViewTicketPage page;
  // Runs one keyset query; returns the rows (up to limit + 1).
  auto run = [&](const std::string& condition, std::vector<store::Value> extra,
                 const std::string& order) -> Result<store::Rows> {
    std::vector<store::Value> params = base_params;
    std::string sql = ticket_select() + where;
    std::string cond = condition;
    for (auto& value : extra) {
      params.push_back(std::move(value));
      const std::string placeholder = "$" + std::to_string(params.size());
      cond.replace(cond.find('?'), 1, placeholder);
    }
    sql += cond + " ORDER BY " + order + " LIMIT " + std::to_string(limit + 1);
    return ex.query(sql, params);
  };
  auto take = [&](const store::Rows& rows) {
    for (const auto& r : rows) {
      if (static_cast<int>(page.items.size()) == limit) {
        // The position of the last row shown: its sort value, and for sla_due its phase.
        const Ticket& last = page.items.back();
        Position at{0, "", last.id};
        if (v.sort == "sla_due") {
          if (last.sla_due_at) {
            at.value = format_rfc3339(*last.sla_due_at);
          } else {
            at.phase = 1;
          }
        }
        if (v.sort == "updated") at.value = format_rfc3339(last.updated_at);
        page.next_cursor = encode(signature, at);
        return;
      }
      page.items.push_back(ticket_from_row(r));
    }
  };
  if (v.sort == "sla_due") {
    // Running clocks first, earliest deadline first; then the rest by id. Each phase walks the
    // index (group_id, state, sla_due_at, id) of a queue in order.
    if (!from || from->phase == 0) {
      auto rows = from ? TRY(run(" AND sla_due_at IS NOT NULL AND (sla_due_at, id) > (?, ?)",
                                 {from->value, from->id}, "sla_due_at, id"))
                       : TRY(run(" AND sla_due_at IS NOT NULL", {}, "sla_due_at, id"));
      take(rows);
    }
    if (static_cast<int>(page.items.size()) < limit && !page.next_cursor) {
      const std::int64_t after = from && from->phase == 1 ? from->id : 0;
      auto rows = TRY(run(" AND sla_due_at IS NULL AND id > ?", {after}, "id"));
      take(rows);
    }
  } else if (v.sort == "updated") {
    auto rows = from ? TRY(run(" AND (updated_at, id) < (?, ?)", {from->value, from->id},
                               "updated_at DESC, id DESC"))
                     : TRY(run("", {}, "updated_at DESC, id DESC"));
    take(rows);
  } else {
    auto rows = TRY(run(" AND id < ?", {from ? from->id : INT64_MAX}, "id DESC"));
    take(rows);
  }
  return page;
}

}  // namespace fuwu::app
