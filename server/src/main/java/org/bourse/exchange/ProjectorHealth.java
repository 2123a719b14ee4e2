package org.bourse.exchange;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The read models on {@code /actuator/health} ({@code projector}) and as metrics: {@code DEGRADED} while any
 * command is quarantined (the read models miss what it did; admins see which at {@code GET /admin/projector}),
 * and the projector's lag behind the engine in commands ({@code bourse.projector.lag}). DEGRADED answers 200,
 * like UP: the exchange trades on, but an operator has something to look at.
 */
@Component("projector")
final class ProjectorHealth implements HealthIndicator {

    static final Status DEGRADED = new Status("DEGRADED", "Commands are quarantined: the read models miss their effects");

    private final ExchangeGateway exchange;

    ProjectorHealth(ExchangeGateway exchange, MeterRegistry meters) {
        this.exchange = exchange;
        Gauge.builder("bourse.projector.lag", exchange, ProjectorHealth::lag)
                .description("Commands applied by the engine and not yet in the read models").register(meters);
        Gauge.builder("bourse.projector.quarantined", exchange, e -> e.quarantinedCommands().size())
                .description("Commands the read models set aside (GET /api/v1/admin/projector)").register(meters);
    }

    private static double lag(ExchangeGateway exchange) {
        return Math.max(0, exchange.lastAppliedSequence() - exchange.projectedSequence());
    }

    @Override
    public Health health() {
        var quarantined = exchange.quarantinedCommands();
        Health.Builder health = quarantined.isEmpty() ? Health.up() : Health.status(DEGRADED)
                .withDetail("quarantined", quarantined.size())
                .withDetail("oldest_quarantined_sequence", quarantined.getFirst().sequence());
        return health.withDetail("lag", (long) lag(exchange)).build();
    }
}
