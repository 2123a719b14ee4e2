package org.bourse.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A {@link BourseHttpTest} against the real PostgreSQL instead of H2: skipped or failed as
 * {@link RequiresPostgres} says when the server is down, otherwise each Spring context gets a fresh schema
 * of its own ({@link FreshPostgresSchema}), migrated from scratch by Flyway and dropped afterwards.
 */
@Documented
@Inherited
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@RequiresPostgres
public @interface WithPostgres {
}
