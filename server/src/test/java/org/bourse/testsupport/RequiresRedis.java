package org.bourse.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Needs the Redis server on {@code localhost:6379}; see {@link RequiresService} for what happens when it is
 * down. Spring tests use {@link WithRedis}, which also keeps their keys apart.
 */
@Documented
@Inherited
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@RequiresService(name = "Redis", host = RequiresRedis.HOST, port = RequiresRedis.PORT)
public @interface RequiresRedis {

    String HOST = "localhost";
    int PORT = 6379;
    String URL = "redis://" + HOST + ":" + PORT;
}
