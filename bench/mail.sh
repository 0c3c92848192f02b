#!/usr/bin/env bash
# E-mail in and notification fan-out (issue 10, "Speed"):
#   1. e-mails parsed and turned into records per second: realistic ~20 KB messages (zh-CN text, a
#      quoted history, a small attachment; 3 in 5 open a record, 2 in 5 answer an earlier one and
#      thread onto it), written by bench/mail_corpus.py into Maildirs, then
#        a. one `fuwu mail-ingest` process per message (an MTA pipe), for --single messages
#        b. `fuwu mail-ingest --maildir DIR` (one process, --batch messages per transaction), for
#           --mails messages (target: >= 500 mails/s)
#   2. notification fan-out: a rule tells a group of 1,000 agents (in-app and e-mail) about new
#      records in that group; one record is created over HTTP; measured: the time until all 1,000
#      in-app notifications and e-mail deliveries (each with its job) are written, then until
#      all 1,000 e-mails are accepted by a real SMTP sink on loopback (aiosmtpd).
# Usage: bench/mail.sh [--mails 5000] [--single 200] [--batch 50] [--db FILE|postgresql://…]
#   FUWU_BIN selects the binary (default build/release/fuwu). See bench/lib.sh for --db.
set -euo pipefail
cd "$(dirname "$0")/.."
mails=5000 single=200 batch=50 db_arg=""
while (($#)); do
  case "$1" in
    --mails) mails="$2"; shift 2 ;;
    --single) single="$2"; shift 2 ;;
    --batch) batch="$2"; shift 2 ;;
    --db) db_arg="$2"; shift 2 ;;
    *) echo "usage: bench/mail.sh [--mails N] [--single N] [--batch N] [--db FILE|URL]" >&2; exit 2 ;;
  esac
done
. bench/lib.sh
bench_database mail "$db_arg"
smtp_pid=""
trap 'bench_cleanup; [ -n "$smtp_pid" ] && kill "$smtp_pid" 2>/dev/null; true' EXIT
bench_machine
now_ms() { date +%s%3N; }

echo "== fuwu seed --tickets 0 --organisations 20 --agents 3000 (three groups of 1,000 agents)"
"$fuwu" seed --db "$db" --tickets 0 --organisations 20 --agents 3000 >/dev/null 2>&1
org=$(sql "SELECT MIN(id) FROM organisations WHERE kind = 'customer'")

# --- 1. e-mail in ---------------------------------------------------------------------------------
/usr/bin/python3 bench/mail_corpus.py "$dir/single" "$single" 1 | sed 's/^/== corpus (one process each): /'
/usr/bin/python3 bench/mail_corpus.py "$dir/batch" "$mails" 2 | sed 's/^/== corpus (--maildir): /'
ingest=("$fuwu" mail-ingest --db "$db" --organisation "$org" --mail-domain desk.example --our-address support@desk.example)

echo "== 1a. one fuwu mail-ingest process per message ($single messages, load average $(cut -d' ' -f1-3 /proc/loadavg))"
t0=$(now_ms)
for f in "$dir/single/new/"*; do "${ingest[@]}" --mailbox single <"$f" >>"$dir/single.out"; done
t1=$(now_ms)
awk -v n="$single" -v ms="$((t1 - t0))" 'BEGIN{printf "   %d messages in %.2f s: %.0f mails/s (%.1f ms each)\n", n, ms / 1000, n * 1000 / ms, ms / n}'
echo "   outcomes: $(sed -E 's/.*"outcome":"([a-z_]+)".*/\1/' "$dir/single.out" | sort | uniq -c | tr -s ' \n' ' ')"

echo "== 1b. fuwu mail-ingest --maildir --batch $batch ($mails messages, load average $(cut -d' ' -f1-3 /proc/loadavg))"
# CPU time per thread, sampled every 0.1 s while it runs: the main thread reads, parses, hashes and
# sniffs messages; the SQLite writer thread writes them (the two overlap, one core each).
t0=$(now_ms)
"${ingest[@]}" --mailbox support --maildir "$dir/batch" --batch "$batch" >"$dir/batch.out" &
ipid=$!
while kill -0 "$ipid" 2>/dev/null; do
  # (a thread may end between the glob and the read: not an error)
  awk '{print FILENAME, $14 + $15}' /proc/"$ipid"/task/*/stat >>"$dir/tasks" 2>/dev/null || true
  sleep 0.1
done
wait "$ipid"
t1=$(now_ms)
hz=$(getconf CLK_TCK)
# The last sample of each thread (threads that ended earlier keep their last one).
per_thread() { awk '{last[$1] = $2} END {for (t in last) print t, last[t]}' "$dir/tasks"; }
main_cpu=$(per_thread | awk -v p="/proc/$ipid/task/$ipid/stat" -v hz="$hz" '$1 == p {print $2 * 1000 / hz}')
other_cpu=$(per_thread | awk -v p="/proc/$ipid/task/$ipid/stat" -v hz="$hz" '$1 != p {s += $2} END {print s * 1000 / hz}')
awk -v n="$mails" -v ms="$((t1 - t0))" -v m="$main_cpu" -v o="$other_cpu" 'BEGIN{
  printf "   %d messages in %.2f s: %.0f mails/s\n", n, ms / 1000, n * 1000 / ms
  printf "   CPU per message: %.2f ms reading and parsing (main thread), %.2f ms writing (other threads)\n", m / n, o / n
  w = (m > o ? m : o) / n
  printf "   with a core for each side, the slower one allows %.0f mails/s\n", 1000 / w }'
echo "   outcomes: $(sed -E 's/.*"outcome":"([a-z_]+)".*/\1/' "$dir/batch.out" | sort | uniq -c | tr -s ' \n' ' ')"
echo "   left in new/: $(find "$dir/batch/new" -type f | wc -l); records now: $(sql 'SELECT COUNT(*) FROM tickets'), public replies from mail: $(sql "SELECT COUNT(*) FROM journal_entries WHERE visibility = 'public'")"

# --- 2. fan-out -----------------------------------------------------------------------------------
sql "UPDATE users SET email = login || '@agents.example' WHERE role = 'agent'" >/dev/null
group=$(sql "SELECT group_id FROM group_members GROUP BY group_id HAVING COUNT(*) >= 1000 ORDER BY group_id LIMIT 1")
members=$(sql "SELECT COUNT(*) FROM group_members WHERE group_id = $group")
smtp_port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
mkdir -p "$dir/sink/cur" "$dir/sink/new" "$dir/sink/tmp"
setsid /usr/bin/python3 -m aiosmtpd -n -l "127.0.0.1:$smtp_port" -c aiosmtpd.handlers.Mailbox "$dir/sink" 2>/dev/null &
smtp_pid=$!
# The records of part 1 are not announced: the notification dispatcher starts after their events.
sql "UPDATE outbox_cursors SET last_id = (SELECT MAX(id) FROM outbox) WHERE consumer = 'notifications'" >/dev/null
bench_token "bench$$" admin
bench_serve FUWU_MAIL_SMTP_HOST=127.0.0.1 FUWU_MAIL_SMTP_PORT="$smtp_port" FUWU_MAIL_FROM=support@desk.example FUWU_MAIL_DOMAIN=desk.example
curl -sf "${auth[@]}" -H 'Content-Type: application/json' -o /dev/null \
  -d "{\"name\":\"新记录：告知全组\",\"event_type\":\"ticket.created\",\"conditions\":{\"group_id\":$group},\"recipients\":[\"group\"],\"channels\":[\"in_app\",\"email\"]}" \
  "$base/api/v1/notification-rules"
echo "== 2. fan-out of one event to group $group ($members agents, in-app + e-mail; load average $(cut -d' ' -f1-3 /proc/loadavg))"
t0=$(now_ms)
ticket=$(curl -sf "${auth[@]}" -H 'Content-Type: application/json' \
  -d "{\"kind\":\"incident\",\"title\":\"核心交换机宕机 fan-out\",\"description\":\"benchmark\",\"organisation_id\":$org,\"group_id\":$group,\"impact\":1,\"urgency\":1}" \
  "$base/api/v1/tickets" | sed -E 's/^\{"id":([0-9]+).*/\1/')
t1=$(now_ms)
count() { sql "SELECT COUNT(*) FROM notification_deliveries WHERE record_type = 'ticket' AND record_id = $ticket AND channel = '$1' AND recipient LIKE 'user:%'${2:-}"; }
queued="" written=""
for _ in $(seq 6000); do
  in_app=$(count in_app) email=$(count email)
  if [ "$in_app" -ge "$members" ] && [ "$email" -ge "$members" ]; then written=$(now_ms); break; fi
  sleep 0.01
done
jobs=$(sql "SELECT COUNT(*) FROM jobs WHERE kind = 'notify.deliver'")
for _ in $(seq 12000); do
  sent=$(count email " AND state = 'sent'")
  [ "$sent" -ge "$members" ] && { queued=$(now_ms); break; }
  sleep 0.05
done
echo "   POST /api/v1/tickets answered in $((t1 - t0)) ms"
echo "   all $in_app in-app notifications and $email e-mail deliveries written (jobs: $jobs) $((written - t0)) ms after the request"
echo "   all $sent e-mails accepted by the SMTP sink $((queued - t0)) ms after the request ($(find "$dir/sink/new" -type f | wc -l) messages in the sink; $(awk -v n="$sent" -v ms="$((queued - written))" 'BEGIN{printf "%.0f", n * 1000 / (ms ? ms : 1)}') e-mails/s)"
echo "== server CPU: $(awk -v hz="$(getconf CLK_TCK)" '{printf "%.2f s", ($14 + $15) / hz}' "/proc/$pid/stat"), load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
