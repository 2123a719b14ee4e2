package org.bourse.identity;

import org.bourse.testsupport.WithPostgres;

/** {@link RegistrationScenarios} against PostgreSQL, in a schema of its own. */
@WithPostgres
class PostgresRegistrationTest extends RegistrationScenarios {
}
