#!/usr/bin/env bash
# A throwaway PostgreSQL server for the test suite: unix socket only (no TCP), trust auth,
# data in $EVENTWATCH_PG_DIR (default /tmp/eventwatch-pg).
#   .ci/postgres.sh start   install Debian's postgresql if needed, start, print the server URL
#   .ci/postgres.sh stop    stop the server and delete its data
# Run as root (CI) or as any user that can run initdb; the server runs as 'postgres' under root.
set -euo pipefail
DIR=${EVENTWATCH_PG_DIR:-/tmp/eventwatch-pg}

installed_bindir() {
    ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true
}

bindir() {
    local found
    found=$(installed_bindir)
    if [ -z "$found" ]; then
        DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
        found=$(installed_bindir)
        # the package may start its default cluster on localhost:5432; the tests do not use it
        pg_ctlcluster "$(basename "$(dirname "$found")")" main stop >&2 2>/dev/null || true
    fi
    echo "$found"
}

as_owner() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start() {
    local bin
    bin=$(bindir)
    stop
    mkdir -p "$DIR"
    [ "$(id -u)" = 0 ] && chown postgres: "$DIR"
    as_owner "$bin/initdb" -D "$DIR/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$DIR/initdb.log"
    as_owner "$bin/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 \
        -o "-c listen_addresses='' -c unix_socket_directories='$DIR' -c fsync=off -c max_connections=200" start >&2
    as_owner "$bin/pg_isready" -q -h "$DIR" -t 30
    echo "postgresql://postgres@/postgres?host=$DIR"
}

stop() {
    local bin
    bin=$(installed_bindir)
    if [ -n "$bin" ] && [ -f "$DIR/data/postmaster.pid" ]; then
        as_owner "$bin/pg_ctl" -D "$DIR/data" -m fast -w stop >&2
    fi
    rm -rf "$DIR"
}

case "${1:-start}" in
    start) start ;;
    stop) stop ;;
    *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
