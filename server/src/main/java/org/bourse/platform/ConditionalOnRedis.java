package org.bourse.platform;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;

/**
 * Registers a bean only when Redis is configured ({@code BOURSE_REDIS_URL}). Without it, nothing in the
 * server may even try to reach Redis, so every Redis-backed bean of every module carries this.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ConditionalOnExpression("'${bourse.redis.url:}'.trim() != ''")
public @interface ConditionalOnRedis {
}
