#!/usr/bin/env bash
# Soak benchmark (not in CI): one packaged service, fed for SOAK_MINUTES with good jobs, bad messages and jobs against
# targets that misbehave, must stay flat and lose nothing.
#   - starts its own nats-server (JetStream, free port, temporary store), its own PostgreSQL (the machine's initdb and
#     pg_ctl, free port, temporary data directory; or SOAK_PG_URL), the built-in mock engine, a misbehaving target
#     (src/bench/soak-fault-target.py) and the service (`serve`), all on loopback
#   - every SOAK_ROUND_SECONDS: a good job over NATS and one over REST against the mock, a job against the misbehaving
#     target (its mode and URL change every round, so every round opens a new per-target lane), 8 bad messages over NATS
#     (empty, not JSON, binary, wrong apiVersion, invalid URL, host not allowed, level 0, 600 KB), and every 5th round
#     a job cancelled while it runs
#   - samples the service's RSS, heap after a full GC, threads, open file descriptors and TCP sockets at boot, at
#     "start" (after SOAK_WARMUP_ROUNDS rounds, drained and idle), every SOAK_SAMPLE_MINUTES under load, and at "end"
#     (drained and idle); then checks every job it sent by id over REST and counts the events on JetStream
# Exit 1 when a job is not final after SOAK_DRAIN_SECONDS, is missing, ends in the wrong state (good: SUCCEEDED, bad
# message: REJECTED, faulty target: FAILED, cancelled: CANCELLED), the events do not match the final states, or an
# end figure exceeds its bound (docs/benchmarks.md, "Soak"; defaults below, all idle against idle).
# Usage: SOAK_MINUTES=30 src/bench/soak.sh      (builds target/quarkus-app first if it is missing or stale)
# Environment: SOAK_MINUTES (30), SOAK_ROUND_SECONDS (15), SOAK_SAMPLE_MINUTES (5), SOAK_WARMUP_ROUNDS (4),
#   SOAK_DRAIN_SECONDS (300), SOAK_SETTLE_SECONDS (30, idle time before the start and end samples), SOAK_LOG_DIR
#   (default target/soak-<UTC time>), SERVICE_JAVA_OPTS, MOCK_JAVA_OPTS, SOAK_PG_URL + SOAK_PG_USER +
#   SOAK_PG_PASSWORD (a JDBC URL of an empty database to use instead of starting PostgreSQL), bounds: SOAK_MAX_RSS_PCT,
#   SOAK_MAX_HEAP_PCT, SOAK_MAX_THREADS, SOAK_MAX_FDS, SOAK_MAX_CONNS.
set -euo pipefail

cd "$(dirname "$0")/../.."
ROOT=$(pwd)
JAR=$ROOT/target/quarkus-app/quarkus-run.jar
BENCH=$ROOT/src/bench
SOAK_MINUTES=${SOAK_MINUTES:-30}
SOAK_ROUND_SECONDS=${SOAK_ROUND_SECONDS:-15}
SOAK_SAMPLE_MINUTES=${SOAK_SAMPLE_MINUTES:-5}
SOAK_WARMUP_ROUNDS=${SOAK_WARMUP_ROUNDS:-4}
SOAK_DRAIN_SECONDS=${SOAK_DRAIN_SECONDS:-300}
SOAK_SETTLE_SECONDS=${SOAK_SETTLE_SECONDS:-30}
# A fixed heap, touched at start: RSS then moves only with native memory (threads, metaspace, direct buffers), and
# heap growth shows in "heap after GC". 384 MiB is well inside the manifests' 1 GiB limit.
SERVICE_JAVA_OPTS=${SERVICE_JAVA_OPTS:--Xms384m -Xmx384m -XX:+AlwaysPreTouch}
MOCK_JAVA_OPTS=${MOCK_JAVA_OPTS:--Xmx128m -XX:+UseSerialGC}
# Bounds, end (idle) against start (idle, after the warm-up rounds).
SOAK_MAX_RSS_PCT=${SOAK_MAX_RSS_PCT:-15}      # RSS may grow by at most this many per cent
SOAK_MAX_HEAP_PCT=${SOAK_MAX_HEAP_PCT:-25}    # heap after a full GC: this many per cent, or 16 MiB if that is more
SOAK_MAX_THREADS=${SOAK_MAX_THREADS:-5}       # at most this many more threads
SOAK_MAX_FDS=${SOAK_MAX_FDS:-10}              # file descriptors
SOAK_MAX_CONNS=${SOAK_MAX_CONNS:-5}           # TCP sockets of the process (any state)
API_KEY=soak-api-key
RUN=$(date -u +%Y%m%dT%H%M%SZ)

if { [[ ! -f $JAR ]] || [[ -n $(find src/main pom.xml -newer "$JAR" -type f -print -quit) ]]; }; then
    echo "building $JAR ..." >&2
    ./mvnw -B -q package -DskipTests >&2
fi
command -v nats-server >/dev/null || { echo "nats-server is not installed (apt-get install -y nats-server)" >&2; exit 2; }

LOG=${SOAK_LOG_DIR:-$ROOT/target/soak-$RUN}
mkdir -p "$LOG"
LOG=$(cd "$LOG" && pwd)
WORK=$(mktemp -d /tmp/perfsweep-soak.XXXXXX)
chmod 755 "$WORK" # the postgres user must reach its data directory in here
mkdir -p "$WORK/msg"
PIDS=()
PG_CTL=()

# shellcheck disable=SC2317 # invoked by the trap
cleanup() {
    local pid
    for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do
        pid=${PIDS[i]}
        kill "$pid" 2>/dev/null || continue
        for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
        kill -9 "$pid" 2>/dev/null || true
    done
    if ((${#PG_CTL[@]})); then
        "${PG_CTL[@]}" -m fast stop >/dev/null 2>&1 || true
        cp "$WORK/postgres.log" "$LOG/" 2>/dev/null || true
    fi
    rm -rf "$WORK"
    echo "soak logs: $LOG" >&2
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

await_port() { # port seconds
    for _ in $(seq 1 $(($2 * 10))); do
        (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
        sleep 0.1
    done
    echo "nothing listens on 127.0.0.1:$1" >&2
    return 1
}

# Starts "$@" in the background with its output in $LOG/<name>.log, waits for a URL in it and sets URL.
start_printing_url() {
    local name=$1
    shift
    "$@" >"$LOG/$name.log" 2>&1 &
    PIDS+=($!)
    URL=""
    for _ in $(seq 1 120); do
        URL=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$LOG/$name.log" | head -n 1 || true)
        [[ -n $URL ]] && return 0
        kill -0 "${PIDS[-1]}" 2>/dev/null || break
        sleep 0.5
    done
    echo "$name did not start:" >&2
    tail -n 20 "$LOG/$name.log" >&2
    exit 1
}

# --- NATS
NATS_PORT=$(free_port)
nats-server -a 127.0.0.1 -p "$NATS_PORT" -js -sd "$WORK/nats" -l "$LOG/nats-server.log" &
PIDS+=($!)
await_port "$NATS_PORT" 10
NATS=127.0.0.1:$NATS_PORT

# --- PostgreSQL
if [[ -n ${SOAK_PG_URL:-} ]]; then
    DB_URL=$SOAK_PG_URL DB_USER=${SOAK_PG_USER:-postgres} DB_PASSWORD=${SOAK_PG_PASSWORD:-postgres}
    echo "PostgreSQL: $DB_URL (SOAK_PG_URL); it should be an empty database: the job accounting is by id" >&2
else
    PGBIN=""
    if command -v pg_config >/dev/null && [[ -x $(pg_config --bindir)/initdb ]]; then
        PGBIN=$(pg_config --bindir)
    else
        PGBIN=$(find /usr/lib/postgresql -maxdepth 2 -name bin -type d 2>/dev/null | sort -V | tail -n 1)
    fi
    if [[ -z $PGBIN || ! -x $PGBIN/initdb ]]; then
        echo "no PostgreSQL binaries (initdb, pg_ctl) found; install PostgreSQL, or point the soak at an empty database:" >&2
        echo "  SOAK_PG_URL=jdbc:postgresql://HOST:PORT/DB SOAK_PG_USER=... SOAK_PG_PASSWORD=... $0" >&2
        exit 2
    fi
    AS_PG=()
    [[ $(id -u) == 0 ]] && AS_PG=(runuser -u postgres --) # initdb refuses to run as root
    PG_PORT=$(free_port)
    mkdir "$WORK/pg"
    [[ $(id -u) == 0 ]] && chown postgres: "$WORK/pg" && touch "$WORK/postgres.log" && chown postgres: "$WORK/postgres.log"
    "${AS_PG[@]}" "$PGBIN/initdb" -D "$WORK/pg" -U postgres --auth=trust -E UTF8 --no-locale >"$LOG/initdb.log"
    PG_CTL=("${AS_PG[@]}" "$PGBIN/pg_ctl" -D "$WORK/pg")
    "${PG_CTL[@]}" -l "$WORK/postgres.log" -w start -o "-p $PG_PORT -k $WORK/pg -c listen_addresses=127.0.0.1 \
        -c fsync=off -c synchronous_commit=off -c full_page_writes=off" >/dev/null
    "$PGBIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres perfsweep
    DB_URL=jdbc:postgresql://127.0.0.1:$PG_PORT/perfsweep DB_USER=postgres DB_PASSWORD=postgres
fi

# --- the mock engine (fixed timing: a 32-token answer takes about 20 + 31 * 5 ms) and the misbehaving target
# shellcheck disable=SC2086
start_printing_url mock java $MOCK_JAVA_OPTS -jar "$JAR" mock --host 127.0.0.1 --port 0 --ttft-ms 20 --itl-ms 5
MOCK_URL=$URL
start_printing_url fault-target python3 "$BENCH/soak-fault-target.py"
FAULT_URL=$URL
FAULT_MODES=(hang headers garbage reset html error500 cut)

# --- the service
HTTP_PORT=$(free_port)
API=http://127.0.0.1:$HTTP_PORT
# shellcheck disable=SC2086
QUARKUS_HTTP_PORT=$HTTP_PORT PERFSWEEP_NATS_URL=nats://$NATS PERFSWEEP_DB_URL=$DB_URL PERFSWEEP_DB_USER=$DB_USER \
    PERFSWEEP_DB_PASSWORD=$DB_PASSWORD PERFSWEEP_API_KEYS=$API_KEY \
    java $SERVICE_JAVA_OPTS -jar "$JAR" serve >"$LOG/service.log" 2>&1 &
SVC=$!
PIDS+=("$SVC")
for _ in $(seq 1 240); do
    curl -sf -o /dev/null "$API/q/health/ready" && break
    kill -0 "$SVC" 2>/dev/null || { echo "the service died:" >&2; tail -n 30 "$LOG/service.log" >&2; exit 1; }
    sleep 0.5
done
curl -sf -o /dev/null "$API/q/health/ready" || { echo "the service is not ready after 120 s" >&2; exit 1; }

# --- samples: label, minutes since the load began, RSS MiB, heap after full GC MiB, threads, fds, TCP sockets
T0=$SECONDS
sample() {
    local rss threads fds conns heap
    rss=$(awk '/^VmRSS/ {printf "%.1f", $2 / 1024}' "/proc/$SVC/status")
    threads=$(awk '/^Threads/ {print $2}' "/proc/$SVC/status")
    fds=$(find "/proc/$SVC/fd" -mindepth 1 -maxdepth 1 2>/dev/null | wc -l)
    conns=$(ss -Htanp 2>/dev/null | grep -c "pid=$SVC," || true) # TIME_WAIT sockets belong to no process
    jcmd "$SVC" GC.run >/dev/null 2>&1 || true
    heap=$(jcmd "$SVC" GC.heap_info 2>/dev/null | grep -o 'used [0-9]*K' | head -n 1 | awk '{printf "%.1f", $2 / 1024}' || true)
    printf '%s\t%.1f\t%s\t%s\t%s\t%s\t%s\n' "$1" "$(((SECONDS - T0) * 10 / 60))e-1" "$rss" "${heap:-0}" "$threads" \
        "$fds" "$conns" >>"$LOG/samples.tsv"
    printf 'sample %-8s %5s min  RSS %s MiB  heap %s MiB  threads %s  fds %s  TCP %s\n' "$1" \
        "$(((SECONDS - T0) / 60))" "$rss" "${heap:-?}" "$threads" "$fds" "$conns" >&2
}

# --- what is sent; every id is written to $LOG/expected.tsv with the state it must end in
json_job() { # id name url load-extra levels requestCount
    printf '{"apiVersion": "perfsweep/v1", "id": "%s", "name": "%s", "target": {"url": "%s"},
 "workload": {"type": "synthetic", "isl": 64, "islStd": 0, "osl": 32},
 "load": {"type": "concurrency", "levels": %s, "requestCount": %s%s}}\n' "$1" "$2" "$3" "$5" "$6" "$4"
}
expect() { printf '%s\t%s\t%s\n' "$1" "$2" "$3" >>"$LOG/expected.tsv"; } # id kind state

# 600 KB of valid JSON with an unknown field; under NATS' default 1 MB max_payload
head -c 600000 /dev/zero | tr '\0' x >"$WORK/padding"

round() {
    local r=$1 m=$WORK/msg p="soak-$RUN-r$1" mode args=() id code
    json_job "$p-good-nats" soak-good "$MOCK_URL" "" "[1, 4]" 8 >"$m/good"
    args+=("$p-good-nats" "$m/good")
    expect "$p-good-nats" good SUCCEEDED
    mode=${FAULT_MODES[r % ${#FAULT_MODES[@]}]}
    json_job "$p-faulty-$mode" soak-faulty "$FAULT_URL/$mode/r$r" \
        ', "requestTimeoutSeconds": 6, "idleTimeoutSeconds": 2' "[1, 2]" 4 >"$m/faulty"
    args+=("$p-faulty-$mode" "$m/faulty")
    expect "$p-faulty-$mode" faulty FAILED
    : >"$m/empty"
    printf 'this is not JSON {' >"$m/notjson"
    printf '\xff\xfe\x00\x01binary' >"$m/binary"
    json_job "$p-bad-apiversion" soak-bad "$MOCK_URL" "" "[1]" 1 | sed 's#perfsweep/v1#perfsweep/v0#' >"$m/apiversion"
    json_job "$p-bad-url" soak-bad "htp:/bad" "" "[1]" 1 >"$m/url"
    json_job "$p-bad-host" soak-bad "http://example.com:8000" "" "[1]" 1 >"$m/host"
    json_job "$p-bad-level" soak-bad "$MOCK_URL" "" "[0]" 1 >"$m/level"
    { printf '{"apiVersion": "perfsweep/v1", "id": "%s", "name": "soak-huge", "target": {"url": "%s"}, "padding": "' \
        "$p-bad-huge" "$MOCK_URL"; cat "$WORK/padding"; printf '"}'; } >"$m/huge"
    for kind in empty notjson binary apiversion url host level huge; do
        args+=("$p-bad-$kind" "$m/$kind")
        expect "$p-bad-$kind" bad REJECTED
    done
    python3 "$BENCH/soak-nats.py" pub "$NATS" perfsweep.jobs "${args[@]}" >>"$LOG/published.txt"
    # the same good job over REST
    json_job "$p-good-rest" soak-good "$MOCK_URL" "" "[1, 4]" 8 >"$m/rest"
    code=$(curl -s -o "$m/rest.out" -w '%{http_code}' -X POST -H "X-API-Key: $API_KEY" \
        -H 'Content-Type: application/json' --data-binary "@$m/rest" "$API/api/jobs")
    if [[ $code == 202 ]]; then
        expect "$p-good-rest" good SUCCEEDED
    else
        echo "round $r: REST refused a good job: HTTP $code $(head -c 300 "$m/rest.out")" | tee -a "$LOG/refused.txt" >&2
    fi
    if ((r % 5 == 0)); then # a job that would hang for a minute, cancelled after 3 s
        id=$p-cancel
        json_job "$id" soak-cancel "$FAULT_URL/hang/cancel-r$r" ', "requestTimeoutSeconds": 60, "idleTimeoutSeconds": 30' \
            "[1]" 2 >"$m/cancel"
        code=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H "X-API-Key: $API_KEY" \
            -H 'Content-Type: application/json' --data-binary "@$m/cancel" "$API/api/jobs")
        if [[ $code == 202 ]]; then
            expect "$id" cancel CANCELLED
            (sleep 3; curl -s -o /dev/null -X DELETE -H "X-API-Key: $API_KEY" "$API/api/jobs/$id") &
        else
            echo "round $r: REST refused the job to cancel: HTTP $code" | tee -a "$LOG/refused.txt" >&2
        fi
    fi
}

# Reads every expected id back over REST: `pending` prints how many valid jobs are not final yet (missing ones
# count), `report` prints the accounting and exits 1 on any job lost, not final or in the wrong state.
account() {
    python3 - "$1" "$API" "$LOG/expected.tsv" <<'EOF'
import collections, json, sys, urllib.error, urllib.request
mode, api, expected = sys.argv[1], sys.argv[2], sys.argv[3]
FINAL = {"SUCCEEDED", "FAILED", "CANCELLED", "REJECTED"}
rows = [line.rstrip("\n").split("\t") for line in open(expected)]
states, reasons = {}, {}
for job_id, kind, want in rows:
    if mode == "pending" and kind == "bad":
        continue
    try:
        with urllib.request.urlopen(api + "/api/jobs/" + job_id, timeout=30) as response:
            view = json.load(response)
        states[job_id], reasons[job_id] = view["state"], view.get("reason") or ""
    except urllib.error.HTTPError as e:
        if e.code != 404:
            raise
        states[job_id] = "MISSING"
if mode == "pending":
    print(sum(1 for job_id, kind, _ in rows if kind != "bad" and states[job_id] not in FINAL))
    sys.exit(0)
table = collections.OrderedDict()
wrong = []
for job_id, kind, want in rows:
    table.setdefault(kind, [want, 0, collections.Counter()])
    table[kind][1] += 1
    table[kind][2][states[job_id]] += 1
    if states[job_id] != want:
        wrong.append("%s: %s, expected %s %s" % (job_id, states[job_id], want, reasons.get(job_id, "")[:200]))
print("| sent | count | must end | ended |")
print("| --- | --- | --- | --- |")
for kind, (want, count, ended) in table.items():
    print("| %s | %d | %s | %s |" % (kind, count, want, ", ".join("%s %d" % kv for kv in sorted(ended.items()))))
for line in wrong[:40]:
    print("WRONG " + line)
sys.exit(1 if wrong else 0)
EOF
}

drain() { # seconds; returns 1 when valid jobs are still not final
    local deadline=$((SECONDS + $1)) pending
    while :; do
        pending=$(account pending)
        ((pending == 0)) && return 0
        ((SECONDS >= deadline)) && { echo "after $1 s of drain, $pending valid jobs are not final" >&2; return 1; }
        sleep 5
    done
}

echo "perfsweep soak $RUN: $SOAK_MINUTES min, a round every $SOAK_ROUND_SECONDS s; $(nproc) cores, $(java -version 2>&1 | head -n 1)" >&2
echo "service $API (pid $SVC), NATS $NATS, PostgreSQL $DB_URL, mock $MOCK_URL, fault target $FAULT_URL" >&2
echo "logs: $LOG" >&2
: >"$LOG/expected.tsv"
printf 'label\tminute\trss_mib\theap_after_gc_mib\tthreads\tfds\ttcp\n' >"$LOG/samples.tsv"
sample boot
r=0
for ((; r < SOAK_WARMUP_ROUNDS; r++)); do
    round "$r"
    sleep "$SOAK_ROUND_SECONDS"
done
drain "$SOAK_DRAIN_SECONDS" || true
sleep "$SOAK_SETTLE_SECONDS"
sample start
T_START=$SECONDS
next_sample=$((T_START + SOAK_SAMPLE_MINUTES * 60))
while ((SECONDS - T_START < SOAK_MINUTES * 60)); do
    round_began=$SECONDS
    round "$r"
    r=$((r + 1))
    if ((SECONDS >= next_sample)); then
        sample load
        next_sample=$((next_sample + SOAK_SAMPLE_MINUTES * 60))
    fi
    sleep $((round_began + SOAK_ROUND_SECONDS > SECONDS ? round_began + SOAK_ROUND_SECONDS - SECONDS : 0))
done
echo "load done after $r rounds; draining (at most $SOAK_DRAIN_SECONDS s)" >&2
status=0
drain "$SOAK_DRAIN_SECONDS" || status=1
sleep "$SOAK_SETTLE_SECONDS"
sample end
kill -0 "$SVC" 2>/dev/null || { echo "the service died" >&2; status=1; }

{
    echo "## perfsweep soak $RUN ($(date -u '+%Y-%m-%d %H:%M') UTC)"
    echo
    echo "\`SOAK_MINUTES=$SOAK_MINUTES src/bench/soak.sh\`: $r rounds of $SOAK_ROUND_SECONDS s ($SOAK_WARMUP_ROUNDS before \"start\"),"
    echo "$(nproc) cores, $(java -version 2>&1 | head -n 1), service \`$SERVICE_JAVA_OPTS\`."
    echo
    echo "| sample | minute | RSS MiB | heap after GC MiB | threads | fds | TCP sockets |"
    echo "| --- | --- | --- | --- | --- | --- | --- |"
    tail -n +2 "$LOG/samples.tsv" | awk -F'\t' '{printf "| %s | %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6, $7}'
    echo
    awk -F'\t' -v rss="$SOAK_MAX_RSS_PCT" -v heap="$SOAK_MAX_HEAP_PCT" -v th="$SOAK_MAX_THREADS" -v fd="$SOAK_MAX_FDS" \
        -v tcp="$SOAK_MAX_CONNS" '
        $1 == "start" { for (i = 3; i <= 7; i++) s[i] = $i }
        $1 == "end" { for (i = 3; i <= 7; i++) e[i] = $i }
        END {
            name[3] = "RSS MiB"; name[4] = "heap after GC MiB"; name[5] = "threads"; name[6] = "fds"; name[7] = "TCP sockets"
            limit[3] = s[3] * (1 + rss / 100); bound[3] = "+" rss " %"
            limit[4] = s[4] * (1 + heap / 100); if (limit[4] < s[4] + 16) limit[4] = s[4] + 16; bound[4] = "+" heap " % or +16 MiB"
            limit[5] = s[5] + th; bound[5] = "+" th; limit[6] = s[6] + fd; bound[6] = "+" fd; limit[7] = s[7] + tcp; bound[7] = "+" tcp
            print "| figure (idle) | start | end | end/start | bound | |"
            print "| --- | --- | --- | --- | --- | --- |"
            bad = 0
            for (i = 3; i <= 7; i++) {
                ok = e[i] <= limit[i]; bad += !ok
                printf "| %s | %s | %s | %.2f | %s | %s |\n", name[i], s[i], e[i], (s[i] > 0 ? e[i] / s[i] : 0), bound[i], (ok ? "ok" : "**over**")
            }
            exit (bad > 0 ? 1 : 0) }' "$LOG/samples.tsv" || echo "OVER"
    echo
    account report || echo "OVER"
    echo
    echo "Events on JetStream (stream PERFSWEEP_EVENTS):"
    python3 "$BENCH/soak-nats.py" subjects "$NATS" PERFSWEEP_EVENTS | sed 's/^/    /'
} >"$LOG/summary.md" 2>&1 || true
grep -q '^OVER$' "$LOG/summary.md" && status=1
sed -i '/^OVER$/d' "$LOG/summary.md"

# one job.completed per SUCCEEDED job, one job.failed per REJECTED, FAILED or CANCELLED one
read -r succeeded others < <(awk -F'\t' '{print $3}' "$LOG/expected.tsv" | sort | uniq -c |
    awk '{ if ($2 == "SUCCEEDED") s += $1; else o += $1 } END { print s + 0, o + 0 }')
completed=$(awk '$1 ~ /\.job\.completed$/ {print $2}' "$LOG/summary.md" | head -n 1)
failed=$(awk '$1 ~ /\.job\.failed$/ {print $2}' "$LOG/summary.md" | head -n 1)
{
    echo
    echo "job.completed events ${completed:-0} for $succeeded jobs that must succeed; job.failed events ${failed:-0} for $others that must be rejected, fail or be cancelled."
} >>"$LOG/summary.md"
if [[ ${completed:-0} != "$succeeded" || ${failed:-0} != "$others" ]]; then
    echo "events do not match the final states" >>"$LOG/summary.md"
    status=1
fi
if [[ -s $LOG/refused.txt ]]; then
    echo "REST refused $(wc -l <"$LOG/refused.txt") submissions (refused.txt)" >>"$LOG/summary.md"
fi
cat "$LOG/summary.md"
echo "soak: $([[ $status == 0 ]] && echo PASSED || echo FAILED)"
exit "$status"
