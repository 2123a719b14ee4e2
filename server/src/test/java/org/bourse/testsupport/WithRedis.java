package org.bourse.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A {@link BourseHttpTest} with the real Redis configured ({@code bourse.redis.url}): skipped or failed as
 * {@link RequiresRedis} says when the server is down, otherwise each Spring context writes under a random
 * key prefix of its own ({@link IsolatedRedisKeys}), deleted when the context closes.
 */
@Documented
@Inherited
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@RequiresRedis
public @interface WithRedis {
}
