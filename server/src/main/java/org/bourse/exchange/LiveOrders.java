package org.bourse.exchange;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.bourse.engine.Engine;
import org.springframework.stereotype.Component;

/**
 * Orders changed by commands the projector has not written yet. The API reads an order here first, then
 * in the read model, so the answer to "place an order" and an immediate "get it" show the engine's state.
 * Entries leave once the projector has passed their sequence, so the map holds only the projector's lag.
 */
@Component
public final class LiveOrders implements LiveView {

    private final Map<Long, OrderSnapshot> recent = new ConcurrentHashMap<>();

    public Optional<OrderSnapshot> find(long orderId) {
        return Optional.ofNullable(recent.get(orderId));
    }

    @Override
    public void restore(Engine engine) {
        recent.clear();
    }

    @Override
    public void apply(CommandEvents command) {
        for (ExchangeEvent event : command.events()) {
            if (event instanceof ExchangeEvent.OrderChanged changed) {
                recent.put(changed.order().id(), changed.order());
            }
        }
    }

    /** Called by the projector once everything up to {@code sequence} is in the read model. */
    void projected(long sequence) {
        recent.values().removeIf(order -> order.sequence() <= sequence);
    }
}
