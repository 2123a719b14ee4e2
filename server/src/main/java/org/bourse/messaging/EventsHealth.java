package org.bourse.messaging;

import java.util.Map;

import org.bourse.exchange.ExchangeGateway;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The integration events on {@code /actuator/health} ({@code events}) and as the metric
 * {@code bourse.events.lag{reader}}: how many journal sequences each outbox reader (the RabbitMQ publisher, or
 * each in-process consumer) is behind the read models. Zero when it has every event written so far.
 */
@Component("events")
final class EventsHealth implements HealthIndicator {

    /** The broker is unreachable: events wait in the outbox (nothing is lost), the exchange trades on. */
    static final Status DEGRADED = new Status("DEGRADED", "RabbitMQ unreachable: events wait in the outbox");

    private final OutboxReaders readers;
    private final OutboxProjection outbox;
    private final ExchangeGateway exchange;

    EventsHealth(OutboxReaders readers, OutboxProjection outbox, ExchangeGateway exchange, MeterRegistry meters) {
        this.readers = readers;
        this.outbox = outbox;
        this.exchange = exchange;
        for (String reader : readers.names()) {
            Gauge.builder("bourse.events.lag", this, h -> h.lag(reader)).tag("reader", reader)
                    .description("Journal sequences the reader of the integration events is behind the read models")
                    .register(meters);
        }
    }

    long lag(String reader) {
        Outbox.Position position = readers.positions().get(reader);
        if (position == null) {
            return 0;
        }
        long head = outbox.head();
        if (head >= 0 && position.id() >= head) {
            return 0;
        }
        return Math.max(0, exchange.projectedSequence() - position.sequence());
    }

    @Override
    public Health health() {
        Health.Builder health = readers.healthy() ? Health.up() : Health.status(DEGRADED);
        for (Map.Entry<String, Outbox.Position> reader : readers.positions().entrySet()) {
            health.withDetail(reader.getKey(), Map.of("lag", lag(reader.getKey()), "position", reader.getValue().id()));
        }
        readers.details().forEach(health::withDetail);
        return health.build();
    }
}
