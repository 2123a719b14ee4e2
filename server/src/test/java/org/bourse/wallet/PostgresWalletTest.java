package org.bourse.wallet;

import org.bourse.testsupport.WithPostgres;

/** {@link WalletScenarios} with the read models on the real PostgreSQL. */
@WithPostgres
class PostgresWalletTest extends WalletScenarios {
}
