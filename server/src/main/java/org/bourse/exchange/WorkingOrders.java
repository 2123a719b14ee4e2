package org.bourse.exchange;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.bourse.engine.Engine;
import org.bourse.engine.OrderState;
import org.bourse.engine.TimeInForce;
import org.bourse.engine.command.PlaceOrder;
import org.bourse.engine.util.LongObjectMap;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * How many orders each user has working (pending, open, partially filled, or waiting for a trigger), per
 * market and in all, and the bound on them ({@code bourse.exchange.max-open-orders-per-market}, default 500,
 * and {@code max-open-orders}, 2 000). Pending orders reserve no funds and live a day, so without a bound one
 * account could fill the engine's memory with them.
 *
 * <p>Counted on the engine thread from the order events, before a command's caller is answered, so the count
 * never needs a database read on the order path. A placement first takes a slot ({@link #reserve}) and gives it
 * back when the engine has answered ({@link #release}), by which time the order, if it stayed, is counted:
 * placements racing each other cannot pass the bound together. Placements that cannot outlive their command
 * (executed at once, IOC or FOK, no trigger) need no slot.
 */
@Component
public final class WorkingOrders implements LiveView {

    private final int maxPerMarket;
    private final int maxInAll;
    private final Map<Long, UserOrders> users = new ConcurrentHashMap<>();
    /** The orders counted, by id (engine thread only): an order's later events know whether to uncount it. */
    private final LongObjectMap<UserOrders> counted = new LongObjectMap<>();

    @Autowired
    WorkingOrders(ExchangeProperties properties) {
        this(properties.maxOpenOrdersPerMarket(), properties.maxOpenOrders());
    }

    WorkingOrders(int maxPerMarket, int maxInAll) {
        this.maxPerMarket = maxPerMarket;
        this.maxInAll = maxInAll;
    }

    public int maxPerMarket() {
        return maxPerMarket;
    }

    public int maxInAll() {
        return maxInAll;
    }

    /** Whether the order this command places may stay in the engine after the command (and so needs a slot). */
    static boolean mayStayLive(PlaceOrder command) {
        if (!command.execute() || command.kind() == null || command.kind().isStop()) {
            return true;
        }
        TimeInForce timeInForce = command.timeInForce() != null ? command.timeInForce()
                : command.kind().hasLimitPrice() ? TimeInForce.GTC : TimeInForce.IOC;
        return timeInForce == TimeInForce.GTC;
    }

    /** Takes a slot for a placement on {@code symbol}; false when the user has none left there or in all. */
    boolean reserve(long userId, String symbol) {
        return user(userId).reserve(symbol, maxPerMarket, maxInAll);
    }

    /** Gives back a slot {@link #reserve} took, once the engine answered the placement (or never will). */
    void release(long userId, String symbol) {
        user(userId).release(symbol);
    }

    /** Orders working now, reservations aside (for tests and metrics). */
    public int working(long userId, String symbol) {
        UserOrders orders = users.get(userId);
        return orders == null ? 0 : orders.working(symbol);
    }

    @Override
    public void restore(Engine engine) {
        users.clear();
        counted.clear();
        engine.forEachLiveOrder(order -> open(order.id(), order.userId(), order.market().symbol()));
    }

    @Override
    public void apply(CommandEvents command) {
        for (ExchangeEvent event : command.events()) {
            if (event instanceof ExchangeEvent.OrderChanged changed) {
                OrderSnapshot order = changed.order();
                if (!order.status().isFinal()) {
                    if (counted.get(order.id()) == null) {
                        open(order.id(), order.userId(), order.symbol());
                    }
                } else {
                    UserOrders owner = counted.remove(order.id());
                    if (owner != null) {
                        owner.closed(order.symbol());
                    }
                }
            }
        }
    }

    private void open(long orderId, long userId, String symbol) {
        UserOrders owner = user(userId);
        owner.opened(symbol);
        counted.put(orderId, owner);
    }

    private UserOrders user(long userId) {
        return users.computeIfAbsent(userId, id -> new UserOrders());
    }

    /** One user's counts; its monitor guards them (the engine thread and that user's requests meet here). */
    private static final class UserOrders {
        private final Map<String, int[]> perMarket = new HashMap<>(); // {working, reserved}
        private int working;
        private int reserved;

        synchronized boolean reserve(String symbol, int maxPerMarket, int maxInAll) {
            int[] market = perMarket.computeIfAbsent(symbol, s -> new int[2]);
            if (working + reserved >= maxInAll || market[0] + market[1] >= maxPerMarket) {
                return false;
            }
            market[1]++;
            reserved++;
            return true;
        }

        synchronized void release(String symbol) {
            perMarket.get(symbol)[1]--;
            reserved--;
        }

        synchronized void opened(String symbol) {
            perMarket.computeIfAbsent(symbol, s -> new int[2])[0]++;
            working++;
        }

        synchronized void closed(String symbol) {
            perMarket.get(symbol)[0]--;
            working--;
        }

        synchronized int working(String symbol) {
            int[] market = perMarket.get(symbol);
            return market == null ? 0 : market[0];
        }
    }
}
