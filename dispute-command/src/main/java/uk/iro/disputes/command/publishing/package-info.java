/**
 * The Kafka publisher: a tracking event processor reading the event store (the store is the outbox) that sends
 * every event, in its reporting shape with CloudEvents binary-mode headers, to one topic keyed by dispute id.
 * Its token advances only in the transaction that follows Kafka's acknowledgement of the whole batch. Nothing
 * here exists unless {@code iro.kafka.bootstrap-servers} is set. See {@code docs/kafka.md}.
 */
package uk.iro.disputes.command.publishing;
