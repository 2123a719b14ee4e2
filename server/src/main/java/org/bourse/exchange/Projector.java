package org.bourse.exchange;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongConsumer;

import org.bourse.platform.DurableWrites;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes the engine's events into the SQL read models, a batch of commands per transaction, together with
 * the last sequence written ({@code projection_state}). On start-up the engine replays from that sequence,
 * so every command is projected exactly once even across a crash. A failed write is retried until the
 * database is back; meanwhile the queue fills and the engine waits, which in turn answers callers 503.
 *
 * <p>A committed batch is visible at once ({@code onProjected}) but may not be on disk yet (the embedded H2
 * writes in the background, see {@link DurableWrites}); about once a second the projector flushes the
 * database and only then tells the engine it may delete the journal up to there ({@code onDurable}), so a
 * crash can never lose read-model writes that the journal no longer holds.
 */
final class Projector {

    private static final Logger log = LoggerFactory.getLogger(Projector.class);
    private static final String STATE = "engine";
    private static final long DURABLE_EVERY_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final BlockingQueue<CommandEvents> queue;
    private final int maxBatch;
    private final long intervalNanos;
    private final List<Projection> projections;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final LongConsumer onProjected;
    private final DurableWrites durableWrites;
    private final LongConsumer onDurable;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition advanced = lock.newCondition();
    private volatile long projected;
    private volatile boolean running;
    private Thread thread;

    Projector(int capacity, int maxBatch, Duration interval, List<Projection> projections, JdbcTemplate jdbc,
              TransactionTemplate transactions, LongConsumer onProjected, DurableWrites durableWrites,
              LongConsumer onDurable) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.maxBatch = maxBatch;
        this.intervalNanos = interval.toNanos();
        this.projections = projections;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.onProjected = onProjected;
        this.durableWrites = durableWrites;
        this.onDurable = onDurable;
    }

    /** The sequence the read models reflect, as stored. */
    long loadProjectedSequence() {
        projected = jdbc.queryForObject("SELECT last_sequence FROM projection_state WHERE name = ?", Long.class, STATE);
        return projected;
    }

    long projectedSequence() {
        return projected;
    }

    void start() {
        running = true;
        thread = Thread.ofPlatform().name("bourse-projector").start(this::run);
    }

    /** Called on the engine thread. Waits while the queue is full: the projector sets the pace. */
    void enqueue(CommandEvents command) {
        if (command.sequence() <= projected) {
            return;
        }
        try {
            while (!queue.offer(command, 1, TimeUnit.SECONDS)) {
                if (!running) {
                    return; // shutting down: what is not projected is replayed from the journal at next start
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits until the read models reflect {@code sequence}, at most {@code timeout}. @return whether they do */
    boolean awaitProjected(long sequence, Duration timeout) {
        if (projected >= sequence) {
            return true;
        }
        long nanos = timeout.toNanos();
        lock.lock();
        try {
            while (projected < sequence && nanos > 0) {
                nanos = advanced.awaitNanos(nanos);
            }
            return projected >= sequence;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return projected >= sequence;
        } finally {
            lock.unlock();
        }
    }

    /** Writes what is queued, then stops. */
    void stop() {
        running = false;
        if (thread != null) {
            try {
                thread.join(Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * At most one transaction per interval: a command that comes soon after the last write waits for the
     * rest of the interval, and whatever arrived meanwhile is written with it. Under load the batches are
     * large anyway; at a few hundred commands a second this turns hundreds of small transactions, each with
     * its commit work in the database, into fewer and larger ones.
     */
    private void run() {
        List<CommandEvents> batch = new ArrayList<>(maxBatch);
        long lastWrite = System.nanoTime() - intervalNanos;
        long lastDurable = System.nanoTime();
        long durable = projected;
        while (running || !queue.isEmpty()) {
            try {
                if (durable < projected && System.nanoTime() - lastDurable >= DURABLE_EVERY_NANOS) {
                    lastDurable = System.nanoTime();
                    durable = makeDurable(durable);
                }
                CommandEvents first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                long early = lastWrite + intervalNanos - System.nanoTime();
                if (early > 0 && running) {
                    TimeUnit.NANOSECONDS.sleep(early);
                }
                lastWrite = System.nanoTime();
                batch.add(first);
                queue.drainTo(batch, maxBatch - 1);
                writeUntilDone(batch);
                batch.clear();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** @return the sequence now known to be on disk: {@code projected} after a flush, the old one if it failed */
    private long makeDurable(long durable) {
        long sequence = projected; // only this thread advances it: everything up to here is committed
        try {
            durableWrites.flush();
        } catch (RuntimeException e) {
            log.error("Could not flush the read models to disk; the journal is kept until a flush succeeds", e);
            return durable;
        }
        onDurable.accept(sequence);
        return sequence;
    }

    private void writeUntilDone(List<CommandEvents> batch) throws InterruptedException {
        long last = batch.getLast().sequence();
        for (int attempt = 1; ; attempt++) {
            try {
                // the failing batch's first trace id, so the error can be followed back to the request
                MDC.put("trace_id", String.valueOf(batch.getFirst().traceId()));
                transactions.executeWithoutResult(status -> {
                    for (Projection projection : projections) {
                        projection.project(batch, jdbc);
                    }
                    jdbc.update("UPDATE projection_state SET last_sequence = ? WHERE name = ?", last, STATE);
                });
                advance(last);
                return;
            } catch (RuntimeException e) {
                if (!running && attempt > 3) {
                    log.error("Giving up projecting commands {}..{} at shutdown; they are replayed at next start",
                            batch.getFirst().sequence(), last, e);
                    return;
                }
                log.error("Projecting commands {}..{} failed (attempt {}); retrying", batch.getFirst().sequence(), last,
                        attempt, e);
                Thread.sleep(Math.min(5_000, 100L * attempt));
            } finally {
                MDC.remove("trace_id");
            }
        }
    }

    private void advance(long sequence) {
        lock.lock();
        try {
            projected = sequence;
            advanced.signalAll();
        } finally {
            lock.unlock();
        }
        onProjected.accept(sequence);
    }
}
