package org.bourse.audit;

/** {@link AuditTrailScenarios} on the embedded default: H2, events delivered in process. */
class EmbeddedAuditTrailTest extends AuditTrailScenarios {
}
