package org.bourse.chain;

import org.bourse.testsupport.WithPostgres;

/** {@link WithdrawalScenarios} on the real PostgreSQL: the migrations and the withdrawals' SQL there. */
@WithPostgres
class PostgresWithdrawalTest extends WithdrawalScenarios {
}
