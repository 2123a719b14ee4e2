package org.bourse.platform;

/** Takes one token from a caller's bucket. Implementations are thread-safe. */
interface RateLimiter {

    Decision tryTake(String callerKey);

    /**
     * @param remaining     whole tokens left after this request
     * @param retryAfterMillis when refused, how long until one token is back
     */
    record Decision(boolean allowed, long limit, long remaining, long retryAfterMillis) {
    }
}
