# Sourced by the other scripts: where the local PostgreSQL cluster and broker live.
AID_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export AID_ROOT
export AID_LOCAL="$AID_ROOT/.local"
export LD_LIBRARY_PATH="$AID_LOCAL/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
export AID_PG_PORT="${AID_PG_PORT:-54329}"
export AID_KAFKA_PORT="${AID_KAFKA_PORT:-19092}"
# The local cluster's certificate authority (scripts/infra.sh makes it), for sslmode=verify-full tests.
export AID_PG_CA="${AID_PG_CA:-$AID_LOCAL/postgres-ca.crt}"
# The server certificate and key (for 127.0.0.1) that CA signed, for the tests' TLS front of a broker.
export AID_TLS_DIR="${AID_TLS_DIR:-$AID_LOCAL/tls}"
export POSTGRES_URL="${POSTGRES_URL:-postgres://aid:aid@127.0.0.1:$AID_PG_PORT/aid}"
export KAFKA_BROKERS="${KAFKA_BROKERS:-127.0.0.1:$AID_KAFKA_PORT}"
# Short group timings suit one machine; production keeps librdkafka's defaults.
export KAFKA_SESSION_TIMEOUT_MS="${KAFKA_SESSION_TIMEOUT_MS:-3000}"
export KAFKA_HEARTBEAT_INTERVAL_MS="${KAFKA_HEARTBEAT_INTERVAL_MS:-500}"
