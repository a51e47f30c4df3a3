#!/usr/bin/env bash
# Benchmarks (issue 8): builds the three services' runnable jars and the harness, then runs the harness, which
# starts a Kafka broker in its own JVM and the services as processes against the local PostgreSQL, prints a table
# and writes BENCHMARKS.md at the repository root.
#
#   deploy/bench/run.sh --smoke    about 10 seconds per figure group, tiny scale (CI may run this)
#   deploy/bench/run.sh --full     the issue's scale (1,000,000 events, 100,000 deadlines, ...)
#
# Other options go to the harness: --db NAME (default iro_bench; its schemas are dropped), --out FILE,
# --window SECONDS, --deadlines N, --drain-events N, --rebuild-events N, --group-timeout SECONDS,
# --max-heap 512m, --only drain,deadlines,rebuild,asof (the commands always run), and settings for one
# service: --command-env.NAME VALUE, --query-env.NAME VALUE,
# --scheduler-env.NAME VALUE (e.g. --scheduler-env.IRO_SCHEDULER_THREADS 8).
# IRO_BENCH_SKIP_BUILD=1 reuses the jars already built; MAVEN_ARGS=-o builds offline.
set -euo pipefail
cd "$(dirname "$0")/../.."
export AXONIQ_UPDATE_CHECKER_DISABLED=true

db=iro_bench
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
    if [[ "${args[$i]}" == "--db" ]]; then db="${args[$((i + 1))]}"; fi
done
if [[ ${#args[@]} -eq 0 ]]; then args=(--smoke); fi

if [[ -z "${IRO_BENCH_SKIP_BUILD:-}" ]]; then
    # Never `install`: the harness reads the jars from the reactor's target folders.
    ./mvnw -B -q ${MAVEN_ARGS:-} -pl shared-kernel,dispute-command,dispute-query,deadline-scheduler package -DskipTests
    ./mvnw -B -q ${MAVEN_ARGS:-} -f deploy/bench/pom.xml package -DskipTests
fi

if command -v psql >/dev/null; then
    if [[ -z "$(psql -h 127.0.0.1 -U postgres -d postgres -Atc "SELECT 1 FROM pg_database WHERE datname = '$db'")" ]]; then
        psql -h 127.0.0.1 -U postgres -d postgres -qc "CREATE DATABASE $db"
    fi
fi

exec java -Xmx2g -jar deploy/bench/target/bench-0.1.0-SNAPSHOT.jar --repo "$PWD" "${args[@]}"
