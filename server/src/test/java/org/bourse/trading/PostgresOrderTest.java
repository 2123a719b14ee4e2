package org.bourse.trading;

import org.bourse.testsupport.WithPostgres;

/** {@link OrderScenarios} with the read models (and users) on the real PostgreSQL. */
@WithPostgres
class PostgresOrderTest extends OrderScenarios {
}
