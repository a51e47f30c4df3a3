package uk.iro.disputes.command.application;

/**
 * What every command answers.
 *
 * @param disputeId the dispute the command acted on
 * @param version the dispute's version after it: the sequence number of its last event (the ETag)
 * @param eventsAppended how many events the command recorded; 0 for a scheduler command with nothing to do
 */
public record CommandResult(String disputeId, long version, int eventsAppended) {
}
