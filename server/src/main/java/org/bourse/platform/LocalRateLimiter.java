package org.bourse.platform;

import java.time.Clock;
import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * In-process buckets for one server node. Caffeine bounds the map so a flood of distinct IPs cannot grow
 * memory; an evicted bucket simply starts full again, which only errs on the caller's side.
 */
final class LocalRateLimiter implements RateLimiter {

    private static final int MAX_BUCKETS = 100_000;

    private final long capacity;
    private final double tokensPerMilli;
    private final Clock clock;
    private final Cache<String, Bucket> buckets;

    LocalRateLimiter(long capacity, double refillPerSecond, Clock clock) {
        this.capacity = capacity;
        this.tokensPerMilli = refillPerSecond / 1000.0;
        this.clock = clock;
        long millisToFill = (long) Math.ceil(capacity / tokensPerMilli);
        this.buckets = Caffeine.newBuilder()
                .maximumSize(MAX_BUCKETS)
                .expireAfterAccess(Duration.ofMillis(Math.max(1_000, millisToFill))) // a full bucket is the same as none
                .build();
    }

    @Override
    public Decision tryTake(String callerKey) {
        Bucket bucket = buckets.get(callerKey, key -> new Bucket(capacity, clock.millis()));
        synchronized (bucket) {
            return bucket.take(clock.millis());
        }
    }

    /** Guarded by its own monitor. Tokens are fractional so slow refill rates (e.g. 0.5/s) work. */
    private final class Bucket {
        private double tokens;
        private long lastRefillMillis;

        Bucket(long tokens, long now) {
            this.tokens = tokens;
            this.lastRefillMillis = now;
        }

        Decision take(long now) {
            long elapsed = Math.max(0, now - lastRefillMillis);
            tokens = Math.min(capacity, tokens + elapsed * tokensPerMilli);
            lastRefillMillis = Math.max(lastRefillMillis, now);
            if (tokens >= 1) {
                tokens -= 1;
                return new Decision(true, capacity, (long) Math.floor(tokens), 0);
            }
            long wait = (long) Math.ceil((1 - tokens) / tokensPerMilli);
            return new Decision(false, capacity, 0, wait);
        }
    }
}
