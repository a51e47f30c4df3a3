/**
 * What happened to a dispute, in the past tense: immutable, revisioned, stored for ever. Dates are business
 * dates in Europe/London, fixed when the event was recorded; due dates computed when a stage opened are stored
 * here and never recomputed on replay.
 */
package uk.iro.disputes.kernel.event;
