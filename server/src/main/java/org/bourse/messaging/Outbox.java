package org.bourse.messaging;

import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads {@code event_outbox} in id order for its readers (the in-process consumers, the RabbitMQ publisher),
 * keeps each reader's position ({@code event_positions}), and prunes what every reader has passed.
 */
@Component
final class Outbox {

    /** One outbox row: the event's JSON and where it stands. */
    record Row(long id, String messageId, long sequence, String eventType, String payload) {
    }

    /** A reader's position: the last outbox id it is done with, and that row's journal sequence. */
    record Position(long id, long sequence) {
    }

    private final JdbcTemplate jdbc;

    Outbox(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The id the next row must exceed: the highest row, or a reader's position when higher (rows below every
     * position are pruned, but the newest row always stays, see {@link #prune}).
     */
    static long highestId(JdbcTemplate jdbc) {
        Long rows = jdbc.queryForObject("SELECT COALESCE(MAX(id), 0) FROM event_outbox", Long.class);
        Long positions = jdbc.queryForObject("SELECT COALESCE(MAX(position), 0) FROM event_positions", Long.class);
        return Math.max(rows, positions);
    }

    List<Row> after(long id, int limit) {
        return jdbc.query("""
                SELECT id, message_id, sequence, event_type, payload FROM event_outbox
                WHERE id > ? ORDER BY id LIMIT ?""",
                (rs, n) -> new Row(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getString(5)),
                id, limit);
    }

    /** The stored position of a reader, starting at the beginning of the outbox the first time. */
    Position position(String reader) {
        List<Position> stored = jdbc.query("SELECT position, sequence FROM event_positions WHERE reader = ?",
                (rs, n) -> new Position(rs.getLong(1), rs.getLong(2)), reader);
        if (!stored.isEmpty()) {
            return stored.getFirst();
        }
        jdbc.update("""
                INSERT INTO event_positions (reader, position, sequence, updated_at)
                SELECT ?, 0, 0, CURRENT_TIMESTAMP WHERE NOT EXISTS (SELECT 1 FROM event_positions WHERE reader = ?)""",
                reader, reader);
        return new Position(0, 0);
    }

    /** Moves a reader on; call it in the transaction that did the reader's work. */
    void advance(String reader, Row last) {
        jdbc.update("""
                UPDATE event_positions SET position = ?, sequence = ?, updated_at = CURRENT_TIMESTAMP
                WHERE reader = ? AND position < ?""", last.id(), last.sequence(), reader, last.id());
    }

    /**
     * Deletes the rows every one of {@code readers} has passed, keeping the one at the slowest reader's position,
     * so the highest id written is never lost (ids must keep rising across restarts).
     * @return rows deleted
     */
    int prune(List<String> readers) {
        if (readers.isEmpty()) {
            return 0;
        }
        String in = String.join(",", readers.stream().map(r -> "?").toList());
        List<Long> positions = jdbc.queryForList("SELECT position FROM event_positions WHERE reader IN (" + in + ")",
                Long.class, readers.toArray());
        if (positions.size() < readers.size()) {
            return 0; // a reader has no position yet: it starts from the first row
        }
        long slowest = positions.stream().mapToLong(Long::longValue).min().orElse(0);
        return jdbc.update("DELETE FROM event_outbox WHERE id < ?", slowest);
    }
}
