package org.bourse.identity;

import org.bourse.testsupport.WithPostgres;

/** {@link RequestBodyScenarios} against PostgreSQL, in a schema of its own. */
@WithPostgres
class PostgresRequestBodyTest extends RequestBodyScenarios {
}
