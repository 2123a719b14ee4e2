package org.bourse.engine;

/** How an order finds its price: its own limit, the book (market), or a trigger first (the two stop kinds). */
public enum OrderKind {
    LIMIT, MARKET, STOP_MARKET, STOP_LIMIT;

    public boolean isStop() {
        return this == STOP_MARKET || this == STOP_LIMIT;
    }

    /** Limit and stop-limit orders carry their own limit price; the others trade up to a protection price. */
    public boolean hasLimitPrice() {
        return this == LIMIT || this == STOP_LIMIT;
    }
}
