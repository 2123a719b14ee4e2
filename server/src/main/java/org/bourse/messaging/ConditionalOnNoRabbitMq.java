package org.bourse.messaging;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;

/** The embedded default's beans: registered only when {@code BOURSE_RABBITMQ_URL} is unset. */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ConditionalOnExpression("'${bourse.rabbitmq.url:}'.trim() == ''")
@interface ConditionalOnNoRabbitMq {
}
