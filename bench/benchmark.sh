#!/usr/bin/env bash
# Benchmark of Temporary Access Pass sign-in over loopback.
#
#   bench/benchmark.sh [--db h2|postgres] [--accounts N] [--clients C] [--seconds S] [--runs R]
#                      [--length L] [--charset base32|digits]
#
# Builds the service, starts it (JVM settings from $JVM_OPTS) on H2 or on PostgreSQL (the embedded server the tests
# use), measures the cold start to the first served page and the idle memory, seeds N contacts with live passes
# through the service's own code (bench/Seed.java), then drives sign-ins with C concurrent clients for S seconds,
# R times (bench/LoadGenerator.java), and prints sign-ins/s, p50/p90/p99 latency, errors, and the service's CPU and
# peak memory: a table, and JSON lines in bench/results/. Everything runs on 127.0.0.1 and stops by itself.
set -euo pipefail
cd "$(dirname "$0")/.."

db=h2; accounts=1000; clients=8; seconds=30; runs=3; length=12; charset=base32
while [ $# -gt 0 ]; do
  case "$1" in
    --db) db=$2; shift 2 ;;
    --accounts) accounts=$2; shift 2 ;;
    --clients) clients=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --length) length=$2; shift 2 ;;
    --charset) charset=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
JVM_OPTS=${JVM_OPTS:--XX:+UseSerialGC -Xms64m -Xmx256m -XX:MaxMetaspaceSize=128m -Xss512k}

work=$(mktemp -d /tmp/helpdesk-bench.XXXXXX)
service_pid=""; db_pid=""
cleanup() {
  [ -n "$service_pid" ] && kill "$service_pid" 2>/dev/null || true
  [ -n "$db_pid" ] && kill "$db_pid" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -f "$work/people.csv"
}
trap cleanup EXIT

echo "Building…"
mvn -q -DskipTests package
mvn -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$work/classpath.txt"
classpath="target/classes:$(cat "$work/classpath.txt")"
jar=$(ls target/helpdesk-tap-*.jar | grep -v original | head -n 1)
pepper=$(head -c 32 /dev/urandom | base64)

if [ "$db" = postgres ]; then
  mkfifo "$work/db.in"
  java -cp "$classpath" bench/EmbeddedDatabase.java < "$work/db.in" > "$work/db.out" 2>&1 &
  db_pid=$!
  exec 3> "$work/db.in"
  for _ in $(seq 1 120); do grep -q '^JDBC_URL=' "$work/db.out" && break; sleep 0.5; done
  url=$(sed -n 's/^JDBC_URL=//p' "$work/db.out")
  db_args=(--spring.datasource.url="$url" --spring.datasource.username=postgres --spring.datasource.password=postgres)
else
  # AUTO_SERVER lets the seeding process use the database file the running service holds open
  db_args=(--spring.datasource.url="jdbc:h2:file:$work/db/helpdesk;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;AUTO_SERVER=TRUE")
fi
app_args=("${db_args[@]}" --helpdesk.data-dir="$work/data" --helpdesk.passes.pepper="$pepper"
          --helpdesk.signin.throttle.address-max-failures=1000000000)

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
echo "Starting the service on $db (JVM_OPTS: $JVM_OPTS)…"
start=$(date +%s%N)
# shellcheck disable=SC2086
java $JVM_OPTS -jar "$jar" --server.port="$port" --server.address=127.0.0.1 "${app_args[@]}" > "$work/service.log" 2>&1 &
service_pid=$!
until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/login" || true)" = 200 ]; do
  kill -0 "$service_pid" 2>/dev/null || { echo "the service stopped; see $work/service.log" >&2; exit 1; }
  sleep 0.05
done
cold_start=$(( ($(date +%s%N) - start) / 1000000 ))
sleep 10
idle_rss=$(awk '/VmRSS/ {print int($2/1024)}' "/proc/$service_pid/status")

echo "Seeding $accounts accounts with passes of $length $charset characters…"
if ! java -cp "$classpath" bench/Seed.java "$accounts" "$length" "$charset" "$work/people.csv" \
    --spring.main.banner-mode=off --logging.level.root=WARN "${app_args[@]}" > "$work/seed.log" 2>&1; then
  echo "seeding failed:" >&2; tail -n 30 "$work/seed.log" >&2; exit 1
fi
seed_seconds=$(sed -n 's/^SEED_SECONDS=//p' "$work/seed.log")
echo "seeded in ${seed_seconds} s"

ticks=$(getconf CLK_TCK)
cpu_ticks() { awk '{print $14 + $15}' "/proc/$service_pid/stat"; }
mkdir -p bench/results
results="bench/results/$(date +%Y%m%d-%H%M%S)-$db-$accounts-$length$charset.jsonl"
echo "Warming up…"
java bench/LoadGenerator.java "http://127.0.0.1:$port" "$work/people.csv" "$clients" 10 > /dev/null
printf '\n%-4s %10s %8s %8s %8s %8s %7s %6s %9s\n' run "sign-ins/s" p50ms p90ms p99ms maxms errors cpu% peakMiB
for run in $(seq 1 "$runs"); do
  before=$(cpu_ticks)
  line=$(java bench/LoadGenerator.java "http://127.0.0.1:$port" "$work/people.csv" "$clients" "$seconds")
  after=$(cpu_ticks)
  cpu=$(( (after - before) * 100 / (ticks * seconds) ))
  peak=$(awk '/VmHWM/ {print int($2/1024)}' "/proc/$service_pid/status")
  full=$(echo "$line" | sed "s/}\$/,\"db\":\"$db\",\"accounts\":$accounts,\"passLength\":$length,\"charset\":\"$charset\",\"serviceCpuPercent\":$cpu,\"peakRssMiB\":$peak,\"coldStartMs\":$cold_start,\"idleRssMiB\":$idle_rss}/")
  echo "$full" >> "$results"
  echo "$full" | python3 -c 'import json,sys; r=json.load(sys.stdin); print("%-4s %10.1f %8.1f %8.1f %8.1f %8.1f %7d %6d %9d" % (sys.argv[1], r["signInsPerSecond"], r["p50Ms"], r["p90Ms"], r["p99Ms"], r["maxMs"], r["errors"], r["serviceCpuPercent"], r["peakRssMiB"]))' "$run"
done
echo
echo "cold start to first page: ${cold_start} ms; idle resident memory: ${idle_rss} MiB"
echo "JSON lines: $results"
