package org.bourse.identity;

import org.bourse.testsupport.WithPostgres;

/** {@link TokenScenarios} against PostgreSQL, in a schema of its own. */
@WithPostgres
class PostgresTokenTest extends TokenScenarios {
}
