package org.bourse.platform;

import java.time.Duration;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Boot's own Redis auto-configuration is excluded in application.yml because it would create a client (and
 * a failing health check) even with no Redis configured; this one exists only when {@code BOURSE_REDIS_URL} is set.
 *
 * <p>Every use of Redis here degrades when it is down (the rate limiter to this node's own buckets, the caches
 * to their sources), so a Redis outage must cost a request little: commands are refused at once while the
 * client is disconnected instead of queueing until it reconnects, and connecting or answering may take at
 * most {@code bourse.redis.timeout} (default 1 s) instead of Lettuce's minute.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnRedis
class RedisConfiguration {

    @Bean
    LettuceConnectionFactory redisConnectionFactory(@Value("${bourse.redis.url}") String url,
                                                    @Value("${bourse.redis.timeout:1s}") Duration timeout) {
        return connectionFactory(url, timeout);
    }

    @Bean
    StringRedisTemplate stringRedisTemplate(LettuceConnectionFactory connectionFactory) {
        return new StringRedisTemplate(connectionFactory);
    }

    @Bean
    RedisKeys redisKeys(@Value("${bourse.redis.key-prefix:}") String prefix) {
        return new RedisKeys(prefix);
    }

    static LettuceConnectionFactory connectionFactory(String url, Duration timeout) {
        LettuceClientConfiguration client = LettuceClientConfiguration.builder()
                .apply(RedisURI.create(url.trim())) // TLS and client name as the URL says
                .commandTimeout(timeout)
                .clientOptions(ClientOptions.builder()
                        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                        .socketOptions(SocketOptions.builder().connectTimeout(timeout).build())
                        .build())
                .build();
        return new LettuceConnectionFactory(LettuceConnectionFactory.createRedisConfiguration(url.trim()), client);
    }
}
