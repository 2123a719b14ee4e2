package org.bourse.messaging;

import java.util.List;
import java.util.Map;

/** Whoever follows the outbox (the in-process consumers, or the RabbitMQ publisher): their positions, by name. */
interface OutboxReaders {

    List<String> names();

    Map<String, Outbox.Position> positions();

    /** False while the readers cannot do their work (the broker unreachable): health says DOWN, nothing is lost. */
    default boolean healthy() {
        return true;
    }

    default Map<String, Object> details() {
        return Map.of();
    }
}
