/** The Dispute aggregate: where each command is checked against the pinned policy and becomes events. */
package uk.iro.disputes.command.dispute;
