package org.bourse.platform;

import java.time.Duration;

/** Retry-After is whole seconds; rounding up (and never 0) keeps a client that obeys it from being refused again. */
final class RetryAfter {

    private RetryAfter() {
    }

    static long seconds(Duration wait) {
        long millis = Math.max(0, wait.toMillis());
        return Math.max(1, (millis + 999) / 1000);
    }
}
