/**
 * Good-practice alerts: an IRO (or child-protection chair) highlights good practice in a child's case and the
 * team's manager acknowledges it. Its own aggregate and stream, never a dispute: it is not counted among disputes,
 * has its own ids ({@code gp-…}), history and events on the same topic.
 */
package uk.iro.disputes.kernel.goodpractice;
