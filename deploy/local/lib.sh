# Shared by up.sh, down.sh and service.sh: where things are and how one process is started, watched and stopped.
# Everything a run leaves (keys, environment, pids, logs, Kafka's data) is under $STATE, which git ignores.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
STATE="${IRO_LOCAL_STATE:-$ROOT/deploy/local/state}"
PORT_BASE="${IRO_LOCAL_PORT_BASE:-18000}"
KAFKA_PORT=$((PORT_BASE + 1092))
CONTROLLER_PORT=$((PORT_BASE + 1093))
# Six JVMs share the machine: small heaps, a quick-starting JIT, one GC thread.
JAVA_OPTS_DEFAULT="-Xms64m -Xmx384m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto"

log() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# dispute-command-2 -> dispute-command
module_of() { printf '%s' "${1%-*}"; }
instance_of() { printf '%s' "${1##*-}"; }

# Ports: instance n of a service listens on base + 100 n + 81 (command), 82 (query), 83 (scheduler).
port_of() {
  local name="$1" n offset
  n="$(instance_of "$name")"
  case "$(module_of "$name")" in
    dispute-command) offset=81 ;;
    dispute-query) offset=82 ;;
    deadline-scheduler) offset=83 ;;
    *) die "unknown service $name" ;;
  esac
  printf '%s' $((PORT_BASE + 100 * n + offset))
}

pid_file() { printf '%s/pids/%s.pid' "$STATE" "$1"; }

# Alive, and not a zombie waiting for a parent that does not reap it.
pid_alive() {
  kill -0 "$1" 2>/dev/null && ! grep -q '^[0-9]* ([^)]*) Z' "/proc/$1/stat" 2>/dev/null
}

is_running() {
  local f
  f="$(pid_file "$1")"
  [[ -f "$f" ]] && pid_alive "$(cat "$f")"
}

# The environment of one service instance (the settings file written by up.sh plus the instance's own).
service_env() {
  local name="$1" module n db_url
  module="$(module_of "$name")"
  n="$(instance_of "$name")"
  # shellcheck disable=SC1091
  source "$STATE/topology.env"
  local schema
  case "$module" in
    dispute-command) schema=disputes_command ;;
    dispute-query) schema=disputes_query ;;
    deadline-scheduler) schema=disputes_scheduler ;;
  esac
  db_url="jdbc:postgresql://${PGHOST}:${PGPORT}/${IRO_LOCAL_DB}?currentSchema=${schema}"
  printf '%s\n' \
    "SERVER_PORT=$(port_of "$name")" \
    "IRO_DB_URL=$db_url" \
    "IRO_DB_USER=${PGUSER}" \
    "IRO_DB_POOL_SIZE=${IRO_LOCAL_DB_POOL_SIZE:-6}" \
    "IRO_JWT_PUBLIC_KEY=file:$STATE/keys/public.pem" \
    "IRO_JWT_ISSUER=$IRO_LOCAL_ISSUER" \
    "AXONIQ_UPDATE_CHECKER_DISABLED=true"
  case "$module" in
    dispute-command)
      printf '%s\n' "IRO_KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:$KAFKA_PORT" "IRO_KAFKA_REPLICATION_FACTOR=1" ;;
    dispute-query)
      printf '%s\n' "IRO_SWEEP_INTERVAL=${IRO_LOCAL_SWEEP_INTERVAL:-10s}" ;;
    deadline-scheduler)
      # Instance n sends to dispute-command instance n (with one command instance, to that one).
      local target=$n
      [[ "$n" -gt "$IRO_LOCAL_INSTANCES" ]] && target=1
      printf '%s\n' \
        "IRO_COMMAND_BASE_URL=http://127.0.0.1:$(port_of "dispute-command-$target")" \
        "IRO_COMMAND_SIGNING_KEY=file:$STATE/keys/private.pem" \
        "IRO_COMMAND_TOKEN_ISSUER=$IRO_LOCAL_ISSUER" \
        "IRO_SCHEDULER_INSTANCE_ID=deadline-scheduler-$n" \
        "IRO_SCHEDULER_POLLING_INTERVAL=${IRO_LOCAL_SCHEDULER_POLLING:-2s}" \
        "IRO_SCHEDULER_HEARTBEAT_INTERVAL=${IRO_LOCAL_SCHEDULER_HEARTBEAT:-5s}" \
        "IRO_SCHEDULER_RETRY_BACKOFF=${IRO_LOCAL_SCHEDULER_BACKOFF:-3s}" ;;
  esac
}

# start_service NAME [CLOCK_OFFSET]: starts one instance in the background and records its pid.
start_service() {
  local name="$1" offset="${2:-PT0S}" module jar logf
  module="$(module_of "$name")"
  jar="$ROOT/$module/target/$module-0.1.0-SNAPSHOT-exec.jar"
  [[ -f "$jar" ]] || die "$jar is missing: build it with ./mvnw -B -q package -DskipTests"
  is_running "$name" && die "$name is already running (pid $(cat "$(pid_file "$name")"))"
  mkdir -p "$STATE/logs" "$STATE/pids"
  logf="$STATE/logs/$name.log"
  local -a envs
  mapfile -t envs < <(service_env "$name")
  envs+=("IRO_CLOCK_OFFSET=$offset")
  printf '\n===== %s start, clock offset %s\n' "$(date -u +%FT%TZ)" "$offset" >>"$logf"
  # shellcheck disable=SC2086
  nohup env "${envs[@]}" java ${IRO_LOCAL_JAVA_OPTS:-$JAVA_OPTS_DEFAULT} -jar "$jar" >>"$logf" 2>&1 </dev/null &
  echo $! >"$(pid_file "$name")"
  printf '%s\n' "$offset" >"$STATE/pids/$name.offset"
  log "started $name (pid $!, port $(port_of "$name"), clock offset $offset)"
}

# wait_healthy NAME [SECONDS]: waits until /actuator/health says UP; fails early if the process died.
wait_healthy() {
  local name="$1" limit="${2:-${IRO_LOCAL_HEALTH_TIMEOUT:-480}}" port started
  port="$(port_of "$name")"
  started=$(date +%s)
  while true; do
    if curl -fsS -m 2 "http://127.0.0.1:$port/actuator/health" 2>/dev/null | grep -q '"status":"UP"'; then
      log "$name is up on $port ($(( $(date +%s) - started )) s)"
      return 0
    fi
    if ! is_running "$name"; then
      tail -n 40 "$STATE/logs/$name.log" >&2 || true
      die "$name died while starting; its log: $STATE/logs/$name.log"
    fi
    if (( $(date +%s) - started > limit )); then
      tail -n 40 "$STATE/logs/$name.log" >&2 || true
      die "$name not healthy after $limit s; its log: $STATE/logs/$name.log"
    fi
    sleep 1
  done
}

# stop_process NAME SIGNAL: TERM waits for a graceful stop (then KILL after 30 s); KILL is immediate.
stop_process() {
  local name="$1" signal="${2:-TERM}" f pid
  f="$(pid_file "$name")"
  [[ -f "$f" ]] || return 0
  pid="$(cat "$f")"
  if pid_alive "$pid"; then
    kill -s "$signal" "$pid" 2>/dev/null || true
    local waited=0
    while pid_alive "$pid"; do
      sleep 0.5
      waited=$((waited + 1))
      if (( waited == 60 )); then
        log "$name (pid $pid) did not stop in 30 s: SIGKILL"
        kill -s KILL "$pid" 2>/dev/null || true
      fi
    done
    log "stopped $name (pid $pid, SIG$signal)"
  fi
  rm -f "$f"
}
