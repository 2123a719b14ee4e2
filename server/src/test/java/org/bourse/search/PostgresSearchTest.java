package org.bourse.search;

import org.bourse.testsupport.WithPostgres;

/** {@link SearchScenarios} with the index on the real PostgreSQL. */
@WithPostgres
class PostgresSearchTest extends SearchScenarios {
}
