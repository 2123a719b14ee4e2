package org.bourse.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A {@link BourseHttpTest} with the real RabbitMQ configured ({@code bourse.rabbitmq.url}): skipped or failed as
 * {@link RequiresRabbitMq} says when the broker is down, otherwise each Spring context declares seed 000's
 * topology under a random name prefix of its own ({@link IsolatedRabbitMqNames}), deleted when it closes.
 */
@Documented
@Inherited
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@RequiresRabbitMq
public @interface WithRabbitMq {
}
