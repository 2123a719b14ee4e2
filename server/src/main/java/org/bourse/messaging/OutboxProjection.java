package org.bourse.messaging;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.bourse.exchange.CommandEvents;
import org.bourse.exchange.MarketCatalog;
import org.bourse.exchange.Projection;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Writes every command's integration events to {@code event_outbox}, in the projector's transaction: an event is
 * in the outbox exactly when the read models reflect its command, so none is lost and none is written twice, a
 * crash included (the engine replays from the projector's position).
 *
 * <p>Rows are numbered by {@code id}, rising in the order they are written; readers follow the outbox by id.
 * Only the projector writes here, one transaction at a time, so a reader never sees a higher id committed before
 * a lower one. A transaction that rolls back leaves a gap in the ids, which readers pass over.
 */
@Component
final class OutboxProjection implements Projection {

    private final IntegrationEvents events;
    /** The highest id written; -1 until read. Only the projector thread writes it. */
    private volatile long lastId = -1;

    OutboxProjection(MarketCatalog catalog) {
        this.events = new IntegrationEvents(catalog);
    }

    /** The highest outbox id written so far (-1 before the first batch of this process). */
    long head() {
        return lastId;
    }

    @Override
    public void project(List<CommandEvents> batch, JdbcTemplate jdbc) {
        if (lastId < 0) {
            lastId = Outbox.highestId(jdbc);
        }
        List<Object[]> rows = new ArrayList<>();
        long id = lastId;
        for (CommandEvents command : batch) {
            var at = Instant.ofEpochMilli(command.timestamp()).atOffset(ZoneOffset.UTC);
            for (IntegrationEvent event : events.of(command)) {
                rows.add(new Object[] {++id, event.messageId(), event.sequence(), event.eventType(), EventJson.write(event),
                        at});
            }
        }
        if (!rows.isEmpty()) {
            jdbc.batchUpdate("""
                    INSERT INTO event_outbox (id, message_id, sequence, event_type, payload, created_at)
                    VALUES (?, ?, ?, ?, ?, ?)""", rows);
            lastId = id;
        }
    }
}
