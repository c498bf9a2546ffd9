#!/usr/bin/env bash
# Benchmark of the service over loopback: cold start, idle memory, pass sign-ins, the purge under load, issuing.
#
#   bench/benchmark.sh [--db h2|postgres] [--accounts N] [--background N] [--clients C] [--seconds S] [--runs R]
#                      [--length L] [--charset base32|digits] [--warmup S] [--starts N] [--keep-db DIR] [--no-cds]
#                      [--no-aot] [--no-issue] [--purge-settle S]
#
# 1. Builds the service (its jar holds the ahead-of-time processed application context, started with
#    -Dspring.aot.enabled=true unless --no-aot) and, unless --no-cds, a class-data-sharing archive from a training
#    start that serves the sign-in pages once (the JVM then maps the classes it loaded instead of loading them again;
#    README "Performance").
# 2. Starts PostgreSQL (the embedded server the tests use) or uses an H2 file. --background N seeds N guest
#    accounts, each with a pass that ended 60 days ago, through the service's own code (bench/Seed.java): the
#    large tenant whose passes pile up until the purge. With --keep-db DIR the database lives in DIR, a copy of it
#    is kept right after the background is seeded (bench/SeededCopy.java on PostgreSQL, a copy of the file on H2),
#    and later runs with the same background start from that copy instead of seeding again.
# 3. Starts the service N times (3 by default; JVM settings from $JVM_OPTS), each time measuring the cold start to
#    the first served page, the CPU time that took, and the resident memory 10 s and 30 s later (idle is the latter:
#    the service's first scheduled runs, such as the outbox's 10 s after the start, and the trims of the C heap
#    after them are over by then); the last one stays.
# 4. Seeds N contacts with live passes under the given policy, drives pass sign-ins with C concurrent clients for S
#    seconds, R times (bench/LoadGenerator.java), after a warm-up of --warmup seconds (180 by default: on two cores
#    kept busy by the sign-ins the JIT compiler gets little time, and after 60 s the sign-ins still got faster from
#    run to run, by up to half; after 180 s they did not at the default policy, and with 24-character passes only
#    the first run was slower).
# 5. With a background: runs the purge from a second instance (bench/Purge.java; it settles for --purge-settle
#    seconds after its start, 10 by default, as the service's first purge comes a minute after its start) while the
#    clients keep signing in, and reports the purge's time and the sign-ins meanwhile.
# 6. Unless --no-issue: issues passes through the API, one per call and 100 per call.
# Prints a table, and JSON lines in bench/results/; on PostgreSQL also the plans of the hot statements
# (bench/Plans.java). Everything runs on 127.0.0.1 and stops by itself.
set -euo pipefail
cd "$(dirname "$0")/.."

db=h2; accounts=1000; background=0; clients=8; seconds=30; runs=3; length=12; charset=base32
keep=""; cds=1; aot=1; issuing=1; warmup=180; starts=3; purge_settle=10
while [ $# -gt 0 ]; do
  case "$1" in
    --db) db=$2; shift 2 ;;
    --accounts) accounts=$2; shift 2 ;;
    --background) background=$2; shift 2 ;;
    --clients) clients=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --length) length=$2; shift 2 ;;
    --charset) charset=$2; shift 2 ;;
    --keep-db) keep=$(realpath -m "$2"); shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --no-cds) cds=0; shift ;;
    --no-aot) aot=0; shift ;;
    --starts) starts=$2; shift 2 ;;
    --no-issue) issuing=0; shift ;;
    --purge-settle) purge_settle=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
JVM_OPTS=${JVM_OPTS:--XX:+UseSerialGC -Xms32m -Xmx256m -Xmn16m -XX:MaxMetaspaceSize=128m -XX:ReservedCodeCacheSize=64m -Xss512k -XX:TrimNativeHeapInterval=5000}

work=$(mktemp -d /tmp/helpdesk-bench.XXXXXX)
service_pid=""; db_pid=""; purge_pid=""
cleanup() {
  for pid in "$service_pid" "$purge_pid" "$db_pid"; do
    [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
  done
  wait 2>/dev/null || true
  rm -f "$work/people.csv" "$work/people.csv.token"
}
trap cleanup EXIT

echo "Building…"
mvn -q -DskipTests package
mvn -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$work/classpath.txt"
classpath="target/classes:$(cat "$work/classpath.txt")"
jar=$(ls target/helpdesk-tap-*.jar | grep -v original | head -n 1)
javac -d "$work/load" bench/LoadGenerator.java
load_generator=(java -XX:+UseSerialGC -Xmx128m -cp "$work/load" LoadGenerator)
pepper_file=${keep:-$work}/pepper
[ -f "$pepper_file" ] || { mkdir -p "$(dirname "$pepper_file")"; head -c 32 /dev/urandom | base64 > "$pepper_file"; }
pepper=$(cat "$pepper_file")

if [ "$db" = postgres ]; then
  mkfifo "$work/db.in"
  java -cp "$classpath" bench/EmbeddedDatabase.java ${keep:+"$keep/postgres"} < "$work/db.in" > "$work/db.out" 2>&1 &
  db_pid=$!
  exec 3> "$work/db.in"
  for _ in $(seq 1 240); do grep -q '^JDBC_URL=' "$work/db.out" && break; sleep 0.5; done
  url=$(sed -n 's/^JDBC_URL=//p' "$work/db.out")
  db_args=(--spring.datasource.url="$url" --spring.datasource.username=postgres --spring.datasource.password=postgres)
  # Seeding commits without waiting for the disk: what it writes is scaffolding, not what is measured
  seed_only=("--spring.datasource.hikari.connection-init-sql=set synchronous_commit to off")
else
  # AUTO_SERVER lets the seeding process use the database file the running service holds open
  db_args=(--spring.datasource.url="jdbc:h2:file:${keep:-$work}/h2/helpdesk;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;AUTO_SERVER=TRUE")
fi
app_args=("${db_args[@]}" --helpdesk.data-dir="$work/data" --helpdesk.passes.pepper="$pepper"
          --helpdesk.signin.throttle.address-max-failures=1000000000 --helpdesk.passes.purge-initial-delay=PT24H)
[ "$db" = postgres ] || seed_only=()
quiet=(--spring.main.banner-mode=off --logging.level.root=WARN --logging.level.org.helpdesk.passes.PassPurge=INFO)

# seeded_copy save|restore: the kept database as it was right after seeding the background (nothing connected to it)
seeded_copy() {
  if [ "$db" = postgres ]; then
    java -cp "$classpath" bench/SeededCopy.java "$1" "$url" postgres postgres "seeded_$background"
  elif [ "$1" = save ]; then
    cp "$keep/h2/helpdesk.mv.db" "$keep/h2-seeded-$background.mv.db"
  else
    cp "$keep/h2-seeded-$background.mv.db" "$keep/h2/helpdesk.mv.db"
  fi
}
if [ "$background" -gt 0 ]; then
  if [ -n "$keep" ] && [ -f "$keep/background-$background-$db.saved" ]; then
    echo "Restoring the $background expired passes seeded in $keep"
    seeded_copy restore
  else
    echo "Seeding $background guest accounts with expired passes…"
    java -cp "$classpath" bench/Seed.java expired "$background" "${quiet[@]}" "${app_args[@]}" "${seed_only[@]}" > "$work/background.log" 2>&1 \
      || { echo "seeding failed:" >&2; tail -n 30 "$work/background.log" >&2; exit 1; }
    echo "seeded in $(sed -n 's/^SEED_SECONDS=//p' "$work/background.log") s"
    if [ -n "$keep" ]; then
      seeded_copy save
      touch "$keep/background-$background-$db.saved"
    fi
  fi
fi

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
# page_ok PATH: whether the service answers 200 on PATH. Bash's own /dev/tcp, not a curl per try: on two cores the
# probe must not take the CPU the start it measures needs.
page_ok() {
  (exec 3<>"/dev/tcp/127.0.0.1/$port" \
    && printf 'GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' "$1" >&3 \
    && read -r status <&3 && [[ $status == *" 200 "* ]]) 2> /dev/null
}
# start_service [JVM options…]: starts the service, waits for the first page; sets service_pid and cold_start (ms)
start_service() {
  local t0; t0=$(date +%s%N)
  # shellcheck disable=SC2086
  java $JVM_OPTS $aot_opts "$@" -jar "${run_jar[@]}" --server.port="$port" --server.address=127.0.0.1 "${app_args[@]}" \
    > "$work/service.log" 2>&1 &
  service_pid=$!
  until page_ok /login; do
    kill -0 "$service_pid" 2>/dev/null || { echo "the service stopped; see $work/service.log" >&2; exit 1; }
    sleep 0.02
  done
  cold_start=$(( ($(date +%s%N) - t0) / 1000000 ))
}
stop_service() {
  kill "$service_pid" 2>/dev/null || true
  wait "$service_pid" 2>/dev/null || true
  service_pid=""
}

run_jar=("$jar"); cds_opts=""; aot_opts=""
[ "$aot" = 1 ] && aot_opts="-Dspring.aot.enabled=true"
if [ "$cds" = 1 ]; then
  echo "Making the class-data-sharing archive…"
  java -Djarmode=tools -jar "$jar" extract --destination "$work/app" > /dev/null
  run_jar=("$work/app/$(basename "$jar")")
  # a training start that also serves the two sign-in pages, so that what the first page needs is archived too
  start_service -XX:ArchiveClassesAtExit="$work/app.jsa"
  page_ok /login/tap || true
  stop_service
  mv "$work/service.log" "$work/training.log"
  cds_opts="-XX:SharedArchiveFile=$work/app.jsa"
fi

echo "Starting the service on $db $starts times (JVM_OPTS: $JVM_OPTS $aot_opts $cds_opts)…"
starts_ms=(); idle_rss_mib=(); start_cpu_ms=(); rss_10s_mib=()
ticks=$(getconf CLK_TCK)
for start_run in $(seq 1 "$starts"); do
  # shellcheck disable=SC2086
  start_service $cds_opts
  start_cpu=$(awk -v t="$ticks" '{print int(($14 + $15) * 1000 / t)}' "/proc/$service_pid/stat")
  sleep 10
  rss_10s=$(awk '/VmRSS/ {print int($2/1024)}' "/proc/$service_pid/status")
  sleep 20
  idle_rss=$(awk '/VmRSS/ {print int($2/1024)}' "/proc/$service_pid/status")
  echo "start $start_run: first page after ${cold_start} ms (${start_cpu} ms of CPU); resident memory 10 s later: ${rss_10s} MiB, idle 30 s later: ${idle_rss} MiB"
  starts_ms+=("$cold_start"); idle_rss_mib+=("$idle_rss"); start_cpu_ms+=("$start_cpu"); rss_10s_mib+=("$rss_10s")
  [ "$start_run" -lt "$starts" ] && stop_service
done
# min / median / max of a list of numbers (the lower middle one of an even count), and the median alone
spread() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {printf "%d / %d / %d", a[1], a[int((NR+1)/2)], a[NR]}'; }
median() { spread "$@" | cut -d/ -f2 | tr -d ' '; }
echo "cold start (min / median / max): $(spread "${starts_ms[@]}") ms; resident memory 10 s later: $(spread "${rss_10s_mib[@]}") MiB; idle, 30 s later: $(spread "${idle_rss_mib[@]}") MiB"
cold_start=$(median "${starts_ms[@]}")
idle_rss=$(median "${idle_rss_mib[@]}")

echo "Seeding $accounts accounts with passes of $length $charset characters…"
java -cp "$classpath" bench/Seed.java live "$accounts" "$length" "$charset" "$work/people.csv" "${quiet[@]}" "${app_args[@]}" "${seed_only[@]}" \
  > "$work/seed.log" 2>&1 || { echo "seeding failed:" >&2; tail -n 30 "$work/seed.log" >&2; exit 1; }
echo "seeded in $(sed -n 's/^SEED_SECONDS=//p' "$work/seed.log") s"

cpu_ticks() { awk '{print $14 + $15}' "/proc/$service_pid/stat"; }
# the database server's processes (PostgreSQL forks one per connection) and the whole machine, for comparison
db_ticks() {
  local sum=0 pid
  for pid in $(pgrep -x postgres || true); do
    sum=$(( sum + $(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null || echo 0) ))
  done
  echo "$sum"
}
machine_ticks() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8}' /proc/stat; }
mkdir -p bench/results
results="bench/results/$(date +%Y%m%d-%H%M%S)-$db-$accounts+$background-$length$charset.jsonl"
json_list() { local IFS=,; echo "[$*]"; }
context="\"db\":\"$db\",\"accounts\":$accounts,\"background\":$background,\"passLength\":$length,\"charset\":\"$charset\",\"cds\":$cds,\"aot\":$aot,\"coldStartMs\":$cold_start,\"idleRssMiB\":$idle_rss"
echo "{\"operation\":\"start\",$context,\"coldStartsMs\":$(json_list "${starts_ms[@]}"),\"startCpuMs\":$(json_list "${start_cpu_ms[@]}"),\"idleRssesMiB\":$(json_list "${idle_rss_mib[@]}"),\"rssesAfter10sMiB\":$(json_list "${rss_10s_mib[@]}")}" >> "$results"
# load OPERATION SECONDS LABEL [STOP_FILE]: one run of the load generator, recorded and printed as a table row
load() {
  local before after took line full
  local db_before machine_before
  before=$(cpu_ticks); db_before=$(db_ticks); machine_before=$(machine_ticks); local t0; t0=$(date +%s%N)
  line=$("${load_generator[@]}" "$1" "http://127.0.0.1:$port" "$work/people.csv" "$clients" "$2" ${4:+"$4"})
  after=$(cpu_ticks); took=$(( ($(date +%s%N) - t0) / 1000000 ))
  local cpu=$(( (after - before) * 100000 / (ticks * took) ))
  local db_cpu=$(( ($(db_ticks) - db_before) * 100000 / (ticks * took) ))
  local machine_cpu=$(( ($(machine_ticks) - machine_before) * 100000 / (ticks * took) ))
  local peak; peak=$(awk '/VmHWM/ {print int($2/1024)}' "/proc/$service_pid/status")
  full=$(echo "$line" | sed "s/}\$/,\"run\":\"$3\",$context,\"serviceCpuPercent\":$cpu,\"databaseCpuPercent\":$db_cpu,\"machineCpuPercent\":$machine_cpu,\"peakRssMiB\":$peak}/")
  echo "$full" >> "$results"
  echo "$full" | python3 -c 'import json,sys; r=json.load(sys.stdin); print("%-12s %-7s %9.1f %8.1f %8.1f %8.1f %8.1f %7d %6d %6d %6d %6d %9d" % (r["run"], r["operation"], r["perSecond"], r["p50Ms"], r["p90Ms"], r["p99Ms"], r["maxMs"], r["errors"], r["serviceCpuPercent"], r["databaseCpuPercent"], r["loadGeneratorCpuPercent"], r["machineCpuPercent"], r["peakRssMiB"]))'
}

echo "Warming up for $warmup s…"
"${load_generator[@]}" signin "http://127.0.0.1:$port" "$work/people.csv" "$clients" "$warmup" > /dev/null
printf '\n%-12s %-7s %9s %8s %8s %8s %8s %7s %6s %6s %6s %6s %9s\n' run operation "ops/s" p50ms p90ms p99ms maxms errors cpu% dbcpu% lgcpu% allcpu% peakMiB
for run in $(seq 1 "$runs"); do
  load signin "$seconds" "sign-in-$run"
done

# the plans while the database still holds everything seeded
if [ "$db" = postgres ]; then
  echo; echo "Plans of the hot statements:"
  java -cp "$classpath" bench/Plans.java "$url" postgres postgres "$(head -n 1 "$work/people.csv" | cut -d, -f1)" \
    | tee "${results%.jsonl}-plans.txt"
fi

if [ "$background" -gt 0 ]; then
  java -cp "$classpath" bench/Purge.java "$purge_settle" "${quiet[@]}" "${app_args[@]}" > "$work/purge.log" 2>&1 &
  purge_pid=$!
  until grep -qs PURGE_STARTED "$work/purge.log"; do
    kill -0 "$purge_pid" 2>/dev/null || { echo "the purge stopped:" >&2; tail -n 30 "$work/purge.log" >&2; exit 1; }
    sleep 0.1
  done
  ( while kill -0 "$purge_pid" 2>/dev/null; do sleep 0.1; done; touch "$work/purge.done" ) &
  load signin 3600 "during-purge" "$work/purge.done"
  wait "$purge_pid" || true
  purge_pid=""
  purged=$(sed -n 's/^PURGED=//p' "$work/purge.log"); purge_seconds=$(sed -n 's/^PURGE_SECONDS=//p' "$work/purge.log")
  echo "{\"operation\":\"purge\",\"purged\":${purged:-0},\"seconds\":${purge_seconds:-0},$context}" >> "$results"
  echo "purge: ${purged:-0} passes in ${purge_seconds:-?} s, from a second instance, while the clients signed in"
fi

if [ "$issuing" = 1 ]; then
  load issue "$seconds" "issue-single"
  load batch "$seconds" "issue-batch"
fi

echo
echo "cold start to first page (min / median / max of $starts): $(spread "${starts_ms[@]}") ms, CPU $(spread "${start_cpu_ms[@]}") ms; resident memory 10 s later: $(spread "${rss_10s_mib[@]}") MiB; idle, 30 s later: $(spread "${idle_rss_mib[@]}") MiB"
echo "JSON lines: $results"
