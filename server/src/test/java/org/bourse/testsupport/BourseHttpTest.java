package org.bourse.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Import;

/**
 * The whole server on a random port, reached through real HTTP (use {@link HttpApi}), on the embedded
 * default whatever the developer's environment says: H2, no Redis, a generated JWT secret. Each Spring
 * context gets a fresh data directory of its own ({@link TemporaryDataDirectory}) and a {@link TestClock}.
 * Add {@link WithPostgres} or {@link WithRedis} to swap in the real services. Test classes with the same
 * annotations and properties share one cached context, so keep them identical where you can.
 */
@Documented
@Inherited
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=",
        "spring.datasource.username=",
        "spring.datasource.password=",
        "bourse.redis.url=",
        "bourse.redis.key-prefix=",
        "bourse.rabbitmq.url=",
        "bourse.rabbitmq.prefix=",
        "bourse.jwt.secret=",
        // Each HttpApi client sends its own X-Forwarded-For, so tests never share a rate-limit bucket or a
        // login lock-out; Tomcat trusts it from localhost.
        "server.forward-headers-strategy=native",
        // Test users never open their confirmation mail; the gate itself is tested with it on (notify.NotifyScenarios).
        "bourse.accounts.require-verified-email=false"})
@Import(TestClock.Provider.class)
public @interface BourseHttpTest {
}
