package org.bourse.engine.book;

/** The two sides of a market's book. Matching itself lives in the engine, which also settles the funds. */
public final class OrderBook {

    private final BookSide bids = new BookSide(true);
    private final BookSide asks = new BookSide(false);

    public BookSide bids() {
        return bids;
    }

    public BookSide asks() {
        return asks;
    }

    public BookSide side(boolean buy) {
        return buy ? bids : asks;
    }

    /** Never true after a command completes: the invariant tests check it. */
    public boolean isCrossed() {
        return bids.levelCount() > 0 && asks.levelCount() > 0 && bids.bestPrice() >= asks.bestPrice();
    }
}
