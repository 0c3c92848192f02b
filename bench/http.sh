#!/usr/bin/env bash
# HTTP load benchmark of the release binary with wrk on loopback:
#   1. authenticated GET of one record (bearer token)
#   2. authenticated POST that durably writes a record (synchronous=FULL, group commit)
# Usage: bench/http.sh [--duration 20s] [--connections 64] [--threads 2]
# Prints wrk's report for each and the average commit batch size from /metrics.
set -euo pipefail
cd "$(dirname "$0")/.."
duration=20s connections=64 threads=2
while (($#)); do
  case "$1" in
    --duration) duration="$2"; shift 2 ;;
    --connections) connections="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    *) echo "usage: bench/http.sh [--duration 20s] [--connections 64] [--threads 2]" >&2; exit 2 ;;
  esac
done
fuwu=build/release/fuwu
[ -x "$fuwu" ] || scripts/build release
command -v wrk >/dev/null || { echo "bench/http.sh: wrk is missing (scripts/setup installs it)" >&2; exit 1; }

dir=$(mktemp -d)
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; rm -rf "$dir"; }
trap cleanup EXIT

"$fuwu" migrate --db "$dir/b.db" >/dev/null
echo 'bench-passw0rd' | "$fuwu" user add bench --role admin --password-stdin --db "$dir/b.db" >/dev/null
token=$("$fuwu" token create bench --db "$dir/b.db" 2>/dev/null | head -1)
port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
FUWU_HTTP_ACCESS_LOG=false "$fuwu" serve --db "$dir/b.db" --port "$port" 2>"$dir/server.log" &
pid=$!
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
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
echo "== GET /api/v1/organisations/$id  (-t$threads -c$connections -d$duration)"
wrk -t"$threads" -c"$connections" -d"$duration" --latency -H "Authorization: Bearer $token" "$base/api/v1/organisations/$id"
before=$(curl -sf "$base/metrics" | awk '/^fuwu_db_commit_batch_size_(sum|count)/{print $2}' | paste -sd' ')
echo "== POST /api/v1/organisations  (-t$threads -c$connections -d$duration, synchronous=FULL)"
wrk -t"$threads" -c"$connections" -d"$duration" --latency -s "$dir/post.lua" \
  -H "Authorization: Bearer $token" -H 'Content-Type: application/json' "$base/api/v1/organisations"
after=$(curl -sf "$base/metrics" | awk '/^fuwu_db_commit_batch_size_(sum|count)/{print $2}' | paste -sd' ')
read -r u0 c0 <<<"$before"; read -r u1 c1 <<<"$after"
echo "== group commit during the POST run: $((u1 - u0)) write units in $((c1 - c0)) commits, average batch $(awk -v u=$((u1-u0)) -v c=$((c1-c0)) 'BEGIN{printf "%.1f", c ? u/c : 0}')"
echo "== rows written: $(sqlite3 "$dir/b.db" 'SELECT COUNT(*) FROM organisations')"
