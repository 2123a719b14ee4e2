package org.bourse.trading;

import java.time.Clock;

import org.bourse.engine.command.ExpirePendingOrders;
import org.bourse.exchange.ExchangeGateway;
import org.bourse.exchange.ExchangeProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Pending orders (created, never executed) are cancelled as expired once older than
 * {@code bourse.exchange.pending-order-ttl} (default 24 h). The cut-off travels in a journaled command, so
 * a replay expires exactly the same orders.
 */
@Component
class PendingOrderExpiry {

    private static final Logger log = LoggerFactory.getLogger(PendingOrderExpiry.class);

    private final ExchangeGateway exchange;
    private final ExchangeProperties properties;
    private final Clock clock;

    PendingOrderExpiry(ExchangeGateway exchange, ExchangeProperties properties, Clock clock) {
        this.exchange = exchange;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${bourse.exchange.pending-expiry-check:60s}", initialDelayString = "10s")
    void expire() {
        if (!exchange.isRunning()) {
            return;
        }
        long cutoff = clock.millis() - properties.pendingOrderTtl().toMillis();
        try {
            exchange.execute(new ExpirePendingOrders(cutoff, "pending-expiry"));
        } catch (RuntimeException e) {
            log.warn("Could not expire pending orders this time: {}", e.toString());
        }
    }
}
