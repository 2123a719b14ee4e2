package org.bourse.portfolio;

import org.bourse.testsupport.WithPostgres;

/** {@link PortfolioScenarios} with the read models on the real PostgreSQL. */
@WithPostgres
class PostgresPortfolioTest extends PortfolioScenarios {
}
