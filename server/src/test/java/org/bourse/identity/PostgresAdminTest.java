package org.bourse.identity;

import org.bourse.testsupport.WithPostgres;

/** {@link AdminScenarios} against PostgreSQL, in a schema of its own. */
@WithPostgres
class PostgresAdminTest extends AdminScenarios {
}
