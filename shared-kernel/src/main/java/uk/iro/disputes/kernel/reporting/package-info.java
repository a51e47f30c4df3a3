/**
 * The reporting shape of the events: what the Kafka stream publishes to reporting teams. Ids, policy, stages,
 * roles, teams, dates, categories, outcomes and flags; never the free text of concerns, responses, reasons,
 * minutes or notes, which stays behind the authorised REST API. One JSON Schema per event type and revision
 * lives in {@code resources/schemas/events}.
 */
package uk.iro.disputes.kernel.reporting;
