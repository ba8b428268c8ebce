#!/usr/bin/env bash
# Top-10 vacancies for a worker among N open vacancies: latency of GET /v1/me/vacancies.
#   bench/match.sh [VACANCIES] [BACKENDS]     default: 100000 "sqlite postgres"
# Fills a fresh database (seed-scale: 1,000 workers and N open vacancies over four
# zones; seed-demo: the demo worker with papers and a job profile), signs the demo
# worker in (the OTP is read from the outbox), then drives the route with wrk
# (4 connections, 20 s after a 5 s warm-up) and reports p50/p99 and requests/s.
set -euo pipefail
cd "$(dirname "$0")/.."
N="${1:-100000}"
BACKENDS="${2:-sqlite postgres}"
PG_BASE="${BENCH_PG_URL:-postgres://postgres@127.0.0.1:5432}"
WORK="${BENCH_DIR:-/tmp/cuakhau-bench-match}"
PORT="${BENCH_PORT:-18190}"
PHONE="+84912345678"
mkdir -p "$WORK"
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
cargo build --release --quiet
BIN=target/release/cuakhau
export CUAKHAU_JWT_SECRET="bench-secret-bench-secret-bench-secret" CUAKHAU_LOG_LEVEL=warn
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null || true; }
trap cleanup EXIT

otp_code() { # backend url
    local sql="SELECT body FROM outbound_messages WHERE recipient = '$PHONE' AND kind = 'otp' ORDER BY created_at DESC LIMIT 1"
    if [ "$1" = sqlite ]; then sqlite3 "$2" "$sql"; else psql "$2" -tAc "$sql"; fi | grep -o '[0-9]\{6\}' | head -1
}

printf '| backend | open vacancies | req/s (4 conn.) | p50 (ms) | p99 (ms) | p99, 1 conn. (ms) |\n|---|---|---|---|---|---|\n'
for backend in $BACKENDS; do
    if [ "$backend" = sqlite ]; then
        url="$WORK/match.db"; rm -f "$url" "$url-wal" "$url-shm"
    else
        psql "$PG_BASE/postgres" -qc "DROP DATABASE IF EXISTS cuakhau_bench_match" >/dev/null 2>&1
        psql "$PG_BASE/postgres" -qc "CREATE DATABASE cuakhau_bench_match" >/dev/null
        url="$PG_BASE/cuakhau_bench_match"
    fi
    export CUAKHAU_DATABASE_URL="$url"
    $BIN seed-scale --workers 1000 --vacancies "$N" >&2
    $BIN seed-demo >/dev/null
    [ "$backend" = postgres ] && psql "$url" -qc "VACUUM ANALYZE" >/dev/null
    CUAKHAU_PORT=$PORT CUAKHAU_DEMO_DATA=false $BIN serve >"$WORK/serve.log" 2>&1 &
    server=$!
    for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$PORT/health/ready" >/dev/null && break; sleep 0.1; done
    curl -fs -X POST -H 'content-type: application/json' \
        -d "{\"phone\":\"$PHONE\"}" "http://127.0.0.1:$PORT/v1/auth/otp/request" >/dev/null
    code=""
    for _ in $(seq 1 50); do code=$(otp_code "$backend" "$url" || true); [ -n "$code" ] && break; sleep 0.1; done
    token=$(curl -fs -X POST -H 'content-type: application/json' \
        -d "{\"phone\":\"$PHONE\",\"code\":\"$code\"}" "http://127.0.0.1:$PORT/v1/auth/otp/verify" |
        python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
    target="http://127.0.0.1:$PORT/v1/me/vacancies?limit=10"
    curl -fs -H "authorization: Bearer $token" "$target" | python3 -c \
        'import json,sys; r=json.load(sys.stdin); assert len(r)==10, len(r); print("top score", r[0]["score"], file=sys.stderr)'
    wrk -t1 -c4 -d5s -H "authorization: Bearer $token" "$target" >/dev/null
    out=$(wrk -t2 -c4 -d20s --latency -H "authorization: Bearer $token" "$target")
    ms() { # wrk latency like 1.23ms / 850.00us / 1.02s → ms
        awk -v v="$1" 'BEGIN { if (v ~ /us$/) { sub(/us$/, "", v); print v / 1000 }
            else if (v ~ /ms$/) { sub(/ms$/, "", v); print v + 0 }
            else { sub(/s$/, "", v); print v * 1000 } }'
    }
    p50=$(ms "$(echo "$out" | awk '$1 == "50%" { print $2 }')")
    p99=$(ms "$(echo "$out" | awk '$1 == "99%" { print $2 }')")
    rps=$(echo "$out" | awk '/Requests\/sec/ { print $2 }')
    one=$(wrk -t1 -c1 -d10s --latency -H "authorization: Bearer $token" "$target")
    p99one=$(ms "$(echo "$one" | awk '$1 == "99%" { print $2 }')")
    printf '| %s | %s | %s | %s | %s | %s |\n' "$backend" "$N" "$rps" "$p50" "$p99" "$p99one"
    kill "$server"; wait "$server" 2>/dev/null || true; server=""
done
