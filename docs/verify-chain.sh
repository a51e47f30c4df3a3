#!/usr/bin/env bash
# Recompute one dispute's hash chain straight from the event table with psql, jq and sha256sum, without
# any code of the service. Usage: docs/verify-chain.sh <dispute id>   (PG* variables select the database;
# default: 127.0.0.1:5432, user postgres, database iro_disputes).
set -euo pipefail
id="$1"
export PGHOST="${PGHOST:-127.0.0.1}" PGUSER="${PGUSER:-postgres}" PGDATABASE="${PGDATABASE:-iro_disputes}"
previous=$(printf '0%.0s' $(seq 1 64))
expected=0
while IFS=$'\t' read -r seq type ts payload_b64 metadata_b64; do
  payload=$(printf '%s' "$payload_b64" | base64 -d | jq -cS .)
  metadata=$(printf '%s' "$metadata_b64" | base64 -d)
  subject=$(jq -r '.subject // ""' <<<"$metadata")
  role=$(jq -r '.role // ""' <<<"$metadata")
  stored=$(jq -r '.hash // ""' <<<"$metadata")
  recorded_previous=$(jq -r '.previousHash // ""' <<<"$metadata")
  if [ "$seq" != "$expected" ]; then echo "BROKEN at $expected: event missing"; exit 1; fi
  if [ "$recorded_previous" != "$previous" ]; then echo "BROKEN at $seq: previousHash does not match"; exit 1; fi
  hash=$(printf '%s\n%s\n%s\n%s\n%s\n%s|%s' "$previous" "$seq" "$type" "$payload" "$ts" "$subject" "$role" \
         | sha256sum | cut -d' ' -f1)
  if [ "$hash" != "$stored" ]; then echo "BROKEN at $seq: content changed"; exit 1; fi
  previous="$hash"; expected=$((expected + 1))
done < <(psql -qtAF $'\t' -c "SELECT sequencenumber, payloadtype, timestamp,
           translate(encode(payload, 'base64'), E'\n', ''), translate(encode(metadata, 'base64'), E'\n', '')
         FROM disputes_command.domainevententry WHERE aggregateidentifier = '$id' ORDER BY sequencenumber")
echo "intact: $expected events, last hash $previous"
