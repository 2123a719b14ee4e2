package org.bourse.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Needs the RabbitMQ broker on {@code localhost:5672} (user {@code guest}); see {@link RequiresService} for what
 * happens when it is down. Spring tests use {@link WithRabbitMq}, which also keeps their queues apart.
 */
@Documented
@Inherited
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@RequiresService(name = "RabbitMQ", host = RequiresRabbitMq.HOST, port = RequiresRabbitMq.PORT)
public @interface RequiresRabbitMq {

    String HOST = "localhost";
    int PORT = 5672;
    String URL = "amqp://guest:guest@" + HOST + ":" + PORT;
}
