#!/usr/bin/env bash
# Times `citygen load` of a generated city into one `identification` process on a schema and topic
# prefix of its own (the other services skipped), so builds can be compared on the same machine.
#   Benchmarks/load-identification.sh NAME CITY_DIR [SERVER_BIN_DIR] [CITYGEN_BIN_DIR] [PORT]
# e.g. after `scripts/infra.sh start` and `.build/debug/citygen generate --scale 1 --seed 2026 --out /tmp/city`:
#   Benchmarks/load-identification.sh now /tmp/city
# DROP_INDEXES=1 drops identification-007's indexes before loading (to measure what they do).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
name=$1; city=$2; server=${3:-.build/debug}; loader=${4:-.build/debug}; port=${5:-18081}
schema="bench_$name"
export POSTGRES_SCHEMA="$schema" KAFKA_TOPIC_PREFIX="bench-$name-$(date +%s)." HTTP_PORT="$port"
PGOPTIONS="-c client_min_messages=warning" psql "$POSTGRES_URL" -qc "DROP SCHEMA IF EXISTS $schema CASCADE"
"$server/identification" >"/tmp/$schema-server.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null && break; sleep 0.3; done
if [ -n "${DROP_INDEXES:-}" ]; then
    psql "$POSTGRES_URL" -qc "DROP INDEX $schema.verification_visits_by_application; DROP INDEX $schema.parent_reviews_by_application"
fi
# The loader's own CPU time too: it shares the machine with the service it feeds.
TIMEFORMAT="citygen: %R s wall, %U s user + %S s system CPU (the loader's pipeline)"
time "$loader/citygen" load --dir "$city" --identification "http://127.0.0.1:$port" --skip disbursement charity pairing training \
    | tee "/tmp/$schema-load.log" | grep -E "done in|loaded in"
