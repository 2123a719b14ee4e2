package org.bourse.testsupport;

import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;

/**
 * For {@link WithRedis}: sets {@code bourse.redis.url} before the context starts (so the server's
 * {@code @ConditionalOnRedis} beans exist) and a random {@code bourse.redis.key-prefix}, and deletes that
 * prefix's keys when the context closes. Registered in {@code META-INF/spring.factories}.
 */
public final class IsolatedRedisKeys implements ContextCustomizerFactory {

    public static final String PREFIX_PROPERTY = "bourse.redis.key-prefix";

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass, List<ContextConfigurationAttributes> configurations) {
        return TestContextAnnotationUtils.hasAnnotation(testClass, WithRedis.class) ? new Customizer() : null;
    }

    private record Customizer() implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration configuration) {
            String prefix = "it-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()) + ":";
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("bourse-test-redis", Map.of(
                    "bourse.redis.url", RequiresRedis.URL,
                    PREFIX_PROPERTY, prefix)));
            ContextCleanup.afterClose(context, "redis-keys", () -> deleteKeys(prefix));
        }
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
