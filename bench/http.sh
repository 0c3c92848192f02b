#!/usr/bin/env bash
# HTTP load benchmark of the release binary with wrk on loopback:
#   1. authenticated GET of one record (bearer token)
#   2. authenticated POST that durably writes a record (synchronous=FULL, group commit)
# Usage: bench/http.sh [--duration 20s] [--connections 64] [--threads 2] [--db URL] [--nodes N]
#   --db postgresql://user@host:port/db   run on PostgreSQL: a fresh database (fuwu_bench_<pid>)
#                                         is created on that server and dropped at the end
#                                         (e.g. scripts/pg run sh -c 'bench/http.sh --db "$FUWU_TEST_PG_URL"')
#   --nodes N                             PostgreSQL only: N `fuwu serve` nodes on the database;
#                                         the GET run drives all of them at once (one wrk per
#                                         node, connections split) and prints the summed rate
#   FUWU_BIN selects the binary (default build/release/fuwu).
# Prints wrk's report for each and the average commit batch size from /metrics.
set -euo pipefail
cd "$(dirname "$0")/.."
duration=20s connections=64 threads=2
while (($#)); do
  case "$1" in
    --duration) duration="$2"; shift 2 ;;
    --connections) connections="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --db) pg_server="$2"; shift 2 ;;
    --nodes) nodes="$2"; shift 2 ;;
    *) echo "usage: bench/http.sh [--duration 20s] [--connections 64] [--threads 2] [--db URL] [--nodes N]" >&2; exit 2 ;;
  esac
done
pg_server=${pg_server:-} nodes=${nodes:-1}
fuwu=${FUWU_BIN:-build/release/fuwu}
[ -x "$fuwu" ] || scripts/build release
command -v wrk >/dev/null || { echo "bench/http.sh: wrk is missing (scripts/setup installs it)" >&2; exit 1; }

dir=$(mktemp -d)
pids=()
db="$dir/b.db"
if [ -n "$pg_server" ]; then
  dbname="fuwu_bench_$$"
  psql -X -q -d "$pg_server" -c "CREATE DATABASE $dbname" >/dev/null
  db=$(/usr/bin/python3 -c 'import sys, urllib.parse as u; p = u.urlsplit(sys.argv[1]); print(u.urlunsplit(p._replace(path="/" + sys.argv[2])))' "$pg_server" "$dbname")
fi
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null && wait "$p" 2>/dev/null; done
  [ -n "$pg_server" ] && psql -X -q -d "$pg_server" -c "DROP DATABASE IF EXISTS $dbname WITH (FORCE)" >/dev/null 2>&1
  rm -rf "$dir"
}
trap cleanup EXIT

"$fuwu" migrate --db "$db" >/dev/null
echo 'bench-passw0rd' | "$fuwu" user add bench --role admin --password-stdin --db "$db" >/dev/null
token=$("$fuwu" token create bench --db "$db" 2>/dev/null | head -1)
ports=()
for n in $(seq "$nodes"); do
  port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  FUWU_HTTP_ACCESS_LOG=false "$fuwu" serve --db "$db" --port "$port" 2>"$dir/server$n.log" &
  pids+=($!)
  ports+=("$port")
  for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
done
port=${ports[0]}
base="http://127.0.0.1:$port"
id=$(curl -sf -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
  -d '{"name":"基准测试客户 Benchmark Customer","kind":"customer","region_code":"310000"}' \
  "$base/api/v1/organisations" | sed -E 's/^\{"id":([0-9]+).*/\1/')

cat >"$dir/post.lua" <<'LUA'
local counter = 0
local threads = 0
function setup(thread) threads = threads + 1; thread:set("tid", threads) end
function request()
  counter = counter + 1
  local body = '{"name":"压测客户-' .. tid .. '-' .. counter .. '","kind":"customer"}'
  return wrk.format("POST", "/api/v1/organisations", nil, body)
end
LUA

echo "== machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -r)"
echo "== database: ${pg_server:+PostgreSQL $(psql -X -At -d "$pg_server" -c 'SHOW server_version'), }$([ -n "$pg_server" ] && echo "$nodes node(s)" || echo SQLite)"
echo "== GET /api/v1/organisations/$id  (-t$threads -c$connections -d$duration)"
if [ "$nodes" -eq 1 ]; then
  wrk -t"$threads" -c"$connections" -d"$duration" --latency -H "Authorization: Bearer $token" "$base/api/v1/organisations/$id"
else
  wrk_pids=()
  for n in $(seq "$nodes"); do
    wrk -t1 -c$((connections / nodes)) -d"$duration" --latency -H "Authorization: Bearer $token" \
      "http://127.0.0.1:${ports[$((n - 1))]}/api/v1/organisations/$id" >"$dir/wrk$n.txt" &
    wrk_pids+=($!)
  done
  wait "${wrk_pids[@]}"
  for n in $(seq "$nodes"); do echo "-- node $n"; grep -E 'Requests/sec|Latency  |99%' "$dir/wrk$n.txt"; done
  echo "== all $nodes nodes: $(awk '/Requests\/sec/{s+=$2} END{printf "%.0f", s}' "$dir"/wrk*.txt) requests/s"
fi
before=$(curl -sf "$base/metrics" | awk '/^fuwu_db_commit_batch_size_(sum|count)/{print $2}' | paste -sd' ')
if [ -n "$pg_server" ]; then
  durability="PostgreSQL synchronous_commit=$(psql -X -At -d "$pg_server" -c 'SHOW synchronous_commit'), fsync=$(psql -X -At -d "$pg_server" -c 'SHOW fsync')"
else
  durability="synchronous=FULL"
fi
echo "== POST /api/v1/organisations  (-t$threads -c$connections -d$duration, $durability)"
wrk -t"$threads" -c"$connections" -d"$duration" --latency -s "$dir/post.lua" \
  -H "Authorization: Bearer $token" -H 'Content-Type: application/json' "$base/api/v1/organisations"
after=$(curl -sf "$base/metrics" | awk '/^fuwu_db_commit_batch_size_(sum|count)/{print $2}' | paste -sd' ')
read -r u0 c0 <<<"$before"; read -r u1 c1 <<<"$after"
echo "== group commit during the POST run: $((u1 - u0)) write units in $((c1 - c0)) commits, average batch $(awk -v u=$((u1-u0)) -v c=$((c1-c0)) 'BEGIN{printf "%.1f", c ? u/c : 0}')"
if [ -n "$pg_server" ]; then
  echo "== rows written: $(psql -X -At -d "$db" -c 'SELECT COUNT(*) FROM organisations')"
else
  echo "== rows written: $(sqlite3 "$db" 'SELECT COUNT(*) FROM organisations')"
fi
