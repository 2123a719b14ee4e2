package org.bourse.identity;

import org.bourse.testsupport.WithPostgres;

/** {@link LoginScenarios} against PostgreSQL, in a schema of its own. */
@WithPostgres
class PostgresLoginTest extends LoginScenarios {
}
