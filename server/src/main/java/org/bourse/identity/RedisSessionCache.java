package org.bourse.identity;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.bourse.platform.ConditionalOnRedis;
import org.bourse.platform.RedisKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/**
 * {@code session:{user_id}} → {@code {user_id, username, email, role}} as JSON, with a TTL. A Redis outage
 * is logged and does not fail the login: the token alone is enough to authenticate.
 */
@Component
@ConditionalOnRedis
class RedisSessionCache implements SessionCache {

    private static final Logger log = LoggerFactory.getLogger(RedisSessionCache.class);

    private final StringRedisTemplate redis;
    private final RedisKeys keys;
    private final JsonMapper json;

    RedisSessionCache(StringRedisTemplate redis, RedisKeys keys, JsonMapper json) {
        this.redis = redis;
        this.keys = keys;
        this.json = json;
    }

    static String name(long userId) {
        return "session:" + userId;
    }

    @Override
    public void store(User user, Duration ttl) {
        Map<String, Object> session = new LinkedHashMap<>();
        session.put("user_id", Long.toString(user.id()));
        session.put("username", user.username());
        session.put("email", user.email());
        session.put("role", user.role());
        try {
            redis.opsForValue().set(keys.key(name(user.id())), json.writeValueAsString(session), ttl);
        } catch (RuntimeException e) {
            log.warn("Could not cache the session of user {} in Redis: {}", user.id(), e.toString());
        }
    }

    @Override
    public void evict(long userId) {
        try {
            redis.delete(keys.key(name(userId)));
        } catch (RuntimeException e) {
            log.warn("Could not drop the session of user {} from Redis: {}", userId, e.toString());
        }
    }
}
