package org.bourse.platform;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Boot's own Redis auto-configuration is excluded in application.yml because it would create a client (and
 * a failing health check) even with no Redis configured; this one exists only when {@code BOURSE_REDIS_URL} is set.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnRedis
class RedisConfiguration {

    @Bean
    LettuceConnectionFactory redisConnectionFactory(@Value("${bourse.redis.url}") String url) {
        return new LettuceConnectionFactory(LettuceConnectionFactory.createRedisConfiguration(url.trim()));
    }

    @Bean
    StringRedisTemplate stringRedisTemplate(LettuceConnectionFactory connectionFactory) {
        return new StringRedisTemplate(connectionFactory);
    }

    @Bean
    RedisKeys redisKeys(@Value("${bourse.redis.key-prefix:}") String prefix) {
        return new RedisKeys(prefix);
    }
}
