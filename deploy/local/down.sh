#!/usr/bin/env bash
# Stops what deploy/local/up.sh started, by the process ids it recorded: the services first (SIGTERM, a graceful
# stop; SIGKILL after 30 s), then Kafka. Keeps the state folder (logs, keys, the broker's data).
set -euo pipefail
# shellcheck source=deploy/local/lib.sh
source "$(dirname "$0")/lib.sh"
[[ -d "$STATE/pids" ]] || exit 0
names=()
for f in "$STATE"/pids/*.pid; do
  [[ -e "$f" ]] || continue
  name="$(basename "$f" .pid)"
  [[ "$name" == kafka ]] || names+=("$name")
done
for name in "${names[@]}"; do stop_process "$name" TERM & done
wait
stop_process kafka TERM
