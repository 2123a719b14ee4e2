package org.bourse.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The embedded default (no RabbitMQ): each consumer has a thread of its own that follows the outbox from the
 * consumer's stored position and hands it the events in order, a page per transaction together with the new
 * position and the processed message ids. A slow or failing consumer only falls behind; nothing is dropped
 * and no other consumer waits for it. A page that fails is delivered again one event at a time: an event the
 * consumer refuses for good ({@link IntegrationEventConsumer.PermanentEventFailure}) goes to
 * {@code event_dead_letters}, any other failure is retried with backoff until it passes.
 */
@Component
@ConditionalOnNoRabbitMq
final class InProcessDelivery implements SmartLifecycle, OutboxReaders {

    private static final Logger log = LoggerFactory.getLogger(InProcessDelivery.class);
    private static final int PAGE = 500;
    private static final long IDLE_MILLIS = 20;
    private static final long MAX_BACKOFF_MILLIS = 5_000;

    private final List<IntegrationEventConsumer> consumers;
    private final Outbox outbox;
    private final ConsumedMessages consumed;
    private final TransactionTemplate transactions;
    private final Duration dedupRetention;
    private final Duration pruneInterval;
    private final Map<String, Outbox.Position> positions = new ConcurrentHashMap<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    InProcessDelivery(List<IntegrationEventConsumer> consumers, Outbox outbox, ConsumedMessages consumed,
                      TransactionTemplate transactions,
                      @Value("${bourse.events.dedup-retention:7d}") Duration dedupRetention,
                      @Value("${bourse.events.prune-interval:10s}") Duration pruneInterval) {
        this.consumers = consumers;
        this.outbox = outbox;
        this.consumed = consumed;
        this.transactions = transactions;
        this.dedupRetention = dedupRetention;
        this.pruneInterval = pruneInterval;
    }

    @Override
    public List<String> names() {
        return consumers.stream().map(IntegrationEventConsumer::queue).toList();
    }

    @Override
    public Map<String, Outbox.Position> positions() {
        return Map.copyOf(positions);
    }

    @Override
    public void start() {
        running = true;
        for (IntegrationEventConsumer consumer : consumers) {
            positions.put(consumer.queue(), outbox.position(consumer.queue()));
            threads.add(Thread.ofPlatform().name("bourse-events-" + consumer.queue()).start(() -> follow(consumer)));
        }
        threads.add(Thread.ofPlatform().name("bourse-events-pruner").daemon().start(this::prune));
    }

    @Override
    public void stop() {
        running = false;
        for (Thread thread : threads) {
            thread.interrupt();
        }
        for (Thread thread : threads) {
            try {
                thread.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        threads.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** After the exchange (phase 0): started once it runs, stopped before it. */
    @Override
    public int getPhase() {
        return 10;
    }

    private void follow(IntegrationEventConsumer consumer) {
        String name = consumer.queue();
        while (running) {
            try {
                // read each time: an operator may set a consumer back to have it processed again
                Outbox.Position position = outbox.position(name);
                positions.put(name, position);
                List<Outbox.Row> rows = outbox.after(position.id(), PAGE);
                if (rows.isEmpty()) {
                    Thread.sleep(IDLE_MILLIS);
                    continue;
                }
                deliver(consumer, rows);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.warn("Reading the outbox for {} failed ({}); trying again", name, describe(e));
                if (!pause(1_000)) {
                    return;
                }
            }
        }
    }

    private void deliver(IntegrationEventConsumer consumer, List<Outbox.Row> rows) throws InterruptedException {
        try {
            inTransaction(consumer, rows);
            return;
        } catch (RuntimeException e) {
            if (rows.size() == 1) {
                deliverAlone(consumer, rows.getFirst(), e);
                return;
            }
        }
        for (Outbox.Row row : rows) {
            if (!running) {
                return;
            }
            deliverAlone(consumer, row, null);
        }
    }

    /** One event until it passes or is dead-lettered (or the server stops). */
    private void deliverAlone(IntegrationEventConsumer consumer, Outbox.Row row, RuntimeException failure)
            throws InterruptedException {
        int attempts = 0;
        while (running) {
            if (failure == null) {
                try {
                    inTransaction(consumer, List.of(row));
                    return;
                } catch (RuntimeException e) {
                    failure = e;
                }
            }
            if (failure instanceof IntegrationEventConsumer.PermanentEventFailure) {
                deadLetter(consumer, row, failure);
                return;
            }
            attempts++;
            if (attempts == 1 || attempts % 10 == 0) {
                log.warn("Consumer {} failed on {} (attempt {}): {}; trying again", consumer.queue(), row.messageId(),
                        attempts, describe(failure));
            }
            failure = null;
            Thread.sleep(Math.min(MAX_BACKOFF_MILLIS, 50L << Math.min(attempts, 10)));
        }
    }

    private void inTransaction(IntegrationEventConsumer consumer, List<Outbox.Row> rows) {
        transactions.executeWithoutResult(status -> {
            for (Outbox.Row row : rows) {
                Consumption.handle(consumed, consumer, row.eventType(), row.messageId(), row.payload());
            }
            outbox.advance(consumer.queue(), rows.getLast());
        });
        positions.put(consumer.queue(), new Outbox.Position(rows.getLast().id(), rows.getLast().sequence()));
    }

    private void deadLetter(IntegrationEventConsumer consumer, Outbox.Row row, RuntimeException failure) {
        log.error("Consumer {} refused event {} for good ({}); it is kept in event_dead_letters", consumer.queue(),
                row.messageId(), failure.getMessage());
        transactions.executeWithoutResult(status -> {
            consumed.deadLetter(consumer.queue(), row.messageId(), row.payload(), String.valueOf(failure.getMessage()));
            outbox.advance(consumer.queue(), row);
        });
        positions.put(consumer.queue(), new Outbox.Position(row.id(), row.sequence()));
    }

    /** Every prune interval (10 s): outbox rows every consumer has passed, and processed ids older than the retention. */
    private void prune() {
        List<String> readers = consumers.stream().map(IntegrationEventConsumer::queue).toList();
        while (running && pause(pruneInterval.toMillis())) {
            try {
                outbox.prune(readers);
                consumed.prune(dedupRetention);
            } catch (RuntimeException e) {
                log.warn("Pruning the outbox failed ({}); trying again later", describe(e));
            }
        }
    }

    private boolean pause(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            return false;
        }
    }

    static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
