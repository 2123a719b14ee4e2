package org.bourse.marketdata;

import org.bourse.testsupport.WithPostgres;

/** {@link MarketDataScenarios} with the candles and trades on the real PostgreSQL. */
@WithPostgres
class PostgresMarketDataTest extends MarketDataScenarios {
}
