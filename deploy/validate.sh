#!/usr/bin/env bash
# Static validation of the deployment artefacts; no Docker engine or cluster needed. Fails on the first broken file
# kind, after reporting every problem of it. Installs what a fresh machine lacks: Debian's docker-compose (for
# `docker-compose config`) and promtool (Debian's prometheus package), Node.js if missing, and the npm packages of
# deploy/validate/package.json into deploy/target/validate-tools (a folder of their own). Kustomizations are rendered
# with `kubectl kustomize` (kubectl comes with this project's machine image; no registry here serves a kustomize).
#
#   deploy/validate.sh            # from the repository root, or anywhere
set -euo pipefail
deploy="$(cd "$(dirname "$0")" && pwd)"
repo="$(dirname "$deploy")"
tools="$deploy/target/validate-tools"
work="$deploy/target/validate"
mkdir -p "$tools" "$work"

apt_updated=false
apt_install() {
  if [ "$apt_updated" = false ]; then apt-get update -qq; apt_updated=true; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}
command -v docker-compose >/dev/null 2>&1 || apt_install docker-compose
command -v promtool >/dev/null 2>&1 || apt_install prometheus
command -v node >/dev/null 2>&1 || apt_install nodejs npm
command -v npm >/dev/null 2>&1 || apt_install npm
if ! command -v kubectl >/dev/null 2>&1; then
  echo "deploy/validate.sh: kubectl (for kubectl kustomize) is not on this machine" >&2
  exit 1
fi

# The npm tools at the versions of the lock file, reinstalled only when it changes.
cp "$deploy/validate/package.json" "$deploy/validate/package-lock.json" "$deploy/validate/"*.mjs "$tools/"
if ! cmp -s "$deploy/validate/package-lock.json" "$tools/.installed-package-lock.json" 2>/dev/null; then
  (cd "$tools" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  cp "$deploy/validate/package-lock.json" "$tools/.installed-package-lock.json"
fi

echo "== compose: docker-compose config"
# Only the variables the file interpolates; the defaults in the file must be enough.
(cd "$repo" && docker-compose -f deploy/compose.yaml config) > "$work/compose.resolved.yaml"
node "$tools/check-compose.mjs" "$repo" "$work/compose.resolved.yaml"

echo "== observability: promtool and the dashboard's metrics"
promtool check config "$deploy/observability/prometheus/prometheus.yml"
node "$tools/check-observability.mjs" "$repo" "$work/dashboard-rules.yml"
promtool check rules "$work/dashboard-rules.yml"

echo "== kubernetes: kustomize, schema and cross-references"
renders=()
for kustomization in "$deploy"/k8s/base/kustomization.yaml "$deploy"/k8s/overlays/*/kustomization.yaml; do
  dir="$(dirname "$kustomization")"
  out="$work/k8s-$(basename "$(dirname "$dir")")-$(basename "$dir").yaml"
  kubectl kustomize "$dir" > "$out"
  renders+=("$out")
done
node "$tools/check-k8s.mjs" "$repo" "${renders[@]}"

echo "== policies in the example overlay: the services' own loader"
# dispute-command's runnable jar carries the loader and its libraries; CI has just built it (./mvnw verify).
jar="$repo/dispute-command/target/dispute-command-0.1.0-SNAPSHOT-exec.jar"
[ -f "$jar" ] || (cd "$repo" && ./mvnw -B -q -pl dispute-command -am package -DskipTests)
rm -rf "$work/dispute-command-jar"
java -Djarmode=tools -jar "$jar" extract --destination "$work/dispute-command-jar" >/dev/null
for policies in "$deploy"/k8s/overlays/*/policies; do
  java -cp "$work/dispute-command-jar/lib/*" "$deploy/validate/CheckPolicies.java" "$policies"
done

echo "== the validator's own test: each deliberately broken variant must fail"
node "$tools/selftest.mjs" "$repo" "$tools" "$work/dispute-command-jar"

echo "deploy/validate.sh: all checks passed"
