package org.bourse.demo;

import java.util.random.RandomGenerator;

/**
 * The price the maker quotes around: a geometric random walk, {@code p *= exp(sigma * z - sigma^2 / 2)} per
 * step with {@code z} standard normal, so it never turns negative and has no drift. It is a simulation
 * figure, kept as a double; it becomes money only as {@link #price()}, a whole number of ticks in minor units.
 */
final class ReferencePrice {

    private final long tickSize;
    private final double sigma;
    private final double floor;
    private final double ceiling;
    private final RandomGenerator random;
    /** quote minor units per whole base unit */
    private double value;

    /**
     * @param start    quote minor units per whole base unit
     * @param maxPrice the market's largest price; the walk stays within 1/1000 of the start and half of it
     */
    ReferencePrice(long start, long tickSize, long maxPrice, double sigma, RandomGenerator random) {
        this.tickSize = tickSize;
        this.sigma = sigma;
        this.random = random;
        this.floor = Math.max(start / 1000.0, 100.0 * tickSize);
        this.ceiling = Math.max(floor, maxPrice / 2.0);
        this.value = Math.clamp(start, floor, ceiling);
    }

    long step() {
        double z = random.nextGaussian();
        value = Math.clamp(value * Math.exp(sigma * z - sigma * sigma / 2), floor, ceiling);
        return price();
    }

    /** The reference rounded to the nearest tick: quote minor units. */
    long price() {
        return Math.max(tickSize, Math.round(value / tickSize) * tickSize);
    }
}
