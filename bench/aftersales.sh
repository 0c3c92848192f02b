#!/usr/bin/env bash
# After-sales benchmark (issue 8, "Speed"), with wrk on loopback:
#   1. automatic dispatch choosing among N engineers (default 1,000): GET
#      /api/v1/work-orders/{id}/dispatch-candidates at one connection (the whole use case: four
#      set-wise queries, calendars, distances, the ranking, and the JSON of every candidate)
#   2. creating work orders over HTTP (warranty check, serving centre, distance tier, SLA clocks,
#      audit, outbox, search index) at 64 connections
#   3. stock movements over HTTP (receipts: guarded stock update, movement row, audit, outbox)
# Usage: bench/aftersales.sh [--engineers 1000] [--duration 20s] [--connections 64] [--threads 2]
#                            [--db postgresql://…]
#   --db postgresql://…   a fresh database on that server (fuwu_bench_<pid>), dropped at the end
#                         (e.g. scripts/pg run sh -c 'bench/aftersales.sh --db "$FUWU_TEST_PG_URL"')
#   FUWU_BIN selects the binary (default build/release/fuwu).
# The machine's load average is printed before and after: on a shared machine it says how much of
# the two cores the run had.
set -euo pipefail
cd "$(dirname "$0")/.."
engineers=1000 duration=20s connections=64 threads=2 db_arg=""
while (($#)); do
  case "$1" in
    --engineers) engineers="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    --connections) connections="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --db) db_arg="$2"; shift 2 ;;
    *) echo "usage: bench/aftersales.sh [--engineers N] [--duration 20s] [--connections 64] [--threads 2] [--db URL]" >&2; exit 2 ;;
  esac
done
. bench/lib.sh
bench_database aftersales "$db_arg"
command -v wrk >/dev/null || { echo "bench/aftersales.sh: wrk is missing (scripts/setup installs it)" >&2; exit 1; }
bench_machine
bench_token bench agent
bench_serve
api() {  # method path json → the response's "id"
  curl -sf "${auth[@]}" -X "$1" -H 'Content-Type: application/json' -d "$3" "$base$2" |
    /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])'
}

# The network: a customer's site in Deyang, one harvester unit, centres covering Sichuan.
org=$(api POST /api/v1/organisations '{"name":"基准农机合作社","kind":"customer"}')
site=$(api POST "/api/v1/organisations/$org/sites" '{"name":"旌阳区","region_code":"510603","latitude":31.13,"longitude":104.39}')
line=$(api POST /api/v1/products '{"code":"harvester","name_zh":"联合收割机"}')
model=$(api POST "/api/v1/products/$line/models" '{"code":"H1","name_zh":"H1","warranty_months":24}')
api POST /api/v1/units "{\"serial\":\"B-0001\",\"model_id\":$model,\"organisation_id\":$org,\"site_id\":$site,\"installation_date\":\"$(date -u +%F)\"}" >/dev/null
centres=()
for i in $(seq 0 9); do
  centres+=("$(api POST /api/v1/service-centres "{\"code\":\"C$i\",\"name_zh\":\"服务中心 $i\",\"region_code\":\"510107\",\"latitude\":$((28 + i)).5,\"longitude\":104.0,\"territory\":[\"51\"]}")")
done
# N engineers over the ten centres (users and engineer rows in bulk; skills vary, a tenth lack
# the skill), with some absences and open load so that every rule is exercised.
now=$(date -u +%Y-%m-%dT%H:%M:%SZ)
sql "INSERT INTO users (login, display_name, role, created_at, updated_at)
     SELECT 'eng' || x, '工程师 ' || x, 'engineer', '$now', '$now' FROM (
       WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < $engineers) SELECT x FROM n) s"
sql "INSERT INTO engineers (user_id, service_centre_id, skills, active, created_at, updated_at)
     SELECT u.id, ${centres[0]} + (u.id % 10), CASE WHEN u.id % 10 = 3 THEN 'tractor' ELSE 'harvester' END, 1, '$now', '$now'
     FROM users u WHERE u.role = 'engineer'"
sql "INSERT INTO engineer_absences (engineer_id, starts_on, ends_on, reason, created_at)
     SELECT user_id, '2000-01-01', '2999-12-31', '长期病假', '$now' FROM engineers WHERE user_id % 17 = 0"
echo "== engineers: $(sql 'SELECT COUNT(*) FROM engineers') in $(sql 'SELECT COUNT(*) FROM service_centres') centres, $(sql 'SELECT COUNT(*) FROM engineer_absences') absent"
wo=$(api POST /api/v1/work-orders '{"serial":"B-0001","fault":"基准：割台异响"}')
at=$(date -u -d 'next thursday 02:00' +%Y-%m-%dT%H:%M:%SZ)

run() {  # title, wrk arguments...
  local c=$connections t=$threads
  if [ "$1" = "-c1" ]; then c=1 t=1; shift; fi
  echo "== $1  (-t$t -c$c -d$duration)"
  shift
  wrk -t"$t" -c"$c" -d"$duration" --latency "${auth[@]}" "$@" |
    grep -E 'Latency  |50%|99%|Requests/sec|Non-2xx|Socket errors'
}
run -c1 "automatic dispatch: candidates among $engineers engineers (GET dispatch-candidates, one connection)" \
  "$base/api/v1/work-orders/$wo/dispatch-candidates?at=$at"
echo "   chosen: $(curl -sf "${auth[@]}" "$base/api/v1/work-orders/$wo/dispatch-candidates?at=$at" | /usr/bin/python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["chosen_engineer_id"], "of", len(d["candidates"]), "-", sum(c["eligible"] for c in d["candidates"]), "eligible")')"

cat >"$dir/wo.lua" <<LUA
request = function()
  return wrk.format("POST", "/api/v1/work-orders", nil, '{"serial":"B-0001","fault":"压测：液压无力","channel":"phone"}')
end
LUA
before=$(sql "SELECT COUNT(*) FROM work_orders")
run "POST /api/v1/work-orders (warranty, centre, distance tier, SLA clocks)" -s "$dir/wo.lua" -H 'Content-Type: application/json' "$base/api/v1/work-orders"
echo "== work orders created: $(($(sql 'SELECT COUNT(*) FROM work_orders') - before))"

part=$(api POST /api/v1/parts '{"number":"QDJ-12V","name_zh":"启动机 12V","price_cents":48000}')
wh=$(api POST /api/v1/warehouses '{"code":"WH-HQ","name_zh":"总部中心库","kind":"central"}')
cat >"$dir/move.lua" <<LUA
request = function()
  return wrk.format("POST", "/api/v1/stock-movements", nil, '{"kind":"receipt","part_id":$part,"quantity":1,"to_warehouse_id":$wh}')
end
LUA
run "POST /api/v1/stock-movements (receipts)" -s "$dir/move.lua" -H 'Content-Type: application/json' "$base/api/v1/stock-movements"
echo "== stock after the run: $(sql "SELECT quantity FROM stock_levels WHERE part_id = $part"), movements $(sql 'SELECT COUNT(*) FROM stock_movements')"
echo "== load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
