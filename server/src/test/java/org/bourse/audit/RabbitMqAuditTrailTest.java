package org.bourse.audit;

import org.bourse.testsupport.WithRabbitMq;

/** {@link AuditTrailScenarios} with the events published to the real RabbitMQ and read from its audit.events queue. */
@WithRabbitMq
class RabbitMqAuditTrailTest extends AuditTrailScenarios {
}
