#!/usr/bin/env bash
# Sets everything up and runs the whole suite locally: PostgreSQL, the embedded broker and the six
# services and the dashboard, each waited for until ready; then, unless
# --no-demo is given, loads the synthetic demo city (scale 1, seed 2026, cached in .local/city)
# through the services' APIs and pays its semester once. Ctrl-C (or scripts/run.sh stop from
# another shell) stops every process gracefully.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
logs="$AID_LOCAL/logs"
pids="$AID_LOCAL/services.pids"
services=(identification:8081 disbursement:8082 charity:8083 pairing:8084 training:8085 inspection:8086 dashboard:8090)
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

demo=true
[ "${1:-}" = "--no-demo" ] && demo=false

if [ "${1:-}" = "stop" ]; then
    stop_services
    scripts/infra.sh stop
    exit 0
fi

step "setup"
scripts/setup.sh
step "starting PostgreSQL and the broker"
scripts/infra.sh start
# One product per call: given several --product options, swift build builds only the last.
# The first product compiles the shared dependencies (several minutes on 2 cores); the rest are quick.
products=(identification disbursement charity pairing training inspection dashboard aidctl citygen)
for i in "${!products[@]}"; do
    product=${products[$i]}
    step "building $product (release, $((i + 1)) of ${#products[@]}; full log in .local/build.log)"
    swift build -c release --product "$product" >>"$AID_LOCAL/build.log" 2>&1 \
        || { tail -n 30 "$AID_LOCAL/build.log"; echo "building $product failed" >&2; exit 1; }
done

mkdir -p "$logs"
stop_services
# Ctrl-C reaches the whole process group: the services start their graceful shutdown at once; this
# waits for them, then stops the broker and PostgreSQL. Output may go to a pipe whose reader (tee)
# died of the same Ctrl-C, so a failed write must not end the clean-up half way.
shutdown_all() {
    trap '' INT TERM PIPE
    set +e
    stop_services
    scripts/infra.sh stop
    exit 0
}
trap shutdown_all INT TERM
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
dashboard="http://127.0.0.1:8090"
cat <<TXT

The suite is running.
  identification  http://127.0.0.1:8081     disbursement  http://127.0.0.1:8082
  charity         http://127.0.0.1:8083     pairing       http://127.0.0.1:8084
  training        http://127.0.0.1:8085     inspection    http://127.0.0.1:8086
  dashboard       $dashboard
Development operator token (12 h; other roles: .build/release/aidctl token --role bureau-officer):
  $token
Stop with Ctrl-C, or scripts/run.sh stop from another shell.
TXT
if $demo; then
    city="$AID_LOCAL/city"
    if [ -f "$city/city.json" ]; then
        step "demo city cached in .local/city (delete it to generate again)"
    else
        step "generating the demo city (scale 1, seed 2026) into .local/city"
        .build/release/citygen generate --scale 1 --seed 2026 --out "$city"
    fi
    # A failed load or payment leaves the suite running, as without the demo.
    step "loading the demo city through the services' HTTP APIs"
    if .build/release/citygen load --dir "$city"; then
        step "paying the semester once: prepared by an operator, approved by a second officer, sent"
        .build/release/citygen pay --dir "$city" || step "the payment round failed; see above"
    else
        step "loading the demo city failed; see above"
    fi
    step "demo done; dashboard: $dashboard"
fi
wait
