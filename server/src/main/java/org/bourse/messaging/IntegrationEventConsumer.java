package org.bourse.messaging;

/**
 * A module that reacts to integration events (the audit trail, later portfolio, search, notify). Register one as
 * a Spring bean; the messaging module feeds it every event it {@link #accepts}, in journal order, at least once:
 * from the outbox in process by default, from its RabbitMQ queue when {@code BOURSE_RABBITMQ_URL} is set. Either
 * way each {@code message_id} reaches {@link #accept} once per consumer (duplicates are filtered against
 * {@code consumed_messages} in the same database transaction as the call), so writes the consumer makes through
 * the server's {@code JdbcTemplate} commit together with that record, or not at all.
 *
 * <p>Failures: a {@link PermanentEventFailure} means the event itself is bad (it goes to the dead letters: the
 * DLQ on RabbitMQ, {@code event_dead_letters} in process) and delivery goes on; any other exception is taken as
 * recoverable, and the event is delivered again (NACK with requeue, or a retry with backoff), the consumer lagging
 * meanwhile.
 */
public interface IntegrationEventConsumer {

    /** The consumer's name: its RabbitMQ queue (seed 000's, e.g. {@code audit.events}) and its stored position. */
    String queue();

    /** Whether it wants events of this type; the others are passed over (acknowledged, not recorded). */
    default boolean accepts(String eventType) {
        return true;
    }

    void accept(IntegrationEvent event);

    /** The event can never be processed (malformed, refers to nothing): dead-letter it instead of retrying. */
    final class PermanentEventFailure extends RuntimeException {

        public PermanentEventFailure(String message) {
            super(message);
        }
    }
}
