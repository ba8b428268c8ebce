#!/usr/bin/env bash
# Fault scripts: what users see when a part fails, and that nothing is lost.
#   bench/faults.sh [kannel kill9 redis postgres replicas]   (default: all)
# Each prints a Markdown row and appends JSON to $FAULTS_DIR/faults.jsonl. They use a
# real Kannel (../shared/kannel), a private redis-server on port 6390 (the shared one is
# never stopped), and the machine's PostgreSQL, which the `postgres` case restarts.
# Sizes: SMS_COUNT (1000 queued messages), OUTAGE (60 s), LOAD (load seconds, 20).
set -euo pipefail
cd "$(dirname "$0")/.."
NAMES="${*:-kannel kill9 redis postgres replicas}"
WORK="${FAULTS_DIR:-/tmp/cuakhau-faults}"
N="${SMS_COUNT:-1000}"
OUTAGE="${OUTAGE:-60}"
LOAD="${LOAD:-20}"
PG_BASE="${BENCH_PG_URL:-postgres://postgres@127.0.0.1:5432}"
PORT=18410
SECRET=faults-secret
KANNEL="$(cd ../shared/kannel && pwd)"
export KANNEL_DIR="$WORK/kannel"
export KANNEL_MO_URL="http://127.0.0.1:$PORT/v1/webhooks/kannel/mo?from=%p&to=%P&text=%a&id=%I&token=$SECRET"
export CUAKHAU_JWT_SECRET="faults-secret-faults-secret-faults-secret" CUAKHAU_LOG_LEVEL=warn
TEXT="Giấy phép cư trú của bạn hết hạn sau 9 ngày. Hãy gia hạn sớm."
mkdir -p "$WORK"
cargo build --release --quiet
BIN=target/release/cuakhau
pids=()
cleanup() {
    for p in "${pids[@]:-}"; do kill "$p" 2>/dev/null || true; done
    bash "$KANNEL/stop.sh" >/dev/null 2>&1 || true
    redis-cli -p 6390 shutdown nosave >/dev/null 2>&1 || true
}
trap cleanup EXIT

note() { printf '    %s\n' "$*" >&2; }
record() { echo "$1" >>"$WORK/faults.jsonl"; }
ready() { for _ in $(seq 1 300); do curl -fs "$1/health/live" >/dev/null && return 0; sleep 0.1; done; return 1; }
serve() { # port db-url [env…] → pid in $server (jobs on, Kannel provider)
    env CUAKHAU_DATABASE_URL="$2" CUAKHAU_PORT="$1" CUAKHAU_DEMO_DATA=false \
        CUAKHAU_OUTBOX_POLL_MS=50 CUAKHAU_SMS__PROVIDER=kannel CUAKHAU_SMS__KANNEL_PASSWORD=kannel-test \
        CUAKHAU_SMS__KANNEL_TOKEN=$SECRET CUAKHAU_SMS__PUBLIC_URL="http://127.0.0.1:$1" \
        CUAKHAU_SMS__RATE_PER_SECOND=1000 CUAKHAU_SMS__TIMEOUT_MS=500 "${@:3}" \
        $BIN serve >"$WORK/serve-$1.log" 2>&1 &
    server=$!; pids+=("$server")
    ready "http://127.0.0.1:$1"
}
sql() { # sqlite-file query → first column of the first row
    python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()[0])' "$1" "$2"
}
pending() { sql "$1" "select count(*) from outbound_messages where state in ('queued','sending')"; }
arrivals() { # → "received distinct" at the fake SMSC, UCS-2 texts only
    python3 "$KANNEL/read-mt.py" | python3 -c '
import sys
to = [l.split("\t")[1] for l in sys.stdin if l.count("\t") >= 2]
print(len(to), len(set(to)))'
}
wait_drained() { # db seconds → waits until nothing is queued or sending
    for _ in $(seq 1 $(($2 * 10))); do [ "$(pending "$1")" = 0 ] && return 0; sleep 0.1; done
    return 1
}
fresh_sqlite() { rm -f "$WORK/$1.db"*; CUAKHAU_DATABASE_URL="$WORK/$1.db" $BIN migrate >/dev/null; echo "$WORK/$1.db"; }
mo() { # port count → that many phones text "HD" to the service through the webhook
    for i in $(seq 1 "$2"); do
        curl -fs "http://127.0.0.1:$1/v1/webhooks/kannel/mo?from=%2B84918$(printf %06d "$i")&to=8088&text=HD&id=fault-mo-$i&token=$SECRET" >/dev/null
    done
}

# 1. Kannel stopped for $OUTAGE s while reminders and replies are queued, then back.
kannel_case() {
    local db; db=$(fresh_sqlite kannel)
    bash "$KANNEL/start.sh" >/dev/null
    serve $PORT "$db"
    bash "$KANNEL/stop.sh" >/dev/null
    python3 bench/enqueue.py "$db" "$N" "$TEXT" reminder
    mo $PORT 100
    local expected=$((N + 100)) t0=$SECONDS
    note "kannel: $expected queued with Kannel down; waiting ${OUTAGE}s"
    sleep "$OUTAGE"
    local failed_during; failed_during=$(sql "$db" "select count(*) from outbound_messages where attempts > 0")
    bash "$KANNEL/start.sh" >/dev/null
    wait_drained "$db" 600 || note "kannel: still pending after 600 s"
    local drained=$((SECONDS - t0))
    read -r got distinct < <(arrivals)
    # A two-segment reply reaches the SMSC as two parts: duplicates are parts beyond those.
    local parts; parts=$(sql "$db" "select sum(segments) from outbound_messages")
    local failed; failed=$(sql "$db" "select count(*) from outbound_messages where state in ('failed','expired')")
    kill "$server"; wait "$server" 2>/dev/null || true
    bash "$KANNEL/stop.sh" >/dev/null
    echo "| kannel down ${OUTAGE}s | $expected queued ($failed_during tried during the outage) | $distinct of $expected numbers reached, $got of $parts parts, $((got - parts)) duplicates, $failed failed | all out ${drained}s after the outage began |"
    record "{\"case\":\"kannel\",\"expected\":$expected,\"arrived\":$distinct,\"parts\":$got,\"duplicates\":$((got - parts)),\"failed\":$failed,\"seconds\":$drained}"
}

# 2. kill -9 of the dispatcher mid-batch, restart: nothing lost, duplicates ≤ 8 + 32.
kill9_case() {
    local db; db=$(fresh_sqlite kill9)
    bash "$KANNEL/start.sh" >/dev/null
    python3 bench/enqueue.py "$db" "$((N * 3))" "$TEXT" reminder
    serve $PORT "$db" CUAKHAU_SMS__KANNEL_DLR=false
    local total=$((N * 3))
    until [ "$(sql "$db" "select count(*) from outbound_messages where state = 'sent'")" -ge "$N" ]; do sleep 0.01; done
    kill -9 "$server"; wait "$server" 2>/dev/null || true
    local at_kill; at_kill=$(sql "$db" "select count(*) from outbound_messages where state = 'sent'")
    local sending; sending=$(sql "$db" "select count(*) from outbound_messages where state = 'sending'")
    note "kill9: killed with $at_kill marked sent, $sending claimed; restarting (the claim's lease must run out)"
    local t0=$SECONDS
    serve $PORT "$db" CUAKHAU_SMS__KANNEL_DLR=false
    wait_drained "$db" 600 || note "kill9: still pending after 600 s"
    local back=$((SECONDS - t0))
    read -r got distinct < <(arrivals)
    kill "$server"; wait "$server" 2>/dev/null || true
    bash "$KANNEL/stop.sh" >/dev/null
    echo "| kill -9 mid-batch | $total queued, killed at $at_kill sent + $sending claimed | $distinct of $total arrived, $((got - distinct)) duplicates (window: 8 in flight + one unwritten chunk of 32) | drained ${back}s after restart |"
    record "{\"case\":\"kill9\",\"expected\":$total,\"arrived\":$distinct,\"duplicates\":$((got - distinct)),\"claimed_at_kill\":$sending,\"seconds\":$back}"
}

# 3. Redis stopped: status answers, USSD ends politely, sign-in 503; back without restart.
redis_case() {
    redis-server --daemonize yes --port 6390 --bind 127.0.0.1 --save "" --appendonly no \
        --logfile "$WORK/redis.log" >/dev/null
    for _ in $(seq 1 50); do redis-cli -p 6390 ping 2>/dev/null | grep -q PONG && break; sleep 0.1; done
    local db; db=$(fresh_sqlite redis)
    # No dispatcher: the sign-in code stays readable in the outbox.
    serve $PORT "$db" CUAKHAU_REDIS_URL=redis://127.0.0.1:6390 CUAKHAU_USSD__TOKEN=faults-ussd \
        CUAKHAU_SMS__PROVIDER=log CUAKHAU_RUN_JOBS=false
    local base="http://127.0.0.1:$PORT" phone="+84912345678"
    CUAKHAU_DATABASE_URL="$db" $BIN seed-demo >/dev/null
    curl -fs -X POST -H 'content-type: application/json' -d "{\"phone\":\"$phone\"}" "$base/v1/auth/otp/request" >/dev/null
    sleep 0.3
    local code; code=$(sql "$db" "select body from outbound_messages where kind='otp' order by created_at desc limit 1" | grep -o '[0-9]\{6\}')
    local token; token=$(curl -fs -X POST -H 'content-type: application/json' -d "{\"phone\":\"$phone\",\"code\":\"$code\"}" \
        "$base/v1/auth/otp/verify" | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
    redis-cli -p 6390 shutdown nosave >/dev/null 2>&1 || true
    local status ussd otp
    status=$(curl -s -o /dev/null -w '%{http_code}' -H "authorization: Bearer $token" "$base/v1/me/status")
    ussd=$(curl -s -d "sessionId=f1&serviceCode=*384%23&phoneNumber=$phone&text=" "$base/v1/ussd/africastalking?token=faults-ussd" | head -c 60)
    otp=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'content-type: application/json' -d "{\"phone\":\"$phone\"}" "$base/v1/auth/otp/request")
    redis-server --daemonize yes --port 6390 --bind 127.0.0.1 --save "" --appendonly no \
        --logfile "$WORK/redis.log" >/dev/null
    sleep 1
    local otp_back ussd_back
    otp_back=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'content-type: application/json' -d "{\"phone\":\"$phone\"}" "$base/v1/auth/otp/request")
    ussd_back=$(curl -s -d "sessionId=f2&serviceCode=*384%23&phoneNumber=$phone&text=" "$base/v1/ussd/africastalking?token=faults-ussd" | head -c 3)
    kill "$server"; wait "$server" 2>/dev/null || true
    echo "| Redis stopped | status $status; USSD \"$ussd…\"; sign-in $otp | back without restart: sign-in $otp_back, USSD $ussd_back | – |"
    record "{\"case\":\"redis\",\"status\":$status,\"otp_down\":$otp,\"otp_back\":$otp_back,\"ussd_back\":\"$ussd_back\"}"
}

# 4. PostgreSQL restarted under load: 503 during the gap, back without restarting cuakhau.
postgres_case() {
    psql "$PG_BASE/postgres" -qc "DROP DATABASE IF EXISTS cuakhau_faults" >/dev/null 2>&1
    psql "$PG_BASE/postgres" -qc "CREATE DATABASE cuakhau_faults" >/dev/null
    serve $PORT "$PG_BASE/cuakhau_faults" CUAKHAU_DEMO_DATA=true CUAKHAU_SMS__PROVIDER=log
    local base="http://127.0.0.1:$PORT"
    local token; token=$(curl -fs -X POST -H 'content-type: application/json' \
        -d '{"login":"officer@cuakhau.demo","password":"demo-password-2026"}' "$base/v1/auth/login" \
        | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
    python3 bench/probe.py "$base/v1/workers?phone=%2B84912345678" "$LOAD" --threads 4 \
        --header "authorization: Bearer $token" >"$WORK/pg-probe.json" &
    local probe=$!
    sleep 5
    local cluster; cluster=$(ls /etc/postgresql | head -n1)
    pg_ctlcluster --skip-systemctl-redirect "$cluster" main stop -m fast
    sleep "${PG_GAP:-5}"
    pg_ctlcluster --skip-systemctl-redirect "$cluster" main start
    wait "$probe"
    local after; after=$(curl -s -o /dev/null -w "%{http_code}" -H "authorization: Bearer $token" "$base/v1/workers?phone=%2B84912345678")
    kill "$server"; wait "$server" 2>/dev/null || true
    python3 - "$WORK/pg-probe.json" "$after" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
bad = {k: v for k, v in r["by_status"].items() if not k.startswith("2")}
print(f"| PostgreSQL restarted under load | {r['requests']} requests: {r['by_status']} | "
      f"errors only in seconds {r['bad_seconds']} and only {sorted(bad)}; next request {sys.argv[2]} | – |")
PY
    record "$(python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print(json.dumps({"case":"postgres","by_status":r["by_status"],"bad_seconds":r["bad_seconds"]}))' "$WORK/pg-probe.json")"
}

# 5. Two replicas on one PostgreSQL + Redis: load on both, SMS exactly once.
replicas_case() {
    redis-server --daemonize yes --port 6390 --bind 127.0.0.1 --save "" --appendonly no \
        --logfile "$WORK/redis.log" >/dev/null
    psql "$PG_BASE/postgres" -qc "DROP DATABASE IF EXISTS cuakhau_replicas" >/dev/null 2>&1
    psql "$PG_BASE/postgres" -qc "CREATE DATABASE cuakhau_replicas" >/dev/null
    local url="$PG_BASE/cuakhau_replicas"
    bash "$KANNEL/start.sh" >/dev/null
    CUAKHAU_DATABASE_URL="$url" $BIN migrate >/dev/null
    # Workers whose papers lapse within the reminder horizon: both replicas plan and send.
    CUAKHAU_DATABASE_URL="$url" $BIN seed-scale --workers "$N" --spread-days 20 >/dev/null
    # The send window opened to the whole day so that the run does not depend on the hour.
    local env=(CUAKHAU_REDIS_URL=redis://127.0.0.1:6390 CUAKHAU_SMS__KANNEL_DLR=false
               CUAKHAU_REMINDERS_POLL_SECS=1 CUAKHAU_REMINDERS__WINDOW_START=00:00:00
               CUAKHAU_REMINDERS__WINDOW_END=23:59:59)
    serve $PORT "$url" "${env[@]}"; local a=$server
    serve $((PORT + 1)) "$url" "${env[@]}"; local b=$server
    python3 bench/probe.py "http://127.0.0.1:$PORT/v1/skills" "$LOAD" --threads 2 >"$WORK/rep-a.json" &
    local pa=$!
    python3 bench/probe.py "http://127.0.0.1:$((PORT + 1))/v1/skills" "$LOAD" --threads 2 >"$WORK/rep-b.json" &
    local pb=$!
    # The same 200 texts from phones delivered to both replicas: one reply each.
    mo $PORT 200 & local ma=$!
    mo $((PORT + 1)) 200 & local mb=$!
    wait "$ma" "$mb"
    wait "$pa" "$pb"
    for _ in $(seq 1 600); do
        [ "$(psql "$url" -tAc "select count(*) from outbound_messages where state in ('queued','sending')")" = 0 ] \
            && [ "$(psql "$url" -tAc "select count(*) from outbound_messages")" -gt 0 ] && break
        sleep 0.1
    done
    sleep 2  # the last batch's marks
    local rows planned replies outbox by_a by_b
    rows=$(psql "$url" -tAc "select count(*) from outbound_messages where kind = 'reminder'")
    planned=$(psql "$url" -tAc "select count(*) from reminders where state = 'sent'")
    replies=$(psql "$url" -tAc "select count(*) from outbound_messages where kind = 'reply'")
    outbox=$(psql "$url" -tAc "select count(*) from outbound_messages where state in ('sent','delivered')")
    local parts; parts=$(psql "$url" -tAc "select sum(segments) from outbound_messages where state in ('sent','delivered')")
    read -r got distinct < <(arrivals)
    kill "$a" "$b"; wait "$a" "$b" 2>/dev/null || true
    bash "$KANNEL/stop.sh" >/dev/null
    redis-cli -p 6390 shutdown nosave >/dev/null 2>&1 || true
    by_a=$(python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print(r["requests"], r["by_status"])' "$WORK/rep-a.json")
    by_b=$(python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print(r["requests"], r["by_status"])' "$WORK/rep-b.json")
    echo "| two replicas | A: $by_a; B: $by_b | $rows reminder messages for $planned sent reminders, $replies replies to 200 texts each delivered twice; $outbox sent ($parts parts), $got parts arrived at the SMSC | – |"
    record "{\"case\":\"replicas\",\"reminder_rows\":$rows,\"reminders_sent\":$planned,\"replies\":$replies,\"sent\":$outbox,\"parts\":$parts,\"arrived\":$got}"
}

: >"$WORK/faults.jsonl"
echo "| fault | during | outcome | recovery |"
echo "|---|---|---|---|"
for name in $NAMES; do "${name}_case"; done
