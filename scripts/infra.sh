#!/usr/bin/env bash
# Starts or stops the local PostgreSQL cluster (project-owned, own port) and the embedded broker.
#   scripts/infra.sh start | stop | status
set -euo pipefail
source "$(dirname "$0")/env.sh"
pgbin=/usr/lib/postgresql/15/bin
# Outside the checkout: the postgres user may not be able to enter the folder a clone lives in.
pgdata="${AID_PG_DATA:-/var/lib/postgresql/aid-$(echo "$AID_ROOT" | md5sum | cut -c1-8)}"
tansu_pid="$AID_LOCAL/tansu.pid"

# A CA of this checkout's own and a server certificate for 127.0.0.1/localhost signed by it, so
# the TLS settings are tested against real servers: the services' PostgreSQL ones (sslmode=verify-full,
# sslrootcert=) against the local cluster, their Kafka ones against a TLS front the tests put before a
# broker of their own. Connections without TLS are still accepted. The CA's certificate is $AID_PG_CA;
# the server's certificate and key are also kept in $AID_TLS_DIR for those brokers' TLS front.
# Prints "made" when it made new ones.
local_certificates() {
    [ -f "$pgdata/server.crt" ] && [ -f "$AID_PG_CA" ] && [ -f "$AID_TLS_DIR/server.key" ] && return 0
    local dir
    dir=$(mktemp -d)
    openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=aid local test CA" \
        -keyout "$dir/ca.key" -out "$dir/ca.crt" 2>/dev/null
    openssl req -newkey rsa:2048 -nodes -subj "/CN=localhost" -keyout "$dir/server.key" -out "$dir/server.csr" 2>/dev/null
    printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\n' >"$dir/san.ext"
    openssl x509 -req -in "$dir/server.csr" -CA "$dir/ca.crt" -CAkey "$dir/ca.key" -CAcreateserial -days 3650 \
        -extfile "$dir/san.ext" -out "$dir/server.crt" 2>/dev/null
    install -o postgres -g postgres -m 600 "$dir/server.key" "$pgdata/server.key"
    install -o postgres -g postgres -m 644 "$dir/server.crt" "$pgdata/server.crt"
    mkdir -p "$(dirname "$AID_PG_CA")" "$AID_TLS_DIR"
    cp "$dir/ca.crt" "$AID_PG_CA"
    install -m 600 "$dir/server.key" "$AID_TLS_DIR/server.key"
    install -m 644 "$dir/server.crt" "$AID_TLS_DIR/server.crt"
    rm -rf "$dir"
    echo made
}

pg_start() {
    if [ ! -f "$pgdata/PG_VERSION" ]; then
        mkdir -p "$pgdata"
        chown postgres:postgres "$pgdata"
        chmod 700 "$pgdata"
        runuser -u postgres -- "$pgbin/initdb" -D "$pgdata" -U postgres --auth=trust -E UTF8 >/dev/null
    fi
    local certificates
    certificates=$(local_certificates)
    if runuser -u postgres -- "$pgbin/pg_ctl" -D "$pgdata" status >/dev/null 2>&1; then
        # A running cluster reads new certificate files on reload.
        [ "$certificates" = made ] && runuser -u postgres -- "$pgbin/pg_ctl" -D "$pgdata" reload >/dev/null
    else
        runuser -u postgres -- "$pgbin/pg_ctl" -D "$pgdata" -l "$pgdata/server.log" -w start \
            -o "-p $AID_PG_PORT -k /tmp -c listen_addresses=127.0.0.1 -c max_connections=300 -c ssl=on" >/dev/null
    fi
    psql_admin() { runuser -u postgres -- psql -h 127.0.0.1 -p "$AID_PG_PORT" -U postgres -qtAX "$@"; }
    if [ "$(psql_admin -c "select 1 from pg_roles where rolname='aid'")" != "1" ]; then
        psql_admin -c "create role aid login password 'aid' createdb"
    fi
    if [ "$(psql_admin -c "select 1 from pg_database where datname='aid'")" != "1" ]; then
        psql_admin -c "create database aid owner aid"
    fi
    echo "postgres: 127.0.0.1:$AID_PG_PORT (data in $pgdata)"
}

pg_stop() {
    if [ -f "$pgdata/PG_VERSION" ]; then
        runuser -u postgres -- "$pgbin/pg_ctl" -D "$pgdata" -m fast stop >/dev/null 2>&1 || true
    fi
}

broker_running() { [ -f "$tansu_pid" ] && kill -0 "$(cat "$tansu_pid")" 2>/dev/null; }

broker_start() {
    if [ ! -x "$AID_LOCAL/bin/tansu" ]; then
        echo "no broker in $AID_LOCAL/bin/tansu: run scripts/setup.sh first (it installs it)" >&2
        return 1
    fi
    if ! broker_running; then
        nohup "$AID_LOCAL/bin/tansu" broker \
            --listener-url "tcp://127.0.0.1:$AID_KAFKA_PORT" \
            --advertised-listener-url "tcp://127.0.0.1:$AID_KAFKA_PORT" \
            >"$AID_LOCAL/tansu.log" 2>&1 &
        echo $! >"$tansu_pid"
    fi
    for _ in $(seq 1 100); do
        if (echo >"/dev/tcp/127.0.0.1/$AID_KAFKA_PORT") 2>/dev/null; then
            echo "broker: 127.0.0.1:$AID_KAFKA_PORT (Tansu, memory only; log in .local/tansu.log)"
            return 0
        fi
        sleep 0.1
    done
    echo "broker did not start; see .local/tansu.log" >&2
    return 1
}

broker_stop() {
    if broker_running; then
        kill "$(cat "$tansu_pid")" 2>/dev/null || true
        sleep 0.5
    fi
    rm -f "$tansu_pid"
    # A broker on our port whose pid file was lost (an interrupted start) is ours too.
    pkill -f "tansu broker --listener-url tcp://127.0.0.1:$AID_KAFKA_PORT( |$)" 2>/dev/null || true
    # Wait until the port is free, so a start right after this one can bind it.
    for _ in $(seq 1 100); do
        (echo >"/dev/tcp/127.0.0.1/$AID_KAFKA_PORT") 2>/dev/null || return 0
        sleep 0.1
    done
    echo "the broker port $AID_KAFKA_PORT is still in use" >&2
}

case "${1:-start}" in
    start) pg_start; broker_start ;;
    stop) broker_stop; pg_stop; echo "stopped the broker (:$AID_KAFKA_PORT) and PostgreSQL (:$AID_PG_PORT)" ;;
    restart-broker) broker_stop; broker_start ;;
    status) broker_running && echo "broker running" || echo "broker stopped"
            runuser -u postgres -- "$pgbin/pg_ctl" -D "$pgdata" status >/dev/null 2>&1 && echo "postgres running" || echo "postgres stopped" ;;
    *) echo "usage: $0 start|stop|restart-broker|status" >&2; exit 2 ;;
esac
