#!/usr/bin/env bash
# Sets everything up and runs the whole suite locally: PostgreSQL, the embedded broker and the six
# services, each waited for until ready. Ctrl-C (or scripts/run.sh stop from another shell) stops
# every process gracefully.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
logs="$AID_LOCAL/logs"
pids="$AID_LOCAL/services.pids"
services=(identification:8081 disbursement:8082 charity:8083 pairing:8084 training:8085 inspection:8086)
started=$(date +%s)
step() { printf '==> [run %4ss] %s\n' "$(( $(date +%s) - started ))" "$*"; }

stop_services() {
    if [ -f "$pids" ]; then
        step "stopping services (SIGTERM, graceful)"
        while read -r pid; do kill -TERM "$pid" 2>/dev/null || true; done <"$pids"
        while read -r pid; do
            for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
            kill -KILL "$pid" 2>/dev/null || true
        done <"$pids"
        rm -f "$pids"
    fi
}

if [ "${1:-}" = "stop" ]; then
    stop_services
    scripts/infra.sh stop
    exit 0
fi

step "setup"
scripts/setup.sh
step "starting PostgreSQL and the broker"
scripts/infra.sh start
step "building the services (release)"
swift build -c release --product identification --product disbursement --product charity \
    --product pairing --product training --product inspection --product aidctl 2>&1 | grep -E "error|warning: unre|Compiling|Build" | tail -n 3

mkdir -p "$logs"
stop_services
trap 'stop_services; scripts/infra.sh stop; exit 0' INT TERM
export BANK_EXCHANGE_DIR="${BANK_EXCHANGE_DIR:-$AID_LOCAL/bank}"
for entry in "${services[@]}"; do
    name=${entry%%:*}; port=${entry##*:}
    HTTP_PORT=$port .build/release/"$name" >>"$logs/$name.log" 2>&1 &
    echo $! >>"$pids"
    step "started $name on :$port (log: .local/logs/$name.log)"
done
for entry in "${services[@]}"; do
    name=${entry%%:*}; port=${entry##*:}
    for _ in $(seq 1 300); do
        curl -fs "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 && break
        sleep 0.2
    done
    curl -fs "http://127.0.0.1:$port/health/ready" >/dev/null || { echo "$name did not become ready; see $logs/$name.log" >&2; exit 1; }
    step "$name ready"
done
token=$(.build/release/aidctl token --role operator --subject local-operator)
cat <<TXT

The suite is running.
  identification  http://127.0.0.1:8081     disbursement  http://127.0.0.1:8082
  charity         http://127.0.0.1:8083     pairing       http://127.0.0.1:8084
  training        http://127.0.0.1:8085     inspection    http://127.0.0.1:8086
Development operator token (12 h; other roles: .build/release/aidctl token --role bureau-officer):
  $token
Stop with Ctrl-C, or scripts/run.sh stop from another shell.
TXT
wait
