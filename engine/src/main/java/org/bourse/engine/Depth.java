package org.bourse.engine;

/**
 * A copy of the top of one market's book: aggregated price levels, best first, and the book sequence they
 * reflect (the {@code bookSequence} of the last level change included). Prices and quantities are minor
 * units; index {@code i} of each array describes the same level.
 */
public record Depth(String symbol, long bookSequence, Levels bids, Levels asks) {

    /** Parallel arrays of one side's levels, best first. */
    public record Levels(long[] prices, long[] quantities, int[] orderCounts) {

        public int size() {
            return prices.length;
        }
    }
}
