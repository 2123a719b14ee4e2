package org.bourse.platform;

import java.nio.file.Path;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * When no database URL is configured ({@code BOURSE_DB_URL} unset), points the data source at the embedded
 * default: an H2 file under the data directory, in PostgreSQL mode so one migration history serves both.
 * Done here rather than in application.yml so a relative {@code BOURSE_DATA_DIR} works (H2 refuses them).
 * {@code DB_CLOSE_ON_EXIT=FALSE}: the database closes when Spring closes the pool, after a graceful shutdown
 * has finished its requests, rather than in H2's own JVM shutdown hook racing them.
 */
final class EmbeddedDatabaseUrl implements BeanPostProcessor {

    private final Environment environment;

    EmbeddedDatabaseUrl(Environment environment) {
        this.environment = environment;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof DataSourceProperties properties && !StringUtils.hasText(properties.getUrl())) {
            Path dir = DataDirectory.locate(environment.getProperty(DataDirectory.PROPERTY, ""));
            // H2 writes its commits to the file in the background (its default write delay): what must be on
            // disk before an answer or before journal is deleted is flushed explicitly (DurableWrites).
            properties.setUrl("jdbc:h2:file:" + dir.resolve("db").resolve("bourse")
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_ON_EXIT=FALSE");
            if (!StringUtils.hasText(properties.getUsername())) {
                properties.setUsername("sa");
            }
        }
        return bean;
    }
}
