package org.bourse.trading;

import java.util.List;

import org.bourse.engine.command.CancelOrder;
import org.bourse.exchange.ExchangeGateway;
import org.bourse.platform.DisabledUsers;
import org.bourse.platform.RequestContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Cancels every working order of a user an admin disables (on the node where it was done: the cancels go
 * through the engine once), so nothing of theirs keeps trading. Pending orders hold nothing and can no longer be
 * executed by their owner; they expire as usual.
 */
@Component
final class DisabledUserOrders {

    private static final Logger log = LoggerFactory.getLogger(DisabledUserOrders.class);

    private final ExchangeGateway exchange;
    private final OpenOrders openOrders;

    DisabledUserOrders(ExchangeGateway exchange, OpenOrders openOrders, DisabledUsers disabledUsers) {
        this.exchange = exchange;
        this.openOrders = openOrders;
        disabledUsers.onDisabled((userId, here) -> {
            if (here) {
                cancelAll(userId);
            }
        });
    }

    private void cancelAll(long userId) {
        exchange.awaitReadModels(userId);
        List<Long> open = openOrders.openOrderIds(userId);
        String traceId = java.util.Objects.requireNonNullElse(RequestContext.traceId(), "user-disabled");
        for (long orderId : open) {
            var result = exchange.execute(new CancelOrder(userId, orderId, traceId));
            if (!result.accepted()) {
                log.info("Order {} of disabled user {} was not cancelled: {}", orderId, userId, result.rejection());
            }
        }
        if (!open.isEmpty()) {
            log.info("Cancelled {} open orders of disabled user {}", open.size(), userId);
        }
        exchange.awaitReadModels(userId);
    }
}
