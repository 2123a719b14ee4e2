package org.bourse.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

import io.lettuce.core.api.async.RedisAsyncCommands;

import org.bourse.testsupport.CuttableProxy;
import org.bourse.testsupport.RequiresRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The Redis rate limiter when Redis goes away under it, as a crash or a network failure would (a proxy in
 * front of the real Redis is cut): it fails open to this node's own buckets, at once, and goes back to the
 * shared buckets when Redis is back. The client is the server's own ({@link RedisConfiguration}), but with a
 * command timeout of an hour, so a limiter that waited for Redis instead of falling back would hang here
 * until the timeout of this class fails it.
 */
@RequiresRedis
@Timeout(120)
class RedisOutageRateLimitTest {

    private static final int CAPACITY = 3;
    /** One token in 1 000 s: none comes back during the test. */
    private static final double REFILL_PER_SECOND = 0.001;

    private final String prefix = "it-outage-" + UUID.randomUUID() + ":";
    private CuttableProxy proxy;
    private LettuceConnectionFactory factory;
    private StringRedisTemplate redis;
    private StringRedisTemplate direct;
    private LettuceConnectionFactory directFactory;
    private RedisRateLimiter limiter;

    @BeforeEach
    void limiterBehindAProxy() {
        proxy = CuttableProxy.to(RequiresRedis.HOST, RequiresRedis.PORT);
        factory = started(RedisConfiguration.connectionFactory("redis://localhost:" + proxy.port(), Duration.ofHours(1)));
        redis = template(factory);
        directFactory = started(RedisConfiguration.connectionFactory(RequiresRedis.URL, Duration.ofSeconds(10)));
        direct = template(directFactory);
        limiter = new RedisRateLimiter(redis, new RedisKeys(prefix), CAPACITY, REFILL_PER_SECOND,
                Clock.systemUTC());
    }

    @AfterEach
    void cleanUp() {
        direct.delete(direct.keys(prefix + "*"));
        factory.destroy();
        directFactory.destroy();
        proxy.close();
    }

    @Test
    void whileRedisIsDownCallersAreLimitedByThisNodesOwnBucketsAndAfterwardsByRedisAgain() throws Exception {
        RateLimiter.Decision shared = limiter.tryTake("ip:alice");
        assertThat(shared.allowed()).isTrue();
        assertThat(wholeTokensInRedis("ip:alice")).as("charged in Redis").isEqualTo(2);

        proxy.cut();
        awaitDisconnected();

        for (int remaining = CAPACITY - 1; remaining >= 0; remaining--) {
            RateLimiter.Decision local = limiter.tryTake("ip:alice");
            assertThat(local.allowed()).as("within this node's bucket").isTrue();
            assertThat(local.remaining()).isEqualTo(remaining);
        }
        RateLimiter.Decision refused = limiter.tryTake("ip:alice");
        assertThat(refused.allowed()).as("past this node's bucket: limited, not let through").isFalse();
        assertThat(refused.retryAfterMillis()).isPositive();
        assertThat(wholeTokensInRedis("ip:alice")).as("the shared bucket, untouched meanwhile").isEqualTo(2);

        proxy.restore();
        String probe = awaitChargedInRedisAgain();

        assertThat(wholeTokensInRedis(probe)).isEqualTo(CAPACITY - 1);
        RateLimiter.Decision again = limiter.tryTake("ip:alice");
        assertThat(again.allowed()).as("the shared bucket still had 2").isTrue();
        assertThat(wholeTokensInRedis("ip:alice")).isEqualTo(1);
    }

    /** Waits until the client has noticed the cut, so that no command is in flight on the dead connection. */
    private void awaitDisconnected() throws InterruptedException {
        while (connected()) {
            Thread.sleep(10);
        }
    }

    /** Takes from fresh buckets until one lands in Redis: the client reconnects on its own, after a back-off. */
    private String awaitChargedInRedisAgain() throws InterruptedException {
        for (int i = 0; ; i++) {
            String probe = "ip:probe-" + i;
            limiter.tryTake(probe);
            if (tokensInRedis(probe) != null) {
                return probe;
            }
            Thread.sleep(50);
        }
    }

    private String tokensInRedis(String callerKey) {
        return (String) direct.opsForHash().get(prefix + "ratelimit:" + callerKey, "tokens");
    }

    /** Tokens are fractional in Redis (they refill continuously); callers only ever get whole ones. */
    private long wholeTokensInRedis(String callerKey) {
        return (long) Math.floor(Double.parseDouble(tokensInRedis(callerKey)));
    }

    /** Whether the client's shared connection is up (the limiter's commands go through it). */
    private boolean connected() {
        return ((RedisAsyncCommands<?, ?>) factory.getConnection().getNativeConnection()).getStatefulConnection().isOpen();
    }

    private static LettuceConnectionFactory started(LettuceConnectionFactory factory) {
        factory.afterPropertiesSet();
        factory.start();
        return factory;
    }

    private static StringRedisTemplate template(LettuceConnectionFactory factory) {
        StringRedisTemplate template = new StringRedisTemplate(factory);
        template.afterPropertiesSet();
        return template;
    }
}
