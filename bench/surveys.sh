#!/usr/bin/env bash
# Survey report benchmark (issue 9, "Speed": a campaign's report ≤ 200 ms with 100,000 responses):
#   1. seed a campaign with N responses (fuwu seed --tickets 0 --survey-responses N) on a database
#      with customer organisations and, when the database has them, engineers of service centres
#   2. GET /api/v1/surveys/campaigns/{id}/report: single requests (curl, cold then warm) and a
#      short wrk run at 4 connections
# Usage: bench/surveys.sh [--responses 100000] [--duration 10s] [--db FILE|postgresql://…]
#   --db FILE             use (and keep) this SQLite database; seeded when it has no survey
#   --db postgresql://…   a fresh database on that server (fuwu_bench_<pid>), dropped at the end
#                         (e.g. scripts/pg run sh -c 'bench/surveys.sh --db "$FUWU_TEST_PG_URL"')
#   FUWU_BIN selects the binary (default build/release/fuwu).
set -euo pipefail
cd "$(dirname "$0")/.."
responses=100000 duration=10s db_arg=""
while (($#)); do
  case "$1" in
    --responses) responses="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    --db) db_arg="$2"; shift 2 ;;
    *) echo "usage: bench/surveys.sh [--responses N] [--duration 10s] [--db FILE|URL]" >&2; exit 2 ;;
  esac
done
. bench/lib.sh
bench_database surveys "$db_arg"
bench_machine
if [ "$(sql 'SELECT COUNT(*) FROM survey_responses')" = "0" ]; then
  # Service centres with engineers, so the report has its by-centre and by-engineer groups.
  if [ "$(sql 'SELECT COUNT(*) FROM engineers')" = "0" ]; then
    for c in 1 2 3 4 5 6; do
      sql "INSERT INTO service_centres (code, name_zh, name_en, region_code, territory, calendar, created_at, updated_at) VALUES ('BENCH-$c', '服务中心 $c', 'Centre $c', '510107', '51', 'china-mainland', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')" >/dev/null
      for e in 1 2 3 4 5; do
        echo 'bench-passw0rd' | "$fuwu" user add "eng$c$e" --role engineer --password-stdin --db "$db" >/dev/null
        sql "INSERT INTO engineers (user_id, service_centre_id, skills, active, created_at, updated_at) SELECT id, (SELECT id FROM service_centres WHERE code = 'BENCH-$c'), '', 1, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z' FROM users WHERE login = 'eng$c$e'" >/dev/null
      done
    done
  fi
  echo "== fuwu seed --tickets 0 --organisations 500 --survey-responses $responses"
  /usr/bin/time -f '   %e s wall, %M KB peak' "$fuwu" seed --db "$db" --tickets 0 --organisations 500 --agents 5 --survey-responses "$responses" 2>&1 | grep -v '^\s*[a-z ]*\[' || true
fi
# What autovacuum does soon after a bulk load on PostgreSQL: statistics and the visibility map
# (without it the covering indexes cannot be read index-only).
[ -n "$pg_server" ] && psql -X -q -d "$db" -c 'VACUUM ANALYZE survey_responses, survey_invitations, survey_comments' >/dev/null
campaign=$(sql 'SELECT campaign_id FROM survey_responses GROUP BY campaign_id ORDER BY COUNT(*) DESC LIMIT 1')
echo "== campaign $campaign: $(sql "SELECT COUNT(*) FROM survey_responses WHERE campaign_id = $campaign") responses, $(sql "SELECT COUNT(*) FROM survey_invitations WHERE campaign_id = $campaign") invitations"
login=bench$$
bench_token "$login" agent
bench_serve
url="http://127.0.0.1:$port/api/v1/surveys/campaigns/$campaign/report"
echo "== GET report, one at a time (time_total in seconds)"
for i in 1 2 3 4 5 6 7 8 9 10; do
  curl -s -o "$dir/report.json" -w '%{time_total}\n' -H "Authorization: Bearer $token" "$url"
done | sort -n | awk '{a[NR]=$1} END {printf "   min %s  median %s  max %s (10 requests)\n", a[1], a[int((NR+1)/2)], a[NR]}'
/usr/bin/python3 -c "import json,sys; r=json.load(open(sys.argv[1])); print('   score %s %s, return rate %s %% (valid %s), %d centres, %d engineers' % (r['score_percent'], r['band'], r['return_rate']['percent'], r['return_rate']['valid'], len(r['by_service_centre']), len(r['by_engineer'])))" "$dir/report.json"
if command -v wrk >/dev/null; then
  echo "== wrk -t1 -c4 -d$duration"
  wrk -t1 -c4 -d"$duration" --latency -H "Authorization: Bearer $token" "$url" | grep -E 'Latency|Requests/sec|50%|99%'
fi
