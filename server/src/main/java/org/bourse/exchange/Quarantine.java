package org.bourse.exchange;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The commands the projector could not write: each failed alone, on a healthy database, after retries, so
 * it was set aside ({@code projection_quarantine}) for the read models to go on with the commands after it.
 * A quarantined command is not lost: the journal still holds it (the engine releases nothing from the oldest
 * quarantined sequence on), every start replays it into the projector again, and an admin can retry it at
 * once. Once it is written it leaves the quarantine.
 *
 * <p>The projector thread writes; any thread reads.
 */
final class Quarantine {

    /** One command set aside. {@code events} is kept in memory for a retry without a restart; null after one. */
    record Entry(long sequence, String traceId, String command, String error, Instant quarantinedAt,
                 CommandEvents events) {
    }

    private final Map<Long, Entry> entries = new ConcurrentSkipListMap<>();

    void load(JdbcTemplate jdbc) {
        entries.clear();
        jdbc.query("SELECT sequence, trace_id, command, error, quarantined_at FROM projection_quarantine", rs -> {
            long sequence = rs.getLong("sequence");
            entries.put(sequence, new Entry(sequence, rs.getString("trace_id"), rs.getString("command"),
                    rs.getString("error"), rs.getObject("quarantined_at", java.time.OffsetDateTime.class).toInstant(),
                    null));
        });
    }

    boolean contains(long sequence) {
        return entries.containsKey(sequence);
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    /** The oldest quarantined sequence, or {@code Long.MAX_VALUE} when there is none. */
    long oldest() {
        return entries.isEmpty() ? Long.MAX_VALUE : ((ConcurrentSkipListMap<Long, Entry>) entries).firstKey();
    }

    List<Entry> entries() {
        return List.copyOf(entries.values());
    }

    Optional<Entry> entry(long sequence) {
        return Optional.ofNullable(entries.get(sequence));
    }

    /** Inside the transaction that also moves the projector past the command. */
    void add(JdbcTemplate jdbc, CommandEvents command, String error, Instant at) {
        String text = String.valueOf(command.command());
        Entry entry = new Entry(command.sequence(), command.traceId(), text.length() > 2_000 ? text.substring(0, 2_000) : text,
                error, at, command);
        if (entries.containsKey(entry.sequence())) { // tried again at a start, and failed again
            jdbc.update("UPDATE projection_quarantine SET error = ?, quarantined_at = ? WHERE sequence = ?",
                    entry.error(), at.atOffset(ZoneOffset.UTC), entry.sequence());
        } else {
            jdbc.update("""
                    INSERT INTO projection_quarantine (sequence, trace_id, command, error, quarantined_at)
                    VALUES (?, ?, ?, ?, ?)""", entry.sequence(), entry.traceId(), entry.command(), entry.error(),
                    at.atOffset(ZoneOffset.UTC));
        }
        entries.put(entry.sequence(), entry);
    }

    /** Keeps the events of a command quarantined before this start, once the replay hands them over again. */
    void remember(CommandEvents command) {
        entries.computeIfPresent(command.sequence(), (sequence, entry) -> new Entry(sequence, entry.traceId(),
                entry.command(), entry.error(), entry.quarantinedAt(), command));
    }

    /** Inside the transaction that writes the command. */
    void release(JdbcTemplate jdbc, long sequence) {
        jdbc.update("DELETE FROM projection_quarantine WHERE sequence = ?", sequence);
    }

    /** After that transaction committed. */
    void released(long sequence) {
        entries.remove(sequence);
    }
}
