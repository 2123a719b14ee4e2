package org.bourse.audit;

import org.bourse.testsupport.WithPostgres;

/** {@link AuditTrailScenarios} with the outbox, the consumers' tables and the trail on the real PostgreSQL. */
@WithPostgres
class PostgresAuditTrailTest extends AuditTrailScenarios {
}
