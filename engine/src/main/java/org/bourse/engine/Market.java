package org.bourse.engine;

import org.bourse.engine.book.BookSide;
import org.bourse.engine.book.OrderBook;
import org.bourse.engine.book.StopBook;

/**
 * A trading pair and its rules. Prices are quote minor units per one whole base unit; quantities are base
 * minor units. {@code maxPrice} bounds every price so that {@code price * baseUnit} fits a long, which keeps
 * all notional arithmetic exact (see {@link Money}). Owned by the engine thread.
 */
public final class Market {

    private final int index;
    private final String symbol;
    private final Asset base;
    private final Asset quote;
    private final long tickSize;
    private final long lotSize;
    private final long minQuantity;
    private final long minNotional;
    private final long makerFeePpm;
    private final long takerFeePpm;
    private final long maxPrice;
    private final long maxQuantity;
    private MarketStatus status;
    private long lastPrice; // 0 until the first trade
    private long bookSequence; // +1 per published change of a price level
    final OrderBook book;
    final StopBook stops;

    Market(int index, String symbol, Asset base, Asset quote, long tickSize, long lotSize, long minQuantity,
           long minNotional, long makerFeePpm, long takerFeePpm, long maxPrice, long maxQuantity) {
        this.index = index;
        this.symbol = symbol;
        this.base = base;
        this.quote = quote;
        this.tickSize = tickSize;
        this.lotSize = lotSize;
        this.minQuantity = minQuantity;
        this.minNotional = minNotional;
        this.makerFeePpm = makerFeePpm;
        this.takerFeePpm = takerFeePpm;
        this.maxPrice = maxPrice;
        this.maxQuantity = maxQuantity;
        this.status = MarketStatus.TRADING;
        this.book = new OrderBook();
        this.stops = new StopBook();
    }

    public int index() {
        return index;
    }

    public String symbol() {
        return symbol;
    }

    public Asset base() {
        return base;
    }

    public Asset quote() {
        return quote;
    }

    public long tickSize() {
        return tickSize;
    }

    public long lotSize() {
        return lotSize;
    }

    public long minQuantity() {
        return minQuantity;
    }

    public long minNotional() {
        return minNotional;
    }

    public long makerFeePpm() {
        return makerFeePpm;
    }

    public long takerFeePpm() {
        return takerFeePpm;
    }

    /** A resting buy may fill as maker or taker, so its hold covers the larger of the two rates. */
    public long maxFeePpm() {
        return Math.max(makerFeePpm, takerFeePpm);
    }

    public long maxPrice() {
        return maxPrice;
    }

    public long maxQuantity() {
        return maxQuantity;
    }

    public MarketStatus status() {
        return status;
    }

    void status(MarketStatus status) {
        this.status = status;
    }

    /** The price of the last trade, 0 before the first. */
    public long lastPrice() {
        return lastPrice;
    }

    void lastPrice(long price) {
        this.lastPrice = price;
    }

    public long bookSequence() {
        return bookSequence;
    }

    long nextBookSequence() {
        return ++bookSequence;
    }

    void bookSequence(long sequence) {
        this.bookSequence = sequence;
    }

    /** Best bid, 0 when there is none. */
    public long bestBid() {
        return book.bids().bestPrice();
    }

    /** Best ask, 0 when there is none. */
    public long bestAsk() {
        return book.asks().bestPrice();
    }

    /** The best {@code maxLevels} levels of each side; call on the engine thread (a query), it copies. */
    public Depth depth(int maxLevels) {
        return new Depth(symbol, bookSequence, levels(book.bids(), maxLevels), levels(book.asks(), maxLevels));
    }

    private static Depth.Levels levels(BookSide side, int maxLevels) {
        int n = Math.min(Math.max(maxLevels, 0), side.levelCount());
        long[] prices = new long[n];
        long[] quantities = new long[n];
        int[] counts = new int[n];
        for (int i = 0; i < n; i++) {
            var level = side.level(i);
            prices[i] = level.price();
            quantities[i] = level.totalQuantity();
            counts[i] = level.orderCount();
        }
        return new Depth.Levels(prices, quantities, counts);
    }
}
