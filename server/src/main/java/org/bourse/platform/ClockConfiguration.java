package org.bourse.platform;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** The one time source of the server (UTC), injectable so tests can move time forward. */
@Configuration(proxyBeanMethods = false)
class ClockConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    static EmbeddedDatabaseUrl embeddedDatabaseUrl(Environment environment) {
        return new EmbeddedDatabaseUrl(environment);
    }
}
