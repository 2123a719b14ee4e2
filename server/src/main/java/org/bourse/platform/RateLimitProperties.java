package org.bourse.platform;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Token buckets: each caller (user id when authenticated, IP otherwise) may burst {@code capacity}
 * requests and gets {@code refillPerSecond} tokens back every second (fractions allowed). {@code auth} is a
 * second, smaller bucket per client address for logins and registrations ({@link CredentialEndpoints}).
 */
@ConfigurationProperties("bourse.rate-limit")
record RateLimitProperties(boolean enabled, long capacity, double refillPerSecond, @DefaultValue Auth auth) {

    RateLimitProperties {
        check("bourse.rate-limit", capacity, refillPerSecond);
    }

    /** @param capacity logins and registrations one address may send at once; {@code refillPerSecond} after that */
    record Auth(@DefaultValue("20") long capacity, @DefaultValue("0.2") double refillPerSecond) {

        Auth {
            check("bourse.rate-limit.auth", capacity, refillPerSecond);
        }
    }

    private static void check(String prefix, long capacity, double refillPerSecond) {
        if (capacity < 1 || !(refillPerSecond > 0)) {
            throw new IllegalArgumentException(prefix + " needs capacity >= 1 and refill-per-second > 0, got "
                    + capacity + " and " + refillPerSecond);
        }
    }
}
