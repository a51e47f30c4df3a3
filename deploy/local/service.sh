#!/usr/bin/env bash
# One instance of a running topology (deploy/local/up.sh):
#
#   deploy/local/service.sh start   NAME [--clock-offset ISO-DURATION]   e.g. dispute-command-2
#   deploy/local/service.sh restart NAME [--clock-offset ISO-DURATION]   graceful stop, then start
#   deploy/local/service.sh stop    NAME                                 SIGTERM (graceful)
#   deploy/local/service.sh kill    NAME                                 SIGKILL, as a crash would
#   deploy/local/service.sh status
#
# start and restart wait until the instance is healthy.
set -euo pipefail
# shellcheck source=deploy/local/lib.sh
source "$(dirname "$0")/lib.sh"
[[ -f "$STATE/topology.env" ]] || die "no topology: start one with deploy/local/up.sh"
action="${1:?usage: service.sh start|restart|stop|kill NAME [--clock-offset D] | status}"
if [[ "$action" == status ]]; then
  for f in "$STATE"/pids/*.pid; do
    [[ -e "$f" ]] || { echo "nothing running"; break; }
    name="$(basename "$f" .pid)"
    if is_running "$name"; then state=running; else state=stopped; fi
    printf '%-22s pid %-8s %s\n' "$name" "$(cat "$f")" "$state"
  done
  exit 0
fi
name="${2:?a service instance, e.g. dispute-command-1}"
offset=PT0S
[[ "${3:-}" == --clock-offset ]] && offset="${4:?a duration, e.g. P30D}"
case "$action" in
  start) start_service "$name" "$offset"; wait_healthy "$name" ;;
  restart) stop_process "$name" TERM; start_service "$name" "$offset"; wait_healthy "$name" ;;
  stop) stop_process "$name" TERM ;;
  kill) stop_process "$name" KILL ;;
  *) die "unknown action $action" ;;
esac
