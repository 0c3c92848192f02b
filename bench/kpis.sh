#!/usr/bin/env bash
# KPI and monthly statistics benchmark (issue 9, "Speed") on a database with N seeded work orders:
#   1. seed N work orders (fuwu seed --tickets 0 --work-orders N) unless --db has some already
#   2. the KPI dashboard of one service centre for last month: GET /api/v1/kpis (target ≤ 100 ms)
#   3. the same for the whole network (scope=all)
#   4. a month's statistics for all products: GET /api/v1/statistics/monthly (target ≤ 1 s)
#   5. the drill-down: the first page of a centre's on-time records
# Each request is timed with curl (--runs times, sequentially, warm cache after the first);
# reported: min / median / max in milliseconds.
# Usage: bench/kpis.sh [--work-orders 1000000] [--days 365] [--runs 20] [--db FILE|postgresql://…]
#   --days D    spread the seeded orders over D days (fewer orders over fewer days give a month as
#               full as 1,000,000 over a year: --work-orders 100000 --days 36)
#   --db FILE   use (and keep) this SQLite database; seeded when it has no work orders
#   --db postgresql://…   a fresh database on that server (fuwu_bench_<pid>), seeded, dropped at the end
#   FUWU_BIN selects the binary (default build/release/fuwu).
set -euo pipefail
cd "$(dirname "$0")/.."
orders=1000000 days=365 runs=20 db_arg=""
while (($#)); do
  case "$1" in
    --work-orders) orders="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --days) days="$2"; shift 2 ;;
    --db) db_arg="$2"; shift 2 ;;
    *) echo "usage: bench/kpis.sh [--work-orders N] [--days D] [--runs N] [--db FILE|URL]" >&2; exit 2 ;;
  esac
done
. bench/lib.sh
bench_database kpis "$db_arg"
bench_machine
if [ "$(sql 'SELECT COUNT(*) FROM work_order_facts')" = "0" ]; then
  echo "== fuwu seed --tickets 0 --work-orders $orders --days $days"
  /usr/bin/time -f '   %e s wall, %M KB peak' "$fuwu" seed --db "$db" --tickets 0 --work-orders "$orders" --days "$days" 2>&1 | grep -v 'work orders  \[' || true
fi
echo "== work orders: $(sql 'SELECT COUNT(*) FROM work_orders')$([[ "$db" =~ ^postgres ]] || echo ", file $(du -h "$db" | cut -f1)")"
login=kpibench$$
bench_token "$login" manager
bench_serve FUWU_JOBS_ENABLED=false

# The month with the most orders and the centre with the most orders in it.
month=$(sql "SELECT reported_month FROM work_order_facts GROUP BY reported_month ORDER BY COUNT(*) DESC LIMIT 1")  # the fullest month
centre=$(sql "SELECT service_centre_id FROM work_order_facts WHERE reported_month = '$month' GROUP BY service_centre_id ORDER BY COUNT(*) DESC LIMIT 1")
echo "== month $month, centre $centre ($(sql "SELECT COUNT(*) FROM work_order_facts WHERE reported_month = '$month' AND service_centre_id = $centre") orders of $(sql "SELECT COUNT(*) FROM work_order_facts WHERE reported_month = '$month'") in the month)"

measure() {  # title, path
  local times=() code
  for _ in $(seq "$runs"); do
    read -r code t < <(curl -s -o "$dir/body" -w '%{http_code} %{time_total}\n' -H "Authorization: Bearer $token" "$base$2")
    [ "$code" = 200 ] || { echo "   $1: HTTP $code $(head -c 300 "$dir/body")"; return; }
    times+=("$t")
  done
  printf '%s\n' "${times[@]}" | sort -n | awk -v title="$1" -v n="$runs" -v bytes="$(wc -c <"$dir/body")" '
    { v[NR] = $1 * 1000 } END { printf "   %-58s min %7.1f  median %7.1f  max %7.1f ms  (%d runs, %d bytes)\n", title, v[1], v[int((n + 1) / 2)], v[n], n, bytes }'
}
measure "KPI dashboard, one centre (GET /api/v1/kpis)" "/api/v1/kpis?scope=centre&id=$centre&month=$month"
measure "KPI dashboard, whole network (scope=all)" "/api/v1/kpis?scope=all&month=$month"
measure "monthly statistics, all products" "/api/v1/statistics/monthly?month=$month"
measure "drill-down: a centre's on-time records, first page" "/api/v1/kpis/records?scope=centre&id=$centre&month=$month&kpi=on_time"
measure "monthly statistics as XLSX" "/api/v1/statistics/monthly/$month.xlsx"
echo "== load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
