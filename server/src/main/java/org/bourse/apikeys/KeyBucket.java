package org.bourse.apikeys;

/** One key's token bucket: {@code capacity} requests at once, refilled at {@code perSecond}. Thread-safe. */
final class KeyBucket {

    private final double capacity;
    private final double perMilli;
    private double tokens;
    private long lastMillis;

    KeyBucket(int capacity, double perSecond, long now) {
        this.capacity = capacity;
        this.perMilli = perSecond / 1000.0;
        this.tokens = capacity;
        this.lastMillis = now;
    }

    /** Takes one token. @return 0 when taken, else the milliseconds until one is back */
    synchronized long take(long now) {
        tokens = Math.min(capacity, tokens + Math.max(0, now - lastMillis) * perMilli);
        lastMillis = Math.max(lastMillis, now);
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return Math.max(1, (long) Math.ceil((1 - tokens) / perMilli));
    }
}
