package org.bourse.testsupport;

import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;

/**
 * For {@link WithRedis}: sets {@code bourse.redis.url} before the context starts (so the server's
 * {@code @ConditionalOnRedis} beans exist) and a random {@code bourse.redis.key-prefix}, and deletes that
 * prefix's keys when the context closes.
 */
public final class IsolatedRedisKeys extends PerContextResource {

    public static final String PREFIX_PROPERTY = "bourse.redis.key-prefix";

    public IsolatedRedisKeys() {
        super(WithRedis.class);
    }

    @Override
    Prepared prepare() {
        String prefix = "it-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()) + ":";
        return new Prepared(Map.of("bourse.redis.url", RequiresRedis.URL, PREFIX_PROPERTY, prefix), () -> deleteKeys(prefix));
    }

    private static void deleteKeys(String prefix) {
        RedisClient client = RedisClient.create(RequiresRedis.URL);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            List<String> keys = connection.sync().keys(prefix + "*"); // a test prefix holds a handful of keys
            if (!keys.isEmpty()) {
                connection.sync().del(keys.toArray(String[]::new));
            }
        } finally {
            client.shutdown();
        }
    }
}
