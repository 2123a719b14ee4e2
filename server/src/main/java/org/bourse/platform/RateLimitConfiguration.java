package org.bourse.platform;

import java.time.Clock;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;

/** Chooses where the buckets live: Redis when configured (shared by all nodes), this JVM otherwise. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RateLimitProperties.class)
class RateLimitConfiguration {

    /** The general bucket of every caller, and the smaller one per address for logins and registrations. */
    record RateLimiters(RateLimiter general, RateLimiter credentials) {
    }

    @Bean
    @ConditionalOnRedis
    RateLimiters redisRateLimiters(StringRedisTemplate redis, RedisKeys keys, RateLimitProperties properties,
                                   Clock clock) {
        return new RateLimiters(
                new RedisRateLimiter(redis, keys, properties.capacity(), properties.refillPerSecond(), clock),
                new RedisRateLimiter(redis, keys, properties.auth().capacity(), properties.auth().refillPerSecond(),
                        clock));
    }

    @Bean
    @ConditionalOnExpression("'${bourse.redis.url:}'.trim() == ''")
    RateLimiters localRateLimiters(RateLimitProperties properties, Clock clock) {
        return new RateLimiters(new LocalRateLimiter(properties.capacity(), properties.refillPerSecond(), clock),
                new LocalRateLimiter(properties.auth().capacity(), properties.auth().refillPerSecond(), clock));
    }
}
