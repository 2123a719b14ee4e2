package org.bourse.search;

import java.util.Collection;
import java.util.OptionalLong;

import org.bourse.platform.RedisKeys;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The generations in Redis ({@code search:gen:<scope>}, kept without expiry: one small counter per user), shared
 * by every node: a node that changes a user's orders moves the counter, and every other node's next search of
 * that user reads the new value and misses its own local copy. Failures are the caller's to handle.
 */
final class RedisGenerations implements Generations {

    private final StringRedisTemplate redis;
    private final RedisKeys keys;

    RedisGenerations(StringRedisTemplate redis, RedisKeys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    @Override
    public OptionalLong current(String scope) {
        String value = redis.opsForValue().get(key(scope));
        return OptionalLong.of(value == null ? 0 : Long.parseLong(value));
    }

    /** One round trip for the whole batch of users. */
    @Override
    public void advance(Collection<Long> users) {
        redis.executePipelined((org.springframework.data.redis.core.RedisCallback<Object>) connection -> {
            for (long user : users) {
                connection.stringCommands().incr(key(Long.toString(user)).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            connection.stringCommands().incr(key(ALL).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return null;
        });
    }

    private String key(String scope) {
        return keys.key("search:gen:" + scope);
    }
}
