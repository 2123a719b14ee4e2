package org.bourse.platform;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Buckets shared by every server node, kept in Redis. One Lua script reads, refills, takes and writes the
 * bucket atomically on the Redis side, with Redis's own clock so nodes with skewed clocks agree.
 *
 * <p>When Redis cannot be reached the limiter fails open to this node's own buckets ({@link LocalRateLimiter},
 * the embedded default's): no request is refused because Redis is down, which would stop trading for a cache
 * outage, and none goes unlimited either. A caller may then spend a full bucket on each node, and again when
 * Redis is back (its Redis bucket was not charged meanwhile). The outage and the recovery are logged once each.
 */
final class RedisRateLimiter implements RateLimiter {

    private static final Logger log = LoggerFactory.getLogger(RedisRateLimiter.class);

    // KEYS[1] bucket; ARGV[1] capacity, ARGV[2] tokens per millisecond.
    // Returns {allowed 0|1, whole tokens remaining, milliseconds until the next token when refused}.
    private static final RedisScript<List> TAKE = new DefaultRedisScript<>("""
            local capacity = tonumber(ARGV[1])
            local rate = tonumber(ARGV[2])
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            local bucket = redis.call('HMGET', KEYS[1], 'tokens', 'at')
            local tokens = tonumber(bucket[1])
            local at = tonumber(bucket[2])
            if tokens == nil or at == nil then
              tokens = capacity
              at = now
            end
            tokens = math.min(capacity, tokens + math.max(0, now - at) * rate)
            local allowed = 0
            local wait = 0
            if tokens >= 1 then
              tokens = tokens - 1
              allowed = 1
            else
              wait = math.ceil((1 - tokens) / rate)
            end
            redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
            redis.call('PEXPIRE', KEYS[1], math.ceil(capacity / rate) + 1000)
            return {allowed, math.floor(tokens), wait}
            """, List.class);

    private final StringRedisTemplate redis;
    private final RedisKeys keys;
    private final long capacity;
    private final String tokensPerMilli;
    private final RateLimiter whileRedisIsDown;
    private final AtomicBoolean redisDown = new AtomicBoolean();

    RedisRateLimiter(StringRedisTemplate redis, RedisKeys keys, long capacity, double refillPerSecond, Clock clock) {
        this.redis = redis;
        this.keys = keys;
        this.capacity = capacity;
        this.tokensPerMilli = Double.toString(refillPerSecond / 1000.0);
        this.whileRedisIsDown = new LocalRateLimiter(capacity, refillPerSecond, clock);
    }

    @Override
    public Decision tryTake(String callerKey) {
        try {
            List<?> reply = redis.execute(TAKE, List.of(keys.key("ratelimit:" + callerKey)),
                    Long.toString(capacity), tokensPerMilli);
            boolean allowed = ((Number) reply.get(0)).longValue() == 1;
            long remaining = ((Number) reply.get(1)).longValue();
            long wait = ((Number) reply.get(2)).longValue();
            if (redisDown.compareAndSet(true, false)) {
                log.info("Rate limiter reaches Redis again; the shared buckets apply once more");
            }
            return new Decision(allowed, capacity, remaining, wait);
        } catch (RuntimeException e) {
            if (redisDown.compareAndSet(false, true)) {
                log.warn("Rate limiter cannot reach Redis; limiting with this node's own buckets until it can: {}",
                        e.toString());
            }
            return whileRedisIsDown.tryTake(callerKey);
        }
    }
}
