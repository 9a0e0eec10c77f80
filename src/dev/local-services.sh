#!/usr/bin/env bash
# The two servers `perfsweep serve` needs, on this machine, where serve looks for them by default:
#   NATS JetStream  nats://127.0.0.1:4222                                 (Debian's nats-server, started with -js)
#   PostgreSQL      jdbc:postgresql://127.0.0.1:15432/perfsweep, user postgres, password postgres
#                   (the machine's own initdb and pg_ctl; a cluster of its own, not the system's)
# No Docker, nothing installed: when a binary is missing it names the Debian package and stops.
#
# Usage: src/dev/local-services.sh [start|stop|status]     (start is the default)
#   start   starts what is not running yet (running again changes nothing), then prints where both listen
#   stop    stops both; the data stays for the next start (remove the data directory for a fresh one)
#   status  prints the state of each; exit code 0 when both run, 3 otherwise
# Environment: the variables serve reads, so both sides agree when one is changed: PERFSWEEP_NATS_URL
#   (nats://127.0.0.1:PORT), PERFSWEEP_DB_URL (jdbc:postgresql://127.0.0.1:PORT/DATABASE), PERFSWEEP_DB_USER,
#   PERFSWEEP_DB_PASSWORD; loopback only. PERFSWEEP_SERVICES_DIR: data and logs (default
#   ${TMPDIR:-/tmp}/perfsweep-services-<user>: as root, PostgreSQL runs as the postgres user, which must reach it).
set -euo pipefail

NATS_URL=${PERFSWEEP_NATS_URL:-nats://127.0.0.1:4222}
DB_URL=${PERFSWEEP_DB_URL:-jdbc:postgresql://127.0.0.1:15432/perfsweep}
DB_USER=${PERFSWEEP_DB_USER:-postgres}
DB_PASSWORD=${PERFSWEEP_DB_PASSWORD:-postgres}
DIR=${PERFSWEEP_SERVICES_DIR:-${TMPDIR:-/tmp}/perfsweep-services-$(id -un)}
ME=$(basename "$0")

fail() { # code message...
    local code=$1
    shift
    printf '%s: %s\n' "$ME" "$*" >&2
    exit "$code"
}

[[ $NATS_URL =~ ^nats://(127\.0\.0\.1|localhost):([0-9]+)$ ]] \
    || fail 2 "PERFSWEEP_NATS_URL must be nats://127.0.0.1:PORT for a local server, was $NATS_URL"
NATS_PORT=${BASH_REMATCH[2]}
[[ $DB_URL =~ ^jdbc:postgresql://(127\.0\.0\.1|localhost):([0-9]+)/([A-Za-z0-9_]+)$ ]] \
    || fail 2 "PERFSWEEP_DB_URL must be jdbc:postgresql://127.0.0.1:PORT/DATABASE for a local server, was $DB_URL"
PG_PORT=${BASH_REMATCH[2]}
DB_NAME=${BASH_REMATCH[3]}
NATS_DIR=$DIR/nats
PG_DATA=$DIR/pg

listening() { # port
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

await_port() { # port seconds
    for _ in $(seq 1 $(($2 * 10))); do
        listening "$1" && return 0
        sleep 0.1
    done
    return 1
}

# --- NATS

nats_pid() { # prints the pid of our nats-server when it runs
    local pid
    [[ -f $NATS_DIR/nats.pid ]] || return 1
    pid=$(cat "$NATS_DIR/nats.pid")
    [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null && [[ $(cat "/proc/$pid/comm" 2>/dev/null) == nats-server ]] \
        && echo "$pid"
}

start_nats() {
    local pid
    if pid=$(nats_pid); then
        echo "NATS JetStream   already running (pid $pid) on $NATS_URL"
        return 0
    fi
    command -v nats-server >/dev/null \
        || fail 2 "nats-server is not installed: apt-get install nats-server (Debian package nats-server)"
    listening "$NATS_PORT" && fail 1 "127.0.0.1:$NATS_PORT is taken by a process this script did not start;" \
        "stop it, or set PERFSWEEP_NATS_URL to a free port for both this script and serve"
    mkdir -p "$NATS_DIR"
    # -js: JetStream, which serve needs (its streams and durable consumer); the store stays under $NATS_DIR
    nohup nats-server -a 127.0.0.1 -p "$NATS_PORT" -js -sd "$NATS_DIR" -l "$NATS_DIR/nats-server.log" \
        -P "$NATS_DIR/nats.pid" >/dev/null 2>&1 &
    disown
    await_port "$NATS_PORT" 10 || {
        tail -n 20 "$NATS_DIR/nats-server.log" >&2 2>/dev/null || true
        fail 1 "nats-server did not listen on 127.0.0.1:$NATS_PORT within 10 s (log: $NATS_DIR/nats-server.log)"
    }
    echo "NATS JetStream   started (pid $(nats_pid || echo '?')) on $NATS_URL"
}

stop_nats() {
    local pid
    if ! pid=$(nats_pid); then
        echo "NATS JetStream   not running"
        return 0
    fi
    kill "$pid"
    for _ in $(seq 1 100); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
    rm -f "$NATS_DIR/nats.pid"
    echo "NATS JetStream   stopped"
}

# --- PostgreSQL

PGBIN=""
find_pgbin() {
    if command -v pg_config >/dev/null && [[ -x $(pg_config --bindir)/initdb ]]; then
        PGBIN=$(pg_config --bindir)
    else # initdb and pg_ctl are not on PATH on Debian
        PGBIN=$(find /usr/lib/postgresql -maxdepth 2 -name bin -type d 2>/dev/null | sort -V | tail -n 1)
    fi
    [[ -n $PGBIN && -x $PGBIN/initdb && -x $PGBIN/pg_ctl ]] \
        || fail 2 "no PostgreSQL server binaries (initdb, pg_ctl): apt-get install postgresql (Debian package" \
            "postgresql, which brings postgresql-15)"
}

AS_PG=()
if [[ $(id -u) == 0 ]]; then
    AS_PG=(runuser -u postgres --) # initdb and postgres refuse to run as root
fi

pg_running() {
    [[ -f $PG_DATA/PG_VERSION ]] && "${AS_PG[@]}" "$PGBIN/pg_ctl" -D "$PG_DATA" status >/dev/null 2>&1
}

psql_local() { # sql: as the superuser over the cluster's own socket (local connections are trusted)
    "${AS_PG[@]}" "$PGBIN/psql" -h "$PG_DATA" -p "$PG_PORT" -U "$DB_USER" -d postgres -v ON_ERROR_STOP=1 -qtAc "$1"
}

start_pg() {
    find_pgbin
    if ! pg_running; then
        listening "$PG_PORT" && fail 1 "127.0.0.1:$PG_PORT is taken by a process this script did not start;" \
            "stop it, or set PERFSWEEP_DB_URL to a free port for both this script and serve"
        mkdir -p "$PG_DATA"
        chmod 700 "$PG_DATA"
        if ((${#AS_PG[@]})); then
            id postgres >/dev/null 2>&1 || fail 2 "no postgres user to run PostgreSQL as root: apt-get install postgresql"
            chmod 755 "$DIR"
            chown postgres: "$PG_DATA"
            "${AS_PG[@]}" test -x "$DIR" \
                || fail 2 "the postgres user cannot reach $DIR; set PERFSWEEP_SERVICES_DIR to a directory it can reach"
        fi
        if [[ ! -f $PG_DATA/PG_VERSION ]]; then
            local pwfile
            pwfile=$(mktemp)
            printf '%s\n' "$DB_PASSWORD" >"$pwfile"
            ((${#AS_PG[@]})) && chown postgres: "$pwfile"
            # local (socket) connections trusted for this script; TCP, as serve connects, needs the password
            "${AS_PG[@]}" "$PGBIN/initdb" -D "$PG_DATA" -U "$DB_USER" --pwfile="$pwfile" --auth-local=trust \
                --auth-host=scram-sha-256 -E UTF8 --no-locale >"$DIR/initdb.log" 2>&1 || {
                rm -f "$pwfile"
                tail -n 20 "$DIR/initdb.log" >&2
                fail 1 "initdb failed (log: $DIR/initdb.log)"
            }
            rm -f "$pwfile"
        fi
        # throwaway data: no fsync; loopback TCP only, the socket in the data directory
        "${AS_PG[@]}" "$PGBIN/pg_ctl" -D "$PG_DATA" -l "$PG_DATA/postgresql.log" -w -t 60 start \
            -o "-p $PG_PORT -k $PG_DATA -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off \
                -c full_page_writes=off" >/dev/null || {
            tail -n 20 "$PG_DATA/postgresql.log" >&2 2>/dev/null || true
            fail 1 "PostgreSQL did not start (log: $PG_DATA/postgresql.log)"
        }
        echo "PostgreSQL       started on $DB_URL (user $DB_USER)"
    else
        echo "PostgreSQL       already running on $DB_URL (user $DB_USER)"
    fi
    if [[ $(psql_local "select count(*) from pg_database where datname = '$DB_NAME'") != 1 ]]; then
        psql_local "create database \"$DB_NAME\""
        echo "                 database $DB_NAME created"
    fi
}

stop_pg() {
    find_pgbin
    if ! pg_running; then
        echo "PostgreSQL       not running"
        return 0
    fi
    "${AS_PG[@]}" "$PGBIN/pg_ctl" -D "$PG_DATA" -m fast -w stop >/dev/null
    echo "PostgreSQL       stopped"
}

# --- commands

case "${1:-start}" in
start)
    mkdir -p "$DIR"
    start_nats
    start_pg
    echo "data and logs:   $DIR"
    echo "next:            ./perfsweep serve   (same PERFSWEEP_* variables, if any)"
    ;;
stop)
    stop_nats
    stop_pg
    ;;
status)
    up=0
    if pid=$(nats_pid); then
        echo "NATS JetStream   running (pid $pid) on $NATS_URL"
        up=$((up + 1))
    else
        echo "NATS JetStream   not running"
    fi
    find_pgbin
    if pg_running; then
        echo "PostgreSQL       running on $DB_URL (user $DB_USER)"
        up=$((up + 1))
    else
        echo "PostgreSQL       not running"
    fi
    echo "data and logs:   $DIR"
    ((up == 2)) || exit 3
    ;;
*)
    fail 2 "usage: $ME [start|stop|status]"
    ;;
esac
