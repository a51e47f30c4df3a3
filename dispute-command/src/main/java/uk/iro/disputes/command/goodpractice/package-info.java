/** The good-practice alert aggregate: a lifecycle of its own beside the disputes, in the same event store. */
package uk.iro.disputes.command.goodpractice;
