package org.bourse.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.bourse.exchange.ExchangeGateway;
import org.bourse.platform.RedisKeys;
import org.bourse.testsupport.CuttableProxy;
import org.bourse.testsupport.RequiresRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Two nodes' search caches sharing the real Redis, each with its own L1: what one node's index invalidates,
 * the other never serves again, from either level; and a Redis outage costs cache hits, never a stale answer.
 */
@RequiresRedis
class SearchCacheAcrossNodesTest {

    private static final SearchProperties PROPERTIES = new SearchProperties(true, Duration.ofSeconds(30), 1000,
            Duration.ofSeconds(60));

    private final String prefix = "it-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()) + ":";
    private final List<LettuceConnectionFactory> connections = new java.util.ArrayList<>();
    private CuttableProxy proxy;

    @BeforeEach
    void proxy() {
        proxy = CuttableProxy.to(RequiresRedis.HOST, RequiresRedis.PORT);
    }

    @AfterEach
    void close() {
        StringRedisTemplate redis = template(RequiresRedis.URL);
        var keys = redis.keys(prefix + "*");
        if (keys != null && !keys.isEmpty()) {
            redis.delete(keys);
        }
        connections.forEach(LettuceConnectionFactory::destroy);
        proxy.close();
    }

    private StringRedisTemplate template(String url) {
        // as the server's client: refuse at once while disconnected, answer within half a second
        LettuceConnectionFactory factory = new LettuceConnectionFactory(LettuceConnectionFactory.createRedisConfiguration(url),
                org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration.builder()
                        .commandTimeout(Duration.ofMillis(500))
                        .clientOptions(io.lettuce.core.ClientOptions.builder()
                                .disconnectedBehavior(io.lettuce.core.ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                                .socketOptions(io.lettuce.core.SocketOptions.builder().connectTimeout(Duration.ofMillis(500)).build())
                                .build())
                        .build());
        factory.afterPropertiesSet();
        factory.start();
        connections.add(factory);
        StringRedisTemplate template = new StringRedisTemplate(factory);
        template.afterPropertiesSet();
        return template;
    }

    private SearchCache node(String url) {
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        beans.addBean("redis", template(url));
        beans.addBean("keys", newKeys());
        SearchMetrics metrics = new SearchMetrics(new SimpleMeterRegistry(),
                new StaticListableBeanFactory().getBeanProvider(ExchangeGateway.class), java.time.Clock.systemUTC());
        return new SearchCache(PROPERTIES, beans.getBeanProvider(StringRedisTemplate.class),
                beans.getBeanProvider(RedisKeys.class), metrics);
    }

    private RedisKeys newKeys() {
        try {
            var constructor = RedisKeys.class.getDeclaredConstructor(String.class);
            constructor.setAccessible(true);
            return constructor.newInstance(prefix);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The index as a counter: each read of it answers a new version, so a cached answer is told apart. */
    private final AtomicInteger reads = new AtomicInteger();

    private String index() {
        return "v" + reads.incrementAndGet();
    }

    @Test
    void anInvalidationOnOneNodeReachesTheOtherNodesBothLevels() {
        SearchCache a = node(RequiresRedis.URL);
        SearchCache b = node(RequiresRedis.URL);

        assertThat(b.get("7", "q", this::index)).isEqualTo(new SearchCache.Answer("v1", SearchCache.Source.STORE));
        assertThat(b.get("7", "q", this::index)).isEqualTo(new SearchCache.Answer("v1", SearchCache.Source.L1));
        assertThat(a.get("7", "q", this::index)).isEqualTo(new SearchCache.Answer("v1", SearchCache.Source.L2));
        assertThat(a.get("7", "q", this::index)).isEqualTo(new SearchCache.Answer("v1", SearchCache.Source.L1));
        assertThat(b.get("8", "q", this::index).json()).isEqualTo("v2");

        a.invalidate(List.of(7L)); // node a's index committed a change of user 7's orders

        assertThat(b.get("7", "q", this::index)).as("node b, after node a invalidated user 7")
                .isEqualTo(new SearchCache.Answer("v3", SearchCache.Source.STORE));
        assertThat(a.get("7", "q", this::index)).isEqualTo(new SearchCache.Answer("v3", SearchCache.Source.L2));
        assertThat(b.get("8", "q", this::index)).as("another user's results stay")
                .isEqualTo(new SearchCache.Answer("v2", SearchCache.Source.L1));
        assertThat(b.get(Generations.ALL, "q", this::index).json()).isEqualTo("v4");
        b.invalidate(List.of(9L));
        assertThat(a.get(Generations.ALL, "q", this::index).json()).as("the admin's search over everyone")
                .isEqualTo("v5");
    }

    @Test
    void whileRedisIsDownNothingIsServedFromACacheAndALostInvalidationDropsTheLocalOne() {
        SearchCache cut = node("redis://" + RequiresRedis.HOST + ":" + proxy.port());
        SearchCache other = node(RequiresRedis.URL);
        assertThat(cut.get("7", "q", this::index).json()).isEqualTo("v1");
        assertThat(cut.get("7", "q", this::index).source()).isEqualTo(SearchCache.Source.L1);

        proxy.cut();
        assertThat(cut.get("7", "q", this::index)).as("generation unknown: straight to the index")
                .isEqualTo(new SearchCache.Answer("v2", SearchCache.Source.STORE));
        cut.invalidate(List.of(7L)); // cannot reach Redis: this node forgets its own copies
        proxy.restore();
        other.invalidate(List.of(8L));

        assertThat(cut.get("7", "q", this::index)).as("after the outage: the lost invalidation reached Redis first")
                .isEqualTo(new SearchCache.Answer("v3", SearchCache.Source.STORE));
        assertThat(other.get("7", "q", this::index)).as("and so the other node")
                .isEqualTo(new SearchCache.Answer("v3", SearchCache.Source.L2));
    }
}
