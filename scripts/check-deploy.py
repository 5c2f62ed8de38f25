"""Consistency checks of the deployment files against the Swift sources (run by scripts/check-deploy.sh).

Inputs come from check-deploy.sh: the rendered overlays (one multi-document YAML file each), and
what it grepped out of the Swift sources (a JSON file: runtime variables, per-service settings,
topics, consumer groups). Prints one line per finding and ends with a summary line per check; exits
1 when anything failed.
"""
import argparse
import json
import pathlib
import re
import sys

import yaml

SENSITIVE = {"POSTGRES_URL", "KAFKA_SASL_USERNAME", "KAFKA_SASL_PASSWORD", "AUTH_SIGNING_KEY", "AUTH_PREVIOUS_SIGNING_KEY",
             "PII_KEY", "PII_PREVIOUS_KEY"}
# What a pod must be able to stop within: preStop sleep, then the outbox drain (one relay round
# bounded by the producer stall timeout) and the producer's close (10 s, KafkaProducer.close).
PRODUCER_CLOSE_SECONDS = 10
AID_COMPONENT_LABEL = ("app.kubernetes.io/component", "service")


class Report:
    def __init__(self):
        self.checks = {}  # check name -> list of failures
        self.notes = {}

    def check(self, name):
        self.checks.setdefault(name, [])
        return name

    def fail(self, name, message):
        self.checks.setdefault(name, []).append(message)

    def note(self, message):
        self.notes[message] = None

    def finish(self):
        failed = 0
        for name, failures in self.checks.items():
            for failure in failures:
                print(f"    {name}: {failure}")
        for note in self.notes:
            print(f"    note: {note}")
        for name, failures in self.checks.items():
            status = "FAIL" if failures else "PASS"
            failed += bool(failures)
            print(f"{status}  {name}" + (f" ({len(failures)} problem{'s' if len(failures) > 1 else ''})" if failures else ""))
        return 1 if failed else 0


def load_documents(path):
    with open(path) as handle:
        return [doc for doc in yaml.safe_load_all(handle) if doc]


def required_variables(sources, component):
    """The variables `component` reads, or None when its sources do not exist yet."""
    if component not in sources["services"]:
        return None
    return set(sources["runtime"]) | set(sources["services"][component])


def allowed_variables(sources, component):
    """What `component` may be given: what it must be given, and the optional tracing variables."""
    return set(sources["runtime"]) | set(sources.get("optional", [])) | set(sources["services"].get(component, []))


def container_env(container, configmaps, where, report, check):
    """Names set in a container, resolving envFrom ConfigMaps; values by name (None for valueFrom)."""
    names = {}
    for source in container.get("envFrom", []):
        if "configMapRef" in source:
            ref = source["configMapRef"]["name"]
            if ref not in configmaps:
                report.fail(check, f"{where}: envFrom ConfigMap {ref} is not in the rendered manifests")
                continue
            for key, value in (configmaps[ref].get("data") or {}).items():
                names[key] = ("configmap", str(value))
        else:
            report.fail(check, f"{where}: envFrom {list(source)} is not allowed (Secrets go through secretKeyRef)")
    for entry in container.get("env", []):
        if "value" in entry:
            names[entry["name"]] = ("value", str(entry["value"]))
        elif "valueFrom" in entry:
            kind = next(iter(entry["valueFrom"]))
            names[entry["name"]] = (kind, None)
        else:
            names[entry["name"]] = ("value", "")
    return names


def check_variables(report, check, where, component, names, sources, *, init=False):
    allowed = allowed_variables(sources, component)
    extra = sorted(set(names) - allowed)
    if extra:
        report.fail(check, f"{where}: sets {', '.join(extra)}, which {component} does not read")
    if init:
        return
    required = required_variables(sources, component)
    if required is None:
        report.note(f"no Swift sources for '{component}' yet: its containers are checked only for setting nothing "
                    f"outside ServiceConfiguration.variableNames")
        return
    missing = sorted(required - set(names))
    if missing:
        report.fail(check, f"{where}: does not set {', '.join(missing)}, which {component} reads")


def grace_budget(configmaps_values, container):
    stall = int(configmaps_values.get("KAFKA_PRODUCER_STALL_TIMEOUT_S", "30") or 30)
    pre_stop = 0
    command = (((container.get("lifecycle") or {}).get("preStop") or {}).get("exec") or {}).get("command") or []
    if len(command) == 2 and command[0] == "sleep":
        pre_stop = int(command[1])
    return pre_stop + stall + PRODUCER_CLOSE_SECONDS


def selects(selector, labels):
    match = (selector or {}).get("matchLabels") or {}
    return bool(match) and all(labels.get(key) == value for key, value in match.items())


def check_overlay(report, overlay, documents, sources, expected_topics):
    prefix = f"k8s/{overlay}"
    by_kind = {}
    for doc in documents:
        by_kind.setdefault(doc["kind"], []).append(doc)
    configmaps = {doc["metadata"]["name"]: doc for doc in by_kind.get("ConfigMap", [])}
    common = next((doc for name, doc in configmaps.items() if name.startswith("aid-common")), None)
    common_data = {key: str(value) for key, value in ((common or {}).get("data") or {}).items()}

    env_check = report.check("every variable a service reads is set, nothing else (k8s)")
    secret_check = report.check("credentials only from Secrets via secretKeyRef (k8s)")
    workload_check = report.check("deployments: probes, resources, grace period, migrate step, PDB, HPA, NetworkPolicy")
    topic_check = report.check("topics: Strimzi KafkaTopics match Topic.swift + aid.dlq.<group>, partitions, replicas")

    if common is None:
        report.fail(env_check, f"{prefix}: no aid-common ConfigMap")
    for doc in by_kind.get("Secret", []):
        report.fail(secret_check, f"{prefix}: Secret {doc['metadata']['name']} is in the manifests; create Secrets out of band")
    for name, doc in configmaps.items():
        leaked = SENSITIVE & set((doc.get("data") or {}))
        if leaked:
            report.fail(secret_check, f"{prefix}: ConfigMap {name} holds {', '.join(sorted(leaked))}")

    namespaces = {doc["metadata"].get("namespace") for doc in documents if doc["kind"] != "Namespace"}
    if len(namespaces) != 1 or None in namespaces:
        report.fail(workload_check, f"{prefix}: resources are not all in one namespace: {sorted(map(str, namespaces))}")

    partitions = int(common_data.get("KAFKA_TOPIC_PARTITIONS", "0") or 0)
    replication = int(common_data.get("KAFKA_REPLICATION_FACTOR", "0") or 0)

    deployments = [doc for doc in by_kind.get("Deployment", [])
                   if doc["metadata"].get("labels", {}).get(AID_COMPONENT_LABEL[0]) == AID_COMPONENT_LABEL[1]]
    deployed = {}
    images = set()
    for deployment in deployments:
        name = deployment["metadata"]["name"]
        pod = deployment["spec"]["template"]["spec"]
        labels = deployment["spec"]["template"]["metadata"].get("labels", {})
        where = f"{prefix} Deployment {name}"
        main = next((c for c in pod["containers"] if c["name"] == name), None)
        if main is None:
            report.fail(workload_check, f"{where}: no container named {name}")
            continue
        component = (main.get("command") or [""])[0]
        deployed[component] = deployment
        images.add(main.get("image"))
        if str(main.get("image", "")).endswith(":latest") or ":" not in str(main.get("image", "")):
            report.fail(workload_check, f"{where}: image {main.get('image')} has no release tag")
        names = container_env(main, configmaps, where, report, env_check)
        check_variables(report, env_check, where, component, names, sources)
        for variable in sorted(SENSITIVE & set(names)):
            if names[variable][0] != "secretKeyRef":
                report.fail(secret_check, f"{where}: {variable} is not from a secretKeyRef")
        # Probes.
        for probe, path in (("livenessProbe", "/health/live"), ("readinessProbe", "/health/ready"), ("startupProbe", "/health/live")):
            got = ((main.get(probe) or {}).get("httpGet") or {}).get("path")
            if got != path:
                report.fail(workload_check, f"{where}: {probe} should GET {path}, has {got}")
        # Resources, every container.
        for container in pod.get("initContainers", []) + pod["containers"]:
            resources = container.get("resources") or {}
            for section in ("requests", "limits"):
                if not {"cpu", "memory"} <= set(resources.get(section) or {}):
                    report.fail(workload_check, f"{where}: container {container['name']} lacks {section} for cpu and memory")
        # Grace period longer than the drain.
        values = {**common_data, **{k: v[1] for k, v in names.items() if v[1] is not None}}
        budget = grace_budget(values, main)
        grace = pod.get("terminationGracePeriodSeconds", 30)
        if grace <= budget:
            report.fail(workload_check, f"{where}: terminationGracePeriodSeconds {grace} is not above the drain time {budget} s")
        # Migration init step.
        migrate = [c for c in pod.get("initContainers", []) if c.get("command") == main.get("command")]
        if not migrate:
            report.fail(workload_check, f"{where}: no init container running {component} with MIGRATE_ONLY=true")
        for container in migrate:
            init_names = container_env(container, configmaps, f"{where} init {container['name']}", report, env_check)
            check_variables(report, env_check, f"{where} init {container['name']}", component, init_names, sources, init=True)
            if init_names.get("MIGRATE_ONLY") != ("value", "true"):
                report.fail(workload_check, f"{where}: init container {container['name']} does not set MIGRATE_ONLY=true")
            for variable in ("POSTGRES_URL", "POSTGRES_SCHEMA"):
                if variable not in init_names:
                    report.fail(env_check, f"{where}: init container {container['name']} does not set {variable}")
            if container.get("image") != main.get("image"):
                report.fail(workload_check, f"{where}: init container {container['name']} runs another image")
            for variable in sorted(SENSITIVE & set(init_names)):
                if init_names[variable][0] != "secretKeyRef":
                    report.fail(secret_check, f"{where}: init {variable} is not from a secretKeyRef")
        schema = names.get("POSTGRES_SCHEMA", (None, None))[1]
        if schema != component:
            report.fail(env_check, f"{where}: POSTGRES_SCHEMA is {schema}, expected {component} (postgres/init-roles.sql)")
        # PDB, HPA, NetworkPolicy.
        if not any(selects(pdb["spec"].get("selector"), labels) for pdb in by_kind.get("PodDisruptionBudget", [])):
            report.fail(workload_check, f"{where}: no PodDisruptionBudget selects it")
        hpas = [h for h in by_kind.get("HorizontalPodAutoscaler", []) if h["spec"]["scaleTargetRef"]["name"] == name]
        if not hpas:
            report.fail(workload_check, f"{where}: no HorizontalPodAutoscaler")
        for hpa in hpas:
            high, low = hpa["spec"]["maxReplicas"], hpa["spec"].get("minReplicas", 1)
            fewest = min((t["spec"].get("partitions", 0) for t in by_kind.get("KafkaTopic", [])), default=partitions)
            if high > min(partitions, fewest):
                report.fail(workload_check, f"{where}: HPA maxReplicas {high} exceeds the partitions "
                                            f"(KAFKA_TOPIC_PARTITIONS {partitions}, fewest of a KafkaTopic {fewest})")
            if low > high:
                report.fail(workload_check, f"{where}: HPA minReplicas {low} exceeds maxReplicas {high}")
        policies = [p for p in by_kind.get("NetworkPolicy", []) if selects(p["spec"].get("podSelector"), labels)]
        if not policies:
            report.fail(workload_check, f"{where}: no NetworkPolicy of its own")
        for policy in policies:
            if "Egress" not in policy["spec"].get("policyTypes", []):
                report.fail(workload_check, f"{where}: NetworkPolicy {policy['metadata']['name']} does not restrict egress")
            for rule in policy["spec"].get("egress", []):
                for peer in rule.get("to", []) or [{}]:
                    pod_labels = (peer.get("podSelector") or {}).get("matchLabels") or {}
                    kind = ("dns" if pod_labels.get("k8s-app") == "kube-dns"
                            else "kafka" if "strimzi.io/cluster" in pod_labels
                            else "postgres" if pod_labels.get("app.kubernetes.io/name") == "aid-postgres"
                            else "otel-collector" if pod_labels.get("app.kubernetes.io/name") == "otel-collector"
                            else None)
                    if kind is None:
                        report.fail(workload_check, f"{where}: NetworkPolicy {policy['metadata']['name']} lets it reach {peer or 'anything'}")

    if len(images) > 1:
        report.fail(workload_check, f"{prefix}: the services run different images: {sorted(images)}")
    for component in sorted(set(sources["services"]) - set(deployed)):
        report.fail(workload_check, f"{prefix}: no Deployment runs {component}")

    # Topics.
    topics = {doc["metadata"]["name"]: doc for doc in by_kind.get("KafkaTopic", [])}
    missing, extra = sorted(expected_topics - set(topics)), sorted(set(topics) - expected_topics)
    if missing:
        report.fail(topic_check, f"{prefix}: no KafkaTopic for {', '.join(missing)}")
    stale = [name for name in extra if name.startswith("aid.dlq.")]
    if stale:
        # A dead-letter topic may outlive its group: it can still hold letters nobody has replayed.
        report.note(f"{', '.join(stale)}: no consumer group of that name in the sources (yet); "
                    f"a dead-letter topic may be made ahead of its group or outlive it until it is empty")
    if set(extra) - set(stale):
        report.fail(topic_check, f"{prefix}: KafkaTopic {', '.join(sorted(set(extra) - set(stale)))} "
                                 f"is neither in Topic.swift nor a consumer group's DLQ")
    for name, doc in topics.items():
        spec = doc["spec"]
        if spec.get("topicName", name) != name:
            report.fail(topic_check, f"{prefix}: KafkaTopic {name} names topic {spec['topicName']}")
        if spec.get("partitions") != partitions:
            report.fail(topic_check, f"{prefix}: {name} has {spec.get('partitions')} partitions, KAFKA_TOPIC_PARTITIONS is {partitions}")
        if spec.get("replicas") != replication:
            report.fail(topic_check, f"{prefix}: {name} has {spec.get('replicas')} replicas, KAFKA_REPLICATION_FACTOR is {replication}")
        isr = int((spec.get("config") or {}).get("min.insync.replicas", 1))
        if spec.get("replicas", 1) > 1 and not 1 < isr < spec["replicas"]:
            report.fail(topic_check, f"{prefix}: {name} min.insync.replicas {isr} with {spec['replicas']} replicas "
                                     f"(acks=all needs 1 < min.insync.replicas < replicas)")
    return set(deployed)


def check_compose(report, compose, sources, expected_topics):
    env_check = report.check("every variable a service reads is set, nothing else (compose)")
    shape_check = report.check("compose: services, topics job, grace period, roles")
    services = compose.get("services", {})
    aid = {name: svc for name, svc in services.items() if "precise-student-aid" in str(svc.get("image", ""))}
    seen = set()
    for name, service in aid.items():
        where = f"docker/compose.yaml {name}"
        command = service.get("command") or []
        component = command[0] if command else name
        if component != name:
            report.fail(shape_check, f"{where}: runs {component}")
        seen.add(component)
        environment = service.get("environment") or {}
        if isinstance(environment, list):
            environment = dict(item.split("=", 1) if "=" in item else (item, None) for item in environment)
        check_variables(report, env_check, where, component, environment, sources)
        grace = str(service.get("stop_grace_period", "10s"))
        seconds = int(re.fullmatch(r"(\d+)s", grace).group(1)) if re.fullmatch(r"(\d+)s", grace) else 0
        stall = int(str(environment.get("KAFKA_PRODUCER_STALL_TIMEOUT_S", "30")) or 30)
        if seconds <= stall + PRODUCER_CLOSE_SECONDS:
            report.fail(shape_check, f"{where}: stop_grace_period {grace} is not above the drain time {stall + PRODUCER_CLOSE_SECONDS} s")
        if str(environment.get("POSTGRES_SCHEMA")) != component:
            report.fail(env_check, f"{where}: POSTGRES_SCHEMA is {environment.get('POSTGRES_SCHEMA')}, expected {component}")
        url = str(environment.get("POSTGRES_URL", ""))
        if not url.startswith(f"postgres://aid_{component}:"):
            report.fail(shape_check, f"{where}: POSTGRES_URL does not log in as aid_{component}")
        for variable in ("AUTH_SIGNING_KEY", "AUTH_PREVIOUS_SIGNING_KEY", "PII_KEY", "PII_PREVIOUS_KEY"):
            if variable in environment and not str(environment[variable]).startswith("${"):
                report.fail(shape_check, f"{where}: {variable} is a fixed value; use ${{VARIABLE:-development default}}")
        depends = service.get("depends_on") or {}
        for needed in ("kafka-topics", "postgres-setup"):
            if (depends.get(needed) or {}).get("condition") != "service_completed_successfully":
                report.fail(shape_check, f"{where}: does not wait for {needed} to complete")
        if str(environment.get("KAFKA_TOPIC_PARTITIONS")) != "6" or str(environment.get("KAFKA_REPLICATION_FACTOR")) != "3":
            report.fail(shape_check, f"{where}: expects 6 partitions and replication factor 3 (the topics job makes those)")
    for component in sorted(set(sources["services"]) - seen):
        report.fail(shape_check, f"docker/compose.yaml: no service runs {component}")
    if "dashboard" not in seen:
        report.fail(shape_check, "docker/compose.yaml: no dashboard service")
    brokers = [name for name, svc in services.items() if str(svc.get("image", "")).startswith("apache/kafka") and name.startswith("kafka-") and name != "kafka-topics"]
    if len(brokers) != 3:
        report.fail(shape_check, f"docker/compose.yaml: {len(brokers)} Kafka brokers, expected 3")
    for name in brokers:
        environment = services[name].get("environment") or {}
        if str(environment.get("KAFKA_PROCESS_ROLES")) != "broker,controller":
            report.fail(shape_check, f"docker/compose.yaml {name}: not a KRaft broker+controller")
        if str(environment.get("KAFKA_MIN_INSYNC_REPLICAS")) != "2" or str(environment.get("KAFKA_DEFAULT_REPLICATION_FACTOR")) != "3":
            report.fail(shape_check, f"docker/compose.yaml {name}: min.insync.replicas 2 / replication factor 3 expected")
    job = services.get("kafka-topics") or {}
    listed = set(str((job.get("environment") or {}).get("AID_TOPICS", "")).split())
    extra = {name for name in listed - expected_topics if not name.startswith("aid.dlq.")}
    if expected_topics - listed or extra:
        report.fail(shape_check, "docker/compose.yaml kafka-topics: AID_TOPICS differs from the sources: "
                                 f"missing {sorted(expected_topics - listed)}, extra {sorted(extra)}")
    script = " ".join(map(str, job.get("command") or []))
    for needle in ("--partitions 6", "--replication-factor 3", "min.insync.replicas=2"):
        if needle not in script:
            report.fail(shape_check, f"docker/compose.yaml kafka-topics: command lacks {needle}")
    return seen


def check_roles(report, sql_paths, components):
    check = report.check("postgres: one role and schema per service; docker and k8s copies identical")
    texts = [pathlib.Path(path).read_text() for path in sql_paths]
    if len(set(texts)) != 1:
        report.fail(check, f"{' and '.join(sql_paths)} differ; copy docker/postgres/init-roles.sql over the other")
    text = texts[0]
    for component in sorted(components):
        if f"CREATE SCHEMA IF NOT EXISTS {component} AUTHORIZATION aid_{component};" not in text:
            report.fail(check, f"init-roles.sql: no schema {component} owned by aid_{component}")
        if f"PASSWORD :'{component}_password'" not in text:
            report.fail(check, f"init-roles.sql: no password for aid_{component}")
    if "REVOKE ALL ON SCHEMA public FROM PUBLIC" not in text:
        report.fail(check, "init-roles.sql: public schema not closed to PUBLIC")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sources", required=True, help="JSON from check-deploy.sh")
    parser.add_argument("--compose", required=True)
    parser.add_argument("--sql", nargs=2, required=True)
    parser.add_argument("overlays", nargs="+", help="NAME=rendered.yaml")
    arguments = parser.parse_args()

    sources = json.loads(pathlib.Path(arguments.sources).read_text())
    report = Report()
    source_check = report.check("Swift sources read (variables, settings, topics, groups)")
    if not sources["runtime"] or not sources["services"] or not sources["topics"]:
        report.fail(source_check, f"could not extract what the services read: {sources}")
    expected_topics = set(sources["topics"]) | {f"aid.dlq.{group}" for group in sources["groups"]}

    components = set(sources["services"])
    for entry in arguments.overlays:
        overlay, path = entry.split("=", 1)
        components |= check_overlay(report, overlay, load_documents(path), sources, expected_topics)
    with open(arguments.compose) as handle:
        compose = yaml.safe_load(handle)
    components |= check_compose(report, compose, sources, expected_topics)
    check_roles(report, arguments.sql, components)
    sys.exit(report.finish())


if __name__ == "__main__":
    main()
