/**
 * Escalation policies as data: one council procedure per YAML file, loaded and validated here, pinned by
 * id and version in every dispute raised under it.
 */
package uk.iro.disputes.kernel.policy;
