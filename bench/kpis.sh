#!/usr/bin/env bash
# KPI, monthly statistics and survey report benchmark (issue 9, "Speed") on a database with N
# seeded work orders (with their repair sheets, quotes, complaints and follow-ups) and R survey
# responses:
#   1. seed them (fuwu seed --tickets 0 --work-orders N --survey-responses R) unless --db has some
#   2. the KPI dashboard of one service centre for the fullest month: GET /api/v1/kpis (≤ 100 ms)
#   3. the same for the whole network (scope=all)
#   4. a month's statistics for all products: GET /api/v1/statistics/monthly (target ≤ 1 s)
#   5. the drill-down: the first page of a centre's on-time records
#   6. the statistics as XLSX and as PDF
#   7. the survey campaign's report: GET /api/v1/surveys/campaigns/{id}/report (target ≤ 200 ms)
# Each request is timed with curl (--runs times, sequentially, warm cache after the first);
# reported: min / median / max in milliseconds, and the server's CPU time per request (user +
# system, /proc: what the request costs whatever else the machine runs; on PostgreSQL also the
# database backends' CPU). On SQLite the query plans of the statistics' reads are printed.
# Usage: bench/kpis.sh [--work-orders 1000000] [--responses 100000] [--days 365] [--runs 20]
#                      [--db FILE|postgresql://…]
#   --days D    spread the seeded orders over D days (fewer orders over fewer days give a month as
#               full as 1,000,000 over a year: --work-orders 100000 --days 36)
#   --db FILE   use (and keep) this SQLite database; seeded when it has no work orders
#   --db postgresql://…   a fresh database on that server (fuwu_bench_<pid>), seeded, dropped at the end
#   FUWU_BIN selects the binary (default build/release/fuwu).
set -euo pipefail
cd "$(dirname "$0")/.."
orders=1000000 responses=100000 days=365 runs=20 db_arg=""
while (($#)); do
  case "$1" in
    --work-orders) orders="$2"; shift 2 ;;
    --responses) responses="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --days) days="$2"; shift 2 ;;
    --db) db_arg="$2"; shift 2 ;;
    *) echo "usage: bench/kpis.sh [--work-orders N] [--responses R] [--days D] [--runs N] [--db FILE|URL]" >&2; exit 2 ;;
  esac
done
. bench/lib.sh
bench_database kpis "$db_arg"
bench_machine
if [ "$(sql 'SELECT COUNT(*) FROM work_order_facts')" = "0" ]; then
  echo "== fuwu seed --tickets 0 --work-orders $orders --days $days --survey-responses $responses"
  /usr/bin/time -f '   %e s wall, %U s user, %S s system, %M KB peak' "$fuwu" seed --db "$db" --tickets 0 --work-orders "$orders" --days "$days" --survey-responses "$responses" 2>&1 | grep -v '\[' || true
  [ -n "$pg_server" ] && psql -X -q -d "$db" -c 'VACUUM ANALYZE' >/dev/null
fi
echo "== work orders: $(sql 'SELECT COUNT(*) FROM work_orders'), repair sheets $(sql 'SELECT COUNT(*) FROM repair_sheets'), quotes $(sql 'SELECT COUNT(*) FROM quotes'), complaints $(sql 'SELECT COUNT(*) FROM complaints'), follow-ups $(sql 'SELECT COUNT(*) FROM follow_ups'), survey responses $(sql 'SELECT COUNT(*) FROM survey_responses')$([[ "$db" =~ ^postgres ]] || echo ", file $(du -h "$db" | cut -f1)")"
bench_token "kpiagent$$" agent  # the survey report (survey.read)
agent_token=$token
bench_token "kpibench$$" manager
bench_serve FUWU_JOBS_ENABLED=false

# The month with the most orders and the centre with the most orders in it.
month=$(sql "SELECT reported_month FROM work_order_facts GROUP BY reported_month ORDER BY COUNT(*) DESC LIMIT 1")  # the fullest month
centre=$(sql "SELECT service_centre_id FROM work_order_facts WHERE reported_month = '$month' GROUP BY service_centre_id ORDER BY COUNT(*) DESC LIMIT 1")
echo "== month $month, centre $centre ($(sql "SELECT COUNT(*) FROM work_order_facts WHERE reported_month = '$month' AND service_centre_id = $centre") orders of $(sql "SELECT COUNT(*) FROM work_order_facts WHERE reported_month = '$month'") in the month)"

measure() {  # title, path
  local times=() code cpu0 db0
  cpu0=$(cpu_ms)
  db0=$(db_cpu_ms)
  for _ in $(seq "$runs"); do
    read -r code t < <(curl -s -o "$dir/body" -w '%{http_code} %{time_total}\n' -H "Authorization: Bearer $token" "$base$2")
    [ "$code" = 200 ] || { echo "   $1: HTTP $code $(head -c 300 "$dir/body")"; return; }
    times+=("$t")
  done
  local cpu=$(($(cpu_ms) - cpu0)) db=$(($(db_cpu_ms) - db0))
  printf '%s\n' "${times[@]}" | sort -n | awk -v title="$1" -v n="$runs" -v bytes="$(wc -c <"$dir/body")" -v cpu="$cpu" -v db="$db" -v pg="$pg_server" '
    { v[NR] = $1 * 1000 } END { printf "   %-52s min %7.1f  median %7.1f  max %7.1f ms, CPU %6.1f ms/request%s  (%d runs, %d bytes)\n", title, v[1], v[int((n + 1) / 2)], v[n], cpu / n, pg == "" ? "" : sprintf(" + PostgreSQL %.1f", db / n), n, bytes }'
}
campaign=$(sql 'SELECT campaign_id FROM survey_responses GROUP BY campaign_id ORDER BY COUNT(*) DESC LIMIT 1')
measure "KPI dashboard, one centre (GET /api/v1/kpis)" "/api/v1/kpis?scope=centre&id=$centre&month=$month"
measure "KPI dashboard, whole network (scope=all)" "/api/v1/kpis?scope=all&month=$month"
measure "monthly statistics, all products" "/api/v1/statistics/monthly?month=$month"
measure "drill-down: a centre's on-time records, first page" "/api/v1/kpis/records?scope=centre&id=$centre&month=$month&kpi=on_time"
measure "monthly statistics as XLSX" "/api/v1/statistics/monthly/$month.xlsx"
measure "monthly statistics as PDF" "/api/v1/statistics/monthly/$month.pdf"
if [ -n "$campaign" ]; then
  echo "== survey campaign $campaign: $(sql "SELECT COUNT(*) FROM survey_responses WHERE campaign_id = $campaign") responses"
  token=$agent_token measure "survey campaign report (GET …/report)" "/api/v1/surveys/campaigns/$campaign/report"
fi
if [ -z "$pg_server" ]; then
  echo "== query plans (SQLite EXPLAIN QUERY PLAN)"
  for q in "SELECT key_id, key_text, orders FROM statistics_tallies WHERE month = '$month' AND dimension = 'product' AND orders <> 0 ORDER BY orders DESC, key_id, key_text LIMIT 500" \
           "SELECT part_id, COUNT(DISTINCT CASE WHEN kind IN ('consumption', 'issue') THEN work_order_id END), SUM(quantity) FROM stock_movements WHERE created_at >= '$month-01' AND created_at < '$month-32' AND kind IN ('consumption', 'issue', 'faulty_return', 'unused_return') GROUP BY part_id" \
           "SELECT COUNT(*) FROM complaints WHERE received_at >= '$month-01' AND received_at < '$month-32' AND COALESCE(is_complaint, 1) = 1"; do
    echo "   $q" | cut -c1-150
    sqlite3 "$db" "EXPLAIN QUERY PLAN $q" | sed 's/^/      /'
  done
fi
echo "== load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
