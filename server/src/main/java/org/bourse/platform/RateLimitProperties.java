package org.bourse.platform;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Token buckets: each caller (user id when authenticated, IP otherwise) may burst {@code capacity}
 * requests and gets {@code refillPerSecond} tokens back every second (fractions allowed).
 */
@ConfigurationProperties("bourse.rate-limit")
record RateLimitProperties(boolean enabled, long capacity, double refillPerSecond) {

    RateLimitProperties {
        if (capacity < 1 || !(refillPerSecond > 0)) {
            throw new IllegalArgumentException("bourse.rate-limit needs capacity >= 1 and refill-per-second > 0, got "
                    + capacity + " and " + refillPerSecond);
        }
    }
}
