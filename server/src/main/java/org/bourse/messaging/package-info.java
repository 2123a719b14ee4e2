/**
 * Integration events (seed 000's RabbitMQ architecture): the engine's events as documented JSON messages
 * ({@code docs/events.md}), written to an outbox inside the read models' transaction, delivered at least once to
 * the {@link org.bourse.messaging.IntegrationEventConsumer}s, in process or through seed 000's RabbitMQ topology.
 */
package org.bourse.messaging;
