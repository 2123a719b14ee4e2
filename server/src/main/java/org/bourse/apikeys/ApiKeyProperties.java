package org.bourse.apikeys;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code bourse.api-keys.*}: how many active keys a user may hold, and each key's own rate limit (a token bucket:
 * {@code rate-capacity} requests at once, refilled at {@code rate-per-second}).
 */
@ConfigurationProperties("bourse.api-keys")
record ApiKeyProperties(Integer maxKeysPerUser, Integer rateCapacity, Double ratePerSecond) {

    ApiKeyProperties {
        maxKeysPerUser = maxKeysPerUser == null ? 30 : maxKeysPerUser;
        rateCapacity = rateCapacity == null ? 600 : rateCapacity;
        ratePerSecond = ratePerSecond == null ? 100.0 : ratePerSecond;
    }
}
