#!/usr/bin/env bash
# Starts the whole topology on this machine, without Docker: Apache Kafka (KRaft, one node) and N instances each of
# dispute-command, dispute-query and deadline-scheduler as separate processes against the local PostgreSQL.
#
#   deploy/local/up.sh [--instances N] [--db NAME] [--fresh] [--clock-offset ISO-DURATION]
#
#   --instances N    instances of each service (default 1); instance n of a service has its own port
#   --db NAME        the database (default iro_local; created if missing)
#   --fresh          drops and recreates the database and the broker's data (a clean start)
#   --clock-offset   moves every service's clock (iro.clock.offset), e.g. P30D; default none
#
# Stop everything with deploy/local/down.sh; one instance with deploy/local/service.sh. State, keys and logs are in
# deploy/local/state (IRO_LOCAL_STATE). Ports: IRO_LOCAL_PORT_BASE (default 18000) + 100 n + 81/82/83, Kafka
# base + 1092. PostgreSQL: PGHOST, PGPORT, PGUSER (default 127.0.0.1, 5432, postgres; trust or ~/.pgpass).
set -euo pipefail
# shellcheck source=deploy/local/lib.sh
source "$(dirname "$0")/lib.sh"

INSTANCES=1 DB=iro_local FRESH=false OFFSET=PT0S
while [[ $# -gt 0 ]]; do
  case "$1" in
    --instances) INSTANCES="$2"; shift 2 ;;
    --db) DB="$2"; shift 2 ;;
    --fresh) FRESH=true; shift ;;
    --clock-offset) OFFSET="$2"; shift 2 ;;
    *) die "unknown option $1 (see the comment at the top of $0)" ;;
  esac
done
[[ "$INSTANCES" =~ ^[1-9]$ ]] || die "--instances must be 1-9"
[[ "$DB" =~ ^[a-z_][a-z0-9_]*$ ]] || die "--db must be a plain lower-case name"
if compgen -G "$STATE/pids/*.pid" >/dev/null; then
  for f in "$STATE"/pids/*.pid; do
    pid_alive "$(cat "$f")" && die "already running ($(basename "$f" .pid)); stop it with deploy/local/down.sh"
  done
fi

export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
command -v java >/dev/null || die "java (17+) is needed"
command -v openssl >/dev/null || die "openssl is needed (it makes the throw-away token keys)"
pg_isready -q -h "$PGHOST" -p "$PGPORT" || die "PostgreSQL is not reachable on $PGHOST:$PGPORT"

# The services' jars and the broker's classpath, built if missing.
for module in dispute-command dispute-query deadline-scheduler; do
  if [[ ! -f "$ROOT/$module/target/$module-0.1.0-SNAPSHOT-exec.jar" ]]; then
    log "building the service jars"
    (cd "$ROOT" && ./mvnw -B -q package -DskipTests -pl shared-kernel,dispute-command,dispute-query,deadline-scheduler)
    break
  fi
done
[[ -d "$ROOT/deploy/kafka-broker/target/lib" ]] \
  || (cd "$ROOT" && log "fetching Apache Kafka" && ./mvnw -B -q -f deploy/kafka-broker/pom.xml package)

rm -rf "$STATE/pids"
# The broker's data goes with the database: the publisher's position is kept in the database, so a topic kept while
# the store is dropped (or the other way round) would no longer match it.
[[ "$FRESH" == true ]] && rm -rf "$STATE/kafka"
mkdir -p "$STATE/keys" "$STATE/logs" "$STATE/pids"

# The database: one per topology; the services' Flyway migrations create their schemas.
if [[ "$FRESH" == true ]]; then
  psql -v ON_ERROR_STOP=1 -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" postgres
fi
psql -v ON_ERROR_STOP=1 -qtAc "SELECT 1 FROM pg_database WHERE datname = '$DB'" postgres | grep -q 1 \
  || psql -v ON_ERROR_STOP=1 -qc "CREATE DATABASE $DB" postgres

# A throw-away RSA key pair: every service trusts the public key, the scheduler signs its SYSTEM tokens with the
# private one, and so can a local caller (deploy/e2e mints its callers' tokens with it).
if [[ ! -f "$STATE/keys/private.pem" ]]; then
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$STATE/keys/private.pem" 2>/dev/null
  openssl pkey -in "$STATE/keys/private.pem" -pubout -out "$STATE/keys/public.pem"
  chmod 600 "$STATE/keys/private.pem"
fi

cat >"$STATE/topology.env" <<ENV
PGHOST=$PGHOST
PGPORT=$PGPORT
PGUSER=$PGUSER
IRO_LOCAL_DB=$DB
IRO_LOCAL_INSTANCES=$INSTANCES
IRO_LOCAL_ISSUER=iro-local
IRO_LOCAL_KAFKA=127.0.0.1:$KAFKA_PORT
IRO_LOCAL_PORT_BASE=$PORT_BASE
ENV

# Kafka first: dispute-command creates its topic at start-up.
nohup "$ROOT/deploy/kafka-broker/kafka.sh" "$STATE/kafka" "$KAFKA_PORT" "$CONTROLLER_PORT" \
  >"$STATE/logs/kafka.log" 2>&1 </dev/null &
echo $! >"$STATE/pids/kafka.pid"
log "started kafka (pid $!, 127.0.0.1:$KAFKA_PORT)"
for _ in $(seq 1 120); do
  grep -q "Kafka Server started" "$STATE/logs/kafka.log" 2>/dev/null && break
  is_running kafka || { tail -n 30 "$STATE/logs/kafka.log" >&2; die "Kafka did not start"; }
  sleep 1
done
grep -q "Kafka Server started" "$STATE/logs/kafka.log" || die "Kafka not started after 120 s"

# dispute-command-1 first: its migrations create the event store the others read.
start_service dispute-command-1 "$OFFSET"
wait_healthy dispute-command-1
others=()
for n in $(seq 1 "$INSTANCES"); do
  [[ $n -gt 1 ]] && others+=("dispute-command-$n")
  others+=("dispute-query-$n" "deadline-scheduler-$n")
done
for name in "${others[@]}"; do start_service "$name" "$OFFSET"; done
for name in "${others[@]}"; do wait_healthy "$name"; done

echo
echo "IRO dispute resolution service: local topology (database $DB, state in $STATE)"
printf '  %-22s %s\n' kafka "127.0.0.1:$KAFKA_PORT  (topic iro.disputes.events.v1)"
for n in $(seq 1 "$INSTANCES"); do
  for module in dispute-command dispute-query deadline-scheduler; do
    printf '  %-22s http://127.0.0.1:%s  (pid %s)\n' "$module-$n" "$(port_of "$module-$n")" \
      "$(cat "$(pid_file "$module-$n")")"
  done
done
echo "  tokens: RS256, issuer iro-local, signed with $STATE/keys/private.pem"
echo "  logs:   $STATE/logs;  stop: deploy/local/down.sh"
