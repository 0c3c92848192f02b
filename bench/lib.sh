# Sourced by the HTTP benchmarks (desk.sh, aftersales.sh, surveys.sh, kpis.sh): one way to pick the
# binary and the database, query it, describe the machine, start a server, and clean up.

# bench_database NAME DB_ARG — sets fuwu (FUWU_BIN, default build/release/fuwu, built if missing),
# dir (a temporary folder) and db, then migrates. DB_ARG is a SQLite file to use and keep, or a
# postgresql:// server on which a fresh database fuwu_bench_<pid> is made (pg_server, dbname) and
# dropped at the end; empty means $dir/NAME.db. Everything made is removed on exit.
bench_database() {
  fuwu=${FUWU_BIN:-build/release/fuwu}
  [ -x "$fuwu" ] || scripts/build release
  dir=$(mktemp -d)
  pid=""
  pg_server=""
  if [[ "$2" =~ ^postgres ]]; then
    pg_server="$2"
    dbname="fuwu_bench_$$"
    psql -X -q -d "$pg_server" -c "CREATE DATABASE $dbname" >/dev/null
    db=$(/usr/bin/python3 -c 'import sys, urllib.parse as u; p = u.urlsplit(sys.argv[1]); print(u.urlunsplit(p._replace(path="/" + sys.argv[2])))' "$pg_server" "$dbname")
  else
    db=${2:-$dir/$1.db}
  fi
  trap bench_cleanup EXIT
  "$fuwu" migrate --db "$db" >/dev/null
}

bench_cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
  [ -n "$pg_server" ] && psql -X -q -d "$pg_server" -c "DROP DATABASE IF EXISTS $dbname WITH (FORCE)" >/dev/null 2>&1
  rm -rf "$dir"
}

# sql QUERY — one query on the benchmark's database, rows as a|b|c lines.
sql() {
  if [ -n "$pg_server" ]; then psql -X -At -d "$db" -c "$1"; else sqlite3 "$db" "$1"; fi
}

# The machine and the database, with the load average: on a shared machine it says how much of
# the two cores the run had.
bench_machine() {
  echo "== machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -r), load average $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "== database: $([ -n "$pg_server" ] && echo "PostgreSQL $(psql -X -At -d "$pg_server" -c 'SHOW server_version')" || echo "SQLite $(sqlite3 --version | cut -d' ' -f1)")"
}

# bench_token LOGIN ROLE — adds the user and sets token (a bearer token) and auth (curl's header).
bench_token() {
  echo 'bench-passw0rd' | "$fuwu" user add "$1" --role "$2" --password-stdin --db "$db" >/dev/null
  token=$("$fuwu" token create "$1" --db "$db" 2>/dev/null | head -1)
  auth=(-H "Authorization: Bearer $token")
}

# bench_serve [VAR=VALUE …] — starts `fuwu serve` on a free loopback port with those environment
# settings (and no access log), waits for /healthz, sets pid, port and base.
bench_serve() {
  port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  env FUWU_HTTP_ACCESS_LOG=false "$@" "$fuwu" serve --db "$db" --port "$port" 2>"$dir/server.log" &
  pid=$!
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
  base="http://127.0.0.1:$port"
}

# cpu_ms — the server's CPU time (user + system) so far, in milliseconds: what requests cost
# whatever the machine's load. db_cpu_ms — the same for the PostgreSQL backends serving the
# benchmark's database (their process title names it; the cluster's shared background processes
# are not counted); 0 on SQLite, which runs inside the server.
cpu_ms() { awk -v hz="$(getconf CLK_TCK)" '{print int(($14 + $15) * 1000 / hz)}' "/proc/$pid/stat"; }
db_cpu_ms() {
  local ticks=0 p
  if [ -n "$pg_server" ]; then
    for p in $(pgrep -f "postgres: .* $dbname " || true); do
      ticks=$((ticks + $(awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || echo 0)))
    done
  fi
  echo $((ticks * 1000 / $(getconf CLK_TCK)))
}
