package org.bourse.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Publishes the outbox to {@code orders.events} in order, routing key = event type, persistent messages with
 * {@code message_id}, {@code type}, {@code timestamp} and a {@code sequence} header, a page at a time on one
 * channel, and waits for the broker's confirms before it stores its new position ({@code event_positions},
 * reader {@code rabbitmq.publisher}). A page not confirmed (broker down, connection lost, a nack) is published
 * again from the stored position: at least once, never a gap. While the broker is down it tries again every
 * 5 s; the engine and the read models never wait for it, the outbox holds the events meanwhile.
 */
@Component
@ConditionalOnRabbitMq
final class OutboxPublisher implements SmartLifecycle, OutboxReaders {

    static final String READER = "rabbitmq.publisher";
    private static final Logger log = LoggerFactory.getLogger(OutboxPublisher.class);
    private static final int PAGE = 1000;
    private static final long IDLE_MILLIS = 20;
    static final long RECONNECT_MILLIS = 5_000;
    private static final long CONFIRM_TIMEOUT_MILLIS = 30_000;

    private final Outbox outbox;
    private final RabbitTemplate template;
    private final RabbitAdmin admin;
    private final Topology topology;
    private final ConsumedMessages consumed;
    private final Duration dedupRetention;
    private final Duration pruneInterval;
    private final Counter published;
    private volatile Outbox.Position position = new Outbox.Position(0, 0);
    private volatile String brokerProblem;
    private volatile boolean running;
    private Thread thread;

    OutboxPublisher(Outbox outbox, RabbitTemplate template, RabbitAdmin admin, Topology topology,
                    ConsumedMessages consumed, @Value("${bourse.events.dedup-retention:7d}") Duration dedupRetention,
                    @Value("${bourse.events.prune-interval:10s}") Duration pruneInterval, MeterRegistry meters) {
        this.outbox = outbox;
        this.template = template;
        this.admin = admin;
        this.topology = topology;
        this.consumed = consumed;
        this.dedupRetention = dedupRetention;
        this.pruneInterval = pruneInterval;
        this.published = Counter.builder("bourse.events.published")
                .description("Integration events published to RabbitMQ and confirmed by the broker").register(meters);
    }

    @Override
    public List<String> names() {
        return List.of(READER);
    }

    @Override
    public Map<String, Outbox.Position> positions() {
        return Map.of(READER, position);
    }

    @Override
    public boolean healthy() {
        return brokerProblem == null;
    }

    @Override
    public Map<String, Object> details() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("rabbitmq", brokerProblem == null ? "connected" : "unreachable: " + brokerProblem);
        return details;
    }

    @Override
    public void start() {
        running = true;
        position = outbox.position(READER);
        try {
            admin.initialize(); // the topology at start; RabbitAdmin declares it again on every reconnection
        } catch (RuntimeException e) {
            brokerProblem = InProcessDelivery.describe(e);
            log.warn("RabbitMQ unreachable at start ({}); the outbox keeps the events, trying every {} s", brokerProblem,
                    RECONNECT_MILLIS / 1000);
        }
        thread = Thread.ofPlatform().name("bourse-events-publisher").start(this::run);
    }

    @Override
    public void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** After the exchange (phase 0), before the consumers (stopped after them, started before). */
    @Override
    public int getPhase() {
        return 10;
    }

    private void run() {
        long lastPrune = System.nanoTime();
        while (running) {
            try {
                if (System.nanoTime() - lastPrune > pruneInterval.toNanos()) {
                    lastPrune = System.nanoTime();
                    outbox.prune(names());
                    consumed.prune(dedupRetention);
                }
                position = outbox.position(READER); // read each time: an operator may set it back to publish again
                List<Outbox.Row> rows = outbox.after(position.id(), PAGE);
                if (rows.isEmpty()) {
                    Thread.sleep(IDLE_MILLIS);
                    continue;
                }
                publish(rows);
                outbox.advance(READER, rows.getLast());
                published.increment(rows.size());
                position = new Outbox.Position(rows.getLast().id(), rows.getLast().sequence());
                if (brokerProblem != null) {
                    log.info("RabbitMQ reachable again; publishing from outbox id {}", rows.getFirst().id());
                    brokerProblem = null;
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                String problem = InProcessDelivery.describe(e);
                if (brokerProblem == null) {
                    log.warn("Publishing integration events failed ({}); the outbox keeps them, trying again every {} s",
                            problem, RECONNECT_MILLIS / 1000);
                }
                brokerProblem = problem;
                try {
                    Thread.sleep(RECONNECT_MILLIS);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    /** The page on one channel, in order, then every confirm (or an exception: nothing is taken as published). */
    private void publish(List<Outbox.Row> rows) {
        String exchange = topology.name(Topology.ORDERS_EVENTS);
        template.invoke(operations -> {
            for (Outbox.Row row : rows) {
                operations.send(exchange, row.eventType(), message(row));
            }
            operations.waitForConfirmsOrDie(CONFIRM_TIMEOUT_MILLIS);
            return null;
        });
    }

    private static Message message(Outbox.Row row) {
        MessageProperties properties = new MessageProperties();
        properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        properties.setContentEncoding(StandardCharsets.UTF_8.name());
        properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
        properties.setMessageId(row.messageId());
        properties.setType(row.eventType());
        properties.setAppId("bourse");
        properties.setTimestamp(new Date());
        properties.setHeader("sequence", row.sequence());
        return new Message(row.payload().getBytes(StandardCharsets.UTF_8), properties);
    }
}
