#!/usr/bin/env bash
# Runs every test on a fresh machine of this kind: installs what is missing, starts a project-owned
# PostgreSQL cluster and the embedded Kafka-protocol broker, builds, and runs the whole suite
# (unit, contract, Kafka wrapper and integration tests, including the crash test).
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)
step() { printf '\n==> [test %4ss] %s\n' "$(( $(date +%s) - started ))" "$*"; }

step "setup (packages, librdkafka runtime, broker)"
scripts/setup.sh
source scripts/env.sh

step "starting PostgreSQL and the broker"
scripts/infra.sh start
trap 'scripts/infra.sh stop >/dev/null 2>&1 || true' EXIT

step "building (first build of the dependencies takes several minutes)"
swift build --build-tests

step "checking deployment manifests"
scripts/check-deploy.sh

step "running the tests"
# One test at a time: the integration tests start real processes and a 2-core machine is shared.
swift test --skip-build --no-parallel "$@"
step "done"
