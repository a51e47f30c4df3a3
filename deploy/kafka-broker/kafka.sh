#!/usr/bin/env bash
# A single-node Apache Kafka (KRaft: broker and controller in one process) on 127.0.0.1, from the jars that
# `./mvnw -B -q -f deploy/kafka-broker/pom.xml package` copies into deploy/kafka-broker/target/lib.
#
#   kafka.sh DATA_DIR [PORT [CONTROLLER_PORT]]
#
# Formats DATA_DIR on first use (a new cluster id), then runs the broker in the foreground; stop it with SIGTERM.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
DATA="${1:?usage: kafka.sh DATA_DIR [PORT [CONTROLLER_PORT]]}"
PORT="${2:-9092}"
CONTROLLER_PORT="${3:-9093}"
LIB="$HERE/target/lib"
if [[ ! -d "$LIB" ]]; then
  (cd "$HERE/../.." && ./mvnw -B -q -f deploy/kafka-broker/pom.xml package)
fi
mkdir -p "$DATA/logs"
PROPS="$DATA/server.properties"
cat >"$PROPS" <<PROPERTIES
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$PORT,CONTROLLER://127.0.0.1:$CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$DATA/logs
num.partitions=1
# Topics are created by their owners (dispute-command creates its topic), never by a consumer's request.
auto.create.topics.enable=false
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
PROPERTIES

CP="$LIB/*"
JAVA_OPTS="${KAFKA_JAVA_OPTS:--Xms128m -Xmx512m -XX:+UseSerialGC -XX:TieredStopAtLevel=1}"
if [[ ! -f "$DATA/logs/meta.properties" ]]; then
  CLUSTER_ID="$(java -cp "$CP" kafka.tools.StorageTool random-uuid)"
  # shellcheck disable=SC2086
  java $JAVA_OPTS -cp "$CP" kafka.tools.StorageTool format -t "$CLUSTER_ID" -c "$PROPS" --ignore-formatted
fi
# shellcheck disable=SC2086
exec java $JAVA_OPTS -Dorg.slf4j.simpleLogger.defaultLogLevel=info -Dorg.slf4j.simpleLogger.showDateTime=true \
  -cp "$CP" kafka.Kafka "$PROPS"
