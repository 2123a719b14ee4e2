package org.bourse.engine.book;

/** All resting orders at one price, oldest first (time priority), with their aggregate quantity. */
public final class PriceLevel {

    final long price;
    long totalQuantity;
    int orderCount;
    Order head;
    Order tail;

    PriceLevel(long price) {
        this.price = price;
    }

    public long price() {
        return price;
    }

    /** Base minor units resting at this price. */
    public long totalQuantity() {
        return totalQuantity;
    }

    public int orderCount() {
        return orderCount;
    }

    /** The oldest order: the next to trade. */
    public Order first() {
        return head;
    }

    void append(Order order) {
        order.level = this;
        order.previous = tail;
        order.next = null;
        if (tail == null) {
            head = order;
        } else {
            tail.next = order;
        }
        tail = order;
        orderCount++;
        totalQuantity += order.remaining();
    }

    void unlink(Order order) {
        if (order.previous == null) {
            head = order.next;
        } else {
            order.previous.next = order.next;
        }
        if (order.next == null) {
            tail = order.previous;
        } else {
            order.next.previous = order.previous;
        }
        order.previous = null;
        order.next = null;
        order.level = null;
        orderCount--;
    }

    boolean isEmpty() {
        return head == null;
    }
}
