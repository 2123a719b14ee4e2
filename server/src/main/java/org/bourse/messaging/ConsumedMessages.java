package org.bourse.messaging;

import java.time.Clock;
import java.time.Duration;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@code consumed_messages}: which message ids each consumer has processed, recorded in the transaction of the
 * processing, so a redelivered message (at-least-once delivery) is processed once. And
 * {@code event_dead_letters}: events a consumer refused for good, in process.
 */
@Component
final class ConsumedMessages {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    ConsumedMessages(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Records the message as processed by the consumer. @return whether this is the first time (false: a duplicate
     * to pass over). Two processes recording the same id at once: one waits on the key and then fails with a
     * duplicate key, rolling its transaction back, and the redelivery then finds it recorded.
     */
    boolean firstTime(String consumer, String messageId) {
        return jdbc.update("""
                INSERT INTO consumed_messages (consumer, message_id, consumed_at)
                SELECT ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM consumed_messages WHERE consumer = ? AND message_id = ?)""",
                consumer, messageId, clock.instant().atOffset(java.time.ZoneOffset.UTC), consumer, messageId) == 1;
    }

    void deadLetter(String consumer, String messageId, String payload, String error) {
        jdbc.update("""
                INSERT INTO event_dead_letters (consumer, message_id, payload, error, failed_at) VALUES (?, ?, ?, ?, ?)""",
                consumer, messageId, payload, error.length() > 2000 ? error.substring(0, 2000) : error,
                clock.instant().atOffset(java.time.ZoneOffset.UTC));
    }

    /** Forgets ids processed longer ago than {@code retention}: a redelivery later than that is not expected. */
    int prune(Duration retention) {
        return jdbc.update("DELETE FROM consumed_messages WHERE consumed_at < ?",
                clock.instant().minus(retention).atOffset(java.time.ZoneOffset.UTC));
    }
}
