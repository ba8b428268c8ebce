#!/usr/bin/env bash
# Contract fuzzing: schemathesis against openapi.yaml and a live server on SQLite with
# the demo data, once as a worker, once as an officer and once as a supervisor, every
# check on. Zero failures or it exits non-zero. Bounded by --max-examples (ST_EXAMPLES).
#   tests/contract/run.sh            (builds the debug binary if needed)
set -euo pipefail
cd "$(dirname "$0")/../.."
ST_VERSION=4.32.5
EXAMPLES="${ST_EXAMPLES:-25}"
SEED="${ST_SEED:-20261123}"
PORT="${ST_PORT:-18300}"
WORK="$(mktemp -d)"
command -v st >/dev/null 2>&1 && st --version | grep -q "$ST_VERSION" \
  || python3 -m pip install -q "schemathesis==$ST_VERSION"
cargo build --quiet
export CUAKHAU_DATABASE_URL="$WORK/contract.db" CUAKHAU_PORT="$PORT" CUAKHAU_LOG_LEVEL=warn \
  CUAKHAU_JWT_SECRET="contract-secret-contract-secret-contract" CUAKHAU_DEMO_DATA=true
target/debug/cuakhau serve >"$WORK/serve.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; rm -rf "$WORK"' EXIT
base="http://127.0.0.1:$PORT"
for _ in $(seq 1 300); do curl -fs "$base/health/ready" >/dev/null && break; sleep 0.1; done
json_field() { python3 -c "import json,sys; print(json.load(sys.stdin)['$1'])"; }
worker_token() { # the demo worker signs in with the code the server queued for her
  local phone="+84912345678" code=""
  curl -fs -X POST -H 'content-type: application/json' -d "{\"phone\":\"$phone\"}" \
    "$base/v1/auth/otp/request" >/dev/null
  for _ in $(seq 1 50); do
    code=$(python3 - "$WORK/contract.db" "$phone" <<'PY'
import re, sqlite3, sys
row = sqlite3.connect(sys.argv[1]).execute(
    "SELECT body FROM outbound_messages WHERE recipient=? AND kind='otp' "
    "ORDER BY created_at DESC LIMIT 1", (sys.argv[2],)).fetchone()
m = re.search(r"\d{6}", row[0]) if row else None
print(m.group(0) if m else "")
PY
)
    [ -n "$code" ] && break; sleep 0.1
  done
  curl -fs -X POST -H 'content-type: application/json' \
    -d "{\"phone\":\"$phone\",\"code\":\"$code\"}" "$base/v1/auth/otp/verify" | json_field access_token
}
staff_token() {
  curl -fs -X POST -H 'content-type: application/json' \
    -d "{\"login\":\"$1@cuakhau.demo\",\"password\":\"demo-password-2026\"}" \
    "$base/v1/auth/login" | json_field access_token
}
status=0
for who in worker officer supervisor; do
  if [ "$who" = worker ]; then token=$(worker_token); else token=$(staff_token "$who"); fi
  echo "==> schemathesis as $who"
  st --config-file tests/contract/schemathesis.toml run openapi.yaml --url "$base" \
    -H "Authorization: Bearer $token" --checks all --max-examples "$EXAMPLES" \
    --seed "$SEED" --workers 1 --no-shrink --request-timeout 10 || status=1
done
exit $status
