package org.bourse.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The annotated test class (or method) needs a network service, e.g. a database or a broker, listening at
 * {@code host:port}. Before anything of the test runs (no Spring context is built), a TCP connection is
 * tried with a short timeout:
 * <ul>
 *   <li>reachable: the test runs;</li>
 *   <li>unreachable and the system property {@code bourse.ci} is {@code true} (surefire sets it from the
 *       environment variable {@code CI}): the test <em>fails</em>, naming the service, so CI cannot go
 *       green by skipping what it was meant to check;</li>
 *   <li>unreachable elsewhere: the test is skipped and a line starting with {@code bourse: SKIPPED} is
 *       printed, so a developer without the service still runs everything else.</li>
 * </ul>
 * Use it directly or, better, through a named annotation per service, as {@link RequiresPostgres} and
 * {@link RequiresRedis} do:
 * <pre>{@code
 * @RequiresService(name = "RabbitMQ", port = 5672)
 * public @interface RequiresRabbitMq {}
 * }</pre>
 * Several may be combined on one class; each is checked, and the first one missing decides.
 */
@Documented
@Inherited
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Repeatable(RequiresServices.class)
@ExtendWith(ServiceReachableCondition.class)
public @interface RequiresService {

    /** How the notice and the failure name the service, e.g. {@code "PostgreSQL"}. */
    String name();

    String host() default "localhost";

    int port();
}
