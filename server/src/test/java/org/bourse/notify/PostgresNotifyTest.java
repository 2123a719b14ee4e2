package org.bourse.notify;

import org.bourse.testsupport.WithPostgres;

/** {@link NotifyScenarios} with the outbox and the users on the real PostgreSQL. */
@WithPostgres
class PostgresNotifyTest extends NotifyScenarios {
}
