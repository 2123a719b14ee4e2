package org.bourse.marketdata;

import java.time.Duration;
import java.util.Optional;

import org.bourse.platform.ConditionalOnRedis;
import org.bourse.platform.RedisKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * {@code md:<kind>:<symbol>:...:<version>} → the response JSON, for a minute. A Redis outage is logged and
 * the read goes on to the source: market data never fails because its cache is down.
 */
@Component
@ConditionalOnRedis
final class RedisSharedCache implements SharedCache {

    static final Duration TTL = Duration.ofSeconds(60);
    private static final Logger log = LoggerFactory.getLogger(RedisSharedCache.class);

    private final StringRedisTemplate redis;
    private final RedisKeys keys;

    RedisSharedCache(StringRedisTemplate redis, RedisKeys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    @Override
    public Optional<String> get(String key) {
        try {
            return Optional.ofNullable(redis.opsForValue().get(keys.key(key)));
        } catch (RuntimeException e) {
            log.warn("Could not read {} from Redis: {}", key, e.toString());
            return Optional.empty();
        }
    }

    @Override
    public void put(String key, String json) {
        try {
            redis.opsForValue().set(keys.key(key), json, TTL);
        } catch (RuntimeException e) {
            log.warn("Could not write {} to Redis: {}", key, e.toString());
        }
    }
}
