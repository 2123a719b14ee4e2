package org.bourse.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Needs the PostgreSQL server on {@code localhost:5432} (trust authentication, user {@code postgres},
 * database {@code test}); see {@link RequiresService} for what happens when it is down. Spring tests use
 * {@link WithPostgres}, which adds a schema of their own.
 */
@Documented
@Inherited
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@RequiresService(name = "PostgreSQL", host = RequiresPostgres.HOST, port = RequiresPostgres.PORT)
public @interface RequiresPostgres {

    String HOST = "localhost";
    int PORT = 5432;
    String DATABASE = "test";
    String USER = "postgres";
    String JDBC_URL = "jdbc:postgresql://" + HOST + ":" + PORT + "/" + DATABASE;
}
