package org.bourse.marketdata.ws;

/**
 * A token bucket: {@code capacity} at once, then {@code perSecond}; guarded by its own monitor. Time is
 * {@link System#nanoTime()}, passed in so callers read it once.
 */
final class TokenBucket {

    private final double capacity;
    private final double perNano;
    private double tokens;
    private long last;

    TokenBucket(double capacity, double perSecond, long now) {
        this.capacity = capacity;
        this.perNano = perSecond / 1e9;
        this.tokens = capacity;
        this.last = now;
    }

    synchronized boolean take(long now) {
        tokens = Math.min(capacity, tokens + Math.max(0, now - last) * perNano);
        last = Math.max(last, now);
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }
}
