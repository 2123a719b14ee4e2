package org.bourse.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

import org.bourse.engine.Money;
import org.bourse.engine.Side;
import org.bourse.exchange.MarketSpec;

/**
 * The maker's quotes around a reference price: {@code levels} bids and asks on a fixed price grid (so that a
 * small move of the reference leaves most quotes where they are, and only the levels it crossed are
 * replaced), each worth about the market's level value, sized to the market's rules (tick, lot, minimum
 * quantity and notional, maximum quantity and price).
 */
final class Ladder {

    /** Distance between two levels as a fraction of the price, in parts per million (5 bp). */
    static final long SPACING_PPM = 500;

    /** One resting order the maker wants: price in quote minor units, quantity in base minor units. */
    record Quote(Side side, long price, long quantity) {
    }

    private Ladder() {
    }

    /** The grid step for a price: about {@link #SPACING_PPM} of it, a whole number of ticks, at least one. */
    static long grid(MarketSpec market, long price) {
        long ticks = Money.mulDivFloor(price, SPACING_PPM, Money.PPM) / market.tickSize();
        return Math.max(1, ticks) * market.tickSize();
    }

    /**
     * Bids on the grid strictly below the reference, best first, then asks strictly above it, best first.
     * Levels whose price would leave the market's range are left out.
     *
     * @param levelNotional quote minor units a level is worth before the random factor (0.5 to 1.5)
     */
    static List<Quote> around(MarketSpec market, long reference, long grid, int levels, long levelNotional,
                              RandomGenerator random) {
        List<Quote> quotes = new ArrayList<>(2 * levels);
        long bestBid = (reference - 1) / grid * grid;
        long bestAsk = (reference / grid + 1) * grid;
        for (int i = 0; i < levels; i++) {
            add(quotes, market, Side.BUY, bestBid - i * grid, levelNotional, random);
        }
        for (int i = 0; i < levels; i++) {
            add(quotes, market, Side.SELL, bestAsk + i * grid, levelNotional, random);
        }
        return quotes;
    }

    private static void add(List<Quote> quotes, MarketSpec market, Side side, long price, long levelNotional,
                            RandomGenerator random) {
        if (price <= 0 || price > market.maxPrice()) {
            return;
        }
        long notional = Money.mulDivFloor(levelNotional, 500 + random.nextInt(1001), 1000);
        quotes.add(new Quote(side, price, quantity(market, price, notional)));
    }

    /**
     * The quantity worth about {@code notional} at {@code price}, in whole lots, raised to the market's
     * minimum quantity and minimum notional, capped at its maximum quantity.
     */
    static long quantity(MarketSpec market, long price, long notional) {
        long baseUnit = Money.pow10(market.baseScale());
        long lot = market.lotSize();
        long quantity = Money.mulDivFloor(notional, baseUnit, price) / lot * lot;
        quantity = Math.max(quantity, market.minQuantity());
        if (Money.notionalFloor(price, quantity, baseUnit) < market.minNotional()) {
            long needed = Money.mulDivCeil(market.minNotional(), baseUnit, price);
            quantity = (needed + lot - 1) / lot * lot;
        }
        return Math.min(quantity, market.maxQuantity() / lot * lot);
    }
}
