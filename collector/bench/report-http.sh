#!/usr/bin/env bash
# Availability reports over HTTP, as an operator asks for them: a collector (default flags but loopback ports and
# --retention 0s) on an H2 file that AvailabilityReportBench loaded, and one whole `curl` process per report (the
# time is that of the whole curl process, from its start to its exit). Prints a table of p50/max per report kind.
#
# usage: collector/bench/report-http.sh DATA_DIR [RUNS]
#   DATA_DIR holds vigil.mv.db, e.g. after
#   mvn -B -Pbench -pl collector -am test -Dtest=AvailabilityReportBench -Dvigil.bench.reuse=/var/tmp/bench/bench
#   mkdir /var/tmp/bench/data && mv /var/tmp/bench/bench.mv.db /var/tmp/bench/data/vigil.mv.db
# The 100 sites bench-0, bench-10, … bench-990 are added to the directory as customer "Bench" (the loaded file has
# events but no sites), and an admin bench-admin.
set -euo pipefail
data=${1:?usage: report-http.sh DATA_DIR [RUNS]}
runs=${2:-20}
port=${VIGIL_BENCH_HTTP_PORT:-18080}
jar=$(cd "$(dirname "$0")/.." && pwd)/target/vigil-collector.jar
base=http://127.0.0.1:$port
password=bench-password-$$
work=$(mktemp -d)
pid=
stop() {
    local rc=$?
    set +e
    if [ -n "$pid" ]; then
        kill "$pid" 2>/dev/null
        wait "$pid" 2>/dev/null
    fi
    rm -rf "$work"
    exit "$rc"
}
trap stop EXIT

VIGIL_NEW_USER_PASSWORD=$password java -jar "$jar" users add bench-admin --role admin --data-dir "$data" \
    >/dev/null 2>&1 || true
VIGIL_NEW_USER_PASSWORD=$password java -jar "$jar" users passwd bench-admin --data-dir "$data" >/dev/null
# --retention 0s: the loaded year is older than the default 90 days, which the first purge would delete
java -jar "$jar" --data-dir "$data" --http-host 127.0.0.1 --http-port "$port" --mqtt-host 127.0.0.1 \
    --mqtt-port $((port + 1)) --retention 0s >"$work/collector.log" 2>&1 &
pid=$!
# waiting for a server to listen is polling by nature
for _ in $(seq 600); do
    curl -sf -o /dev/null "$base/healthz" && break
    kill -0 "$pid" || { cat "$work/collector.log"; exit 1; }
    sleep 0.1
done

api() { curl -sf -b "$work/cookies" -c "$work/cookies" -H 'Content-Type: application/json' "$@"; }
api -o /dev/null -d "{\"username\":\"bench-admin\",\"password\":\"$password\"}" "$base/api/login"
api -o /dev/null -d '{"name":"Bench"}' "$base/api/customers" || true
for s in $(seq 0 10 990); do
    api -o /dev/null -d "{\"site\":\"bench-$s\",\"tags\":[],\"customer\":\"Bench\"}" "$base/api/sites" || true
done

time_get() { # path expected → milliseconds of one whole curl process (start to exit)
    local t0 t1
    t0=$(date +%s%N)
    curl -s -o "$work/body" -b "$work/cookies" "$base$1" || true
    t1=$(date +%s%N)
    grep -q "$2" "$work/body" || { echo "unexpected answer to $1: $(head -c 300 "$work/body")" >&2; exit 1; }
    echo $(((t1 - t0) / 1000000))
}
row() { # name path-maker expected
    local name=$1 maker=$2 expected=$3 _
    for _ in $(seq "$runs"); do time_get "$($maker)" "$expected"; done | sort -n | awk -v n="$name" \
        '{ a[NR] = $1 } END { printf "| %s | %.0f | %.0f |\n", n, a[int((NR + 1) / 2)], a[NR] }'
}
healthz() { echo "/healthz"; }
month_one() { echo "/api/reports/availability?site=bench-$((RANDOM % 100 * 10))&month=2026-10"; }
year_one() { echo "/api/reports/availability?site=bench-$((RANDOM % 100 * 10))&from=2025-12-01T00:00:00Z&to=2026-12-01T00:00:00Z"; }
month_customer() { echo "/api/reports/availability?customer=Bench&month=2026-10"; }

events=$(grep -o 'store ready[^;]*' "$work/collector.log" | head -1 || true)
echo
echo "report-http: $runs curl processes each against the collector on $data ($events)"
echo "| report | p50 ms | max ms |"
echo "|---|---|---|"
row "GET /healthz (the same curl, no work: the peer)" healthz '"ok"'
row "1 site, 1 month" month_one '"uptime_pct"'
row "1 site, 365 days" year_one '"uptime_pct"'
row "customer of 100 sites, 1 month" month_customer '"bench-990"'
