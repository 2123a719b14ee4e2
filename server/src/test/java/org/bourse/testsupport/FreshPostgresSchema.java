package org.bourse.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
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

/**
 * For {@link WithPostgres}: creates schema {@code it_<random>} with plain JDBC before the Spring context
 * starts, points the data source at it ({@code currentSchema}), and drops it when the context closes, so
 * concurrent and repeated runs never see each other's rows. Registered in {@code META-INF/spring.factories}.
 */
public final class FreshPostgresSchema implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass, List<ContextConfigurationAttributes> configurations) {
        return TestContextAnnotationUtils.hasAnnotation(testClass, WithPostgres.class) ? new Customizer() : null;
    }

    private record Customizer() implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration configuration) {
            String schema = "it_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
            execute("CREATE SCHEMA " + schema);
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("bourse-test-postgres", Map.of(
                    "spring.datasource.url", RequiresPostgres.JDBC_URL + "?currentSchema=" + schema,
                    "spring.datasource.username", RequiresPostgres.USER,
                    "spring.datasource.password", "")));
            ContextCleanup.afterClose(context, "postgres-schema", () -> execute("DROP SCHEMA " + schema + " CASCADE"));
        }
    }

    private static void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(RequiresPostgres.JDBC_URL, RequiresPostgres.USER, "");
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL refused: " + sql, e);
        }
    }
}
