package org.bourse.platform;

/**
 * Names Redis keys under the configured prefix ({@code BOURSE_REDIS_KEY_PREFIX}, empty by default), so
 * several deployments or test runs can share one Redis without seeing each other's keys.
 */
public final class RedisKeys {

    private final String prefix;

    RedisKeys(String prefix) {
        this.prefix = prefix;
    }

    /** {@code key("session:42")} → {@code "<prefix>session:42"}. */
    public String key(String name) {
        return prefix + name;
    }
}
