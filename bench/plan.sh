#!/usr/bin/env bash
# Reminder planning at scale: N papers, then 10×N papers with the same number lapsing per
# day (expiries spread over 10× the days), on SQLite and on PostgreSQL.
#   bench/plan.sh [PAPERS] [BACKENDS]     default: 1000000 "sqlite postgres"
# Each data set gets one cold planning pass (everything in the 30-day horizon), then
# three daily passes; the reported figure is the mean of the daily passes.
set -euo pipefail
cd "$(dirname "$0")/.."
PAPERS="${1:-1000000}"
BACKENDS="${2:-sqlite postgres}"
PG_BASE="${BENCH_PG_URL:-postgres://postgres@127.0.0.1:5432}"
WORK="${BENCH_DIR:-/tmp/cuakhau-bench-plan}"
TODAY=2026-11-23
mkdir -p "$WORK"
cargo build --release --quiet
BIN=target/release/cuakhau
export CUAKHAU_JWT_SECRET="bench-secret-bench-secret-bench-secret"

secs() { sed -n 's/.* in \([0-9.]*\) s$/\1/p'; }

run_one() { # backend papers spread_days → prints "cold mean_daily planned_per_day"
    local backend=$1 papers=$2 spread=$3 url
    if [ "$backend" = sqlite ]; then
        url="$WORK/plan-$papers.db"
        rm -f "$url" "$url-wal" "$url-shm"
    else
        psql "$PG_BASE/postgres" -qc "DROP DATABASE IF EXISTS cuakhau_bench_plan" >/dev/null
        psql "$PG_BASE/postgres" -qc "CREATE DATABASE cuakhau_bench_plan" >/dev/null
        url="$PG_BASE/cuakhau_bench_plan"
    fi
    export CUAKHAU_DATABASE_URL="$url"
    $BIN seed-scale --workers $((papers / 4)) --spread-days "$spread" --today "$TODAY" >&2
    [ "$backend" = postgres ] && psql "$url" -qc "VACUUM ANALYZE" >/dev/null
    local cold total=0 planned=0 out
    cold=$($BIN plan-reminders --at "${TODAY}T12:00:00Z" | secs)
    for d in 24 25 26; do
        out=$($BIN plan-reminders --at "2026-11-${d}T12:00:00Z")
        total=$(echo "$total + $(echo "$out" | secs)" | bc -l)
        planned=$((planned + $(echo "$out" | awk '{print $2}')))
    done
    echo "$cold $(echo "scale=3; $total / 3" | bc -l) $((planned / 3))"
    [ "$backend" = sqlite ] && rm -f "$url" "$url-wal" "$url-shm" || true
}

printf '| backend | papers | cold pass (s) | daily pass (s) | planned per day | daily vs 1× |\n'
printf '|---|---|---|---|---|---|\n'
for backend in $BACKENDS; do
    read -r cold1 day1 n1 < <(run_one "$backend" "$PAPERS" 365)
    printf '| %s | %s | %s | %s | %s | 1.00 |\n' "$backend" "$PAPERS" "$cold1" "$day1" "$n1"
    read -r cold10 day10 n10 < <(run_one "$backend" $((PAPERS * 10)) 3650)
    printf '| %s | %s | %s | %s | %s | %.2f |\n' "$backend" $((PAPERS * 10)) "$cold10" "$day10" "$n10" \
        "$(echo "$day10 / $day1" | bc -l)"
done
