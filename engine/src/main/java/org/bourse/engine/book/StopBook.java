package org.bourse.engine.book;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Stop orders waiting for their trigger. A buy stop fires when the last trade price rises to its stop price
 * or above, a sell stop when it falls to it or below. Among those a trade fires, the order is the stop price
 * nearest the trade first, then placement order, so the outcome never depends on anything but the commands.
 */
public final class StopBook {

    private final TreeMap<Long, ArrayDeque<Order>> buyStops = new TreeMap<>();
    private final TreeMap<Long, ArrayDeque<Order>> sellStops = new TreeMap<>();
    private int size;

    public int size() {
        return size;
    }

    public void add(Order order) {
        (order.isBuy() ? buyStops : sellStops).computeIfAbsent(order.stopPrice, p -> new ArrayDeque<>()).addLast(order);
        size++;
    }

    public boolean remove(Order order) {
        TreeMap<Long, ArrayDeque<Order>> stops = order.isBuy() ? buyStops : sellStops;
        ArrayDeque<Order> queue = stops.get(order.stopPrice);
        if (queue == null || !queue.remove(order)) {
            return false;
        }
        if (queue.isEmpty()) {
            stops.remove(order.stopPrice);
        }
        size--;
        return true;
    }

    /** Removes and appends to {@code fired} every stop the trade price {@code lastPrice} triggers. */
    public void takeTriggered(long lastPrice, List<Order> fired) {
        if (size == 0) {
            return;
        }
        // buy stops with stop <= last, nearest (highest) first; sell stops with stop >= last, nearest (lowest) first
        drain(buyStops.headMap(lastPrice, true).descendingMap(), fired);
        drain(sellStops.tailMap(lastPrice, true), fired);
    }

    private void drain(Map<Long, ArrayDeque<Order>> triggered, List<Order> fired) {
        Iterator<ArrayDeque<Order>> queues = triggered.values().iterator();
        while (queues.hasNext()) {
            ArrayDeque<Order> queue = queues.next();
            size -= queue.size();
            fired.addAll(queue);
            queues.remove();
        }
    }

    /** Every waiting stop in a deterministic order (buys by ascending stop, then sells), for snapshots and hashing. */
    public List<Order> all() {
        List<Order> all = new ArrayList<>(size);
        buyStops.values().forEach(all::addAll);
        sellStops.values().forEach(all::addAll);
        return all;
    }
}
