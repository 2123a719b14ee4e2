package org.bourse.trading;

import java.util.List;

/**
 * The trading module's public face for other modules: which of a user's orders are still working (open or
 * partially filled), e.g. for a bot to cancel its quotes left over from before a restart.
 */
public interface OpenOrders {

    /**
     * Ids as the read model has them; after {@code ExchangeGateway.awaitReadModels()} that is the engine's
     * state at the time of the call.
     */
    List<Long> openOrderIds(long userId);
}
