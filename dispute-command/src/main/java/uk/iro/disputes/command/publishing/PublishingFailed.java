package uk.iro.disputes.command.publishing;

/**
 * Kafka did not acknowledge (or could not be asked): the batch's transaction rolls back, the token stays where it
 * was, and the processor retries the batch with back-off.
 */
public class PublishingFailed extends RuntimeException {
    public PublishingFailed(String message, Throwable cause) {
        super(message, cause);
    }
}
