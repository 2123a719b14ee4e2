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

    @Bean
    @ConditionalOnRedis
    RateLimiter redisRateLimiter(StringRedisTemplate redis, RedisKeys keys, RateLimitProperties properties,
                                 Clock clock) {
        return new RedisRateLimiter(redis, keys, properties, clock);
    }

    @Bean
    @ConditionalOnExpression("'${bourse.redis.url:}'.trim() == ''")
    RateLimiter localRateLimiter(RateLimitProperties properties, Clock clock) {
        return new LocalRateLimiter(properties, clock);
    }
}
