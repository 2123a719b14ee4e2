package org.bourse.engine;

/** Which side of the book an order is on: a buyer pays quote and receives base, a seller the reverse. */
public enum Side {
    BUY, SELL;

    public Side opposite() {
        return this == BUY ? SELL : BUY;
    }
}
