package org.bourse.exchange;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
 * so every command is projected exactly once even across a crash.
 *
 * <p>Failures are of two kinds ({@link ProjectionFailure}). One that says nothing about the events (the database
 * unreachable, a timeout) is retried with backoff for as long as it lasts: meanwhile the queue fills and the
 * engine waits, which in turn answers callers 503; nothing is set aside. One that repeats on a healthy database
 * may be the events' own doing: after a few attempts the batch is written a command at a time, and a command
 * that still fails alone is quarantined ({@link Quarantine}): recorded, reported on health and to admins, and
 * passed over so the read models go on with the commands after it. Its journal is kept, so every start (or an
 * admin's retry) tries it again.
 *
 * <p>A committed batch is visible at once ({@code onProjected}) but may not be on disk yet (the embedded H2
 * writes in the background, see {@link DurableWrites}); about once a second the projector flushes the
 * database and only then tells the engine it may release the journal up to there ({@code onDurable}), so a
 * crash can never lose read-model writes that the journal no longer holds.
 */
final class Projector {

    private static final Logger log = LoggerFactory.getLogger(Projector.class);
    private static final String STATE = "engine";
    private static final long DURABLE_EVERY_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** Attempts at a batch failing on a healthy database before it is taken apart, and at a command before it is quarantined. */
    static final int PERMANENT_ATTEMPTS = 3;
    private static final long MAX_BACKOFF_MILLIS = 5_000;

    private final BlockingQueue<CommandEvents> queue;
    private final int maxBatch;
    private final long intervalNanos;
    private final List<Projection> projections;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final LongConsumer onProjected;
    /** Makes the committed read-model writes survive a crash ({@link DurableWrites#flush()}). */
    private final Runnable flush;
    private final LongConsumer onDurable;
    private final Clock clock;
    private final Quarantine quarantine = new Quarantine();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition advanced = lock.newCondition();
    private volatile long projected;
    private volatile boolean running;
    /** Set by the gateway after recovery: the journal's end then, reported once the read models reach it. */
    private final java.util.concurrent.atomic.AtomicLong catchUpTarget = new java.util.concurrent.atomic.AtomicLong(-1);
    private volatile long catchUpFrom;
    private volatile long catchUpBegan;
    private Thread thread;

    Projector(int capacity, int maxBatch, Duration interval, List<Projection> projections, JdbcTemplate jdbc,
              TransactionTemplate transactions, LongConsumer onProjected, Runnable flush,
              LongConsumer onDurable, Clock clock) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.maxBatch = maxBatch;
        this.intervalNanos = interval.toNanos();
        this.projections = projections;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.onProjected = onProjected;
        this.flush = flush;
        this.onDurable = onDurable;
        this.clock = clock;
    }

    /**
     * Reads the sequence the read models reflect and the quarantine. @return where the engine's replay must
     * begin for the projector to hear every command it has still to write: after the stored sequence, or
     * before the oldest quarantined command
     */
    long loadProjectedSequence() {
        projected = jdbc.queryForObject("SELECT last_sequence FROM projection_state WHERE name = ?", Long.class, STATE);
        quarantine.load(jdbc);
        catchUpFrom = projected;
        catchUpBegan = System.nanoTime();
        return replayFrom();
    }

    private long replayFrom() {
        return Math.min(projected, quarantine.oldest() - 1);
    }

    long projectedSequence() {
        return projected;
    }

    List<Quarantine.Entry> quarantined() {
        return quarantine.entries();
    }

    void start() {
        running = true;
        thread = Thread.ofPlatform().name("bourse-projector").start(this::run);
    }

    /**
     * Once the read models reach {@code journalEnd} (the recovered engine's last sequence), one INFO line says
     * how far behind they were at start and how long the catch-up took (from the start of the recovery: the
     * projector writes the replayed commands while the engine replays).
     */
    void reportCatchUp(long journalEnd) {
        if (journalEnd > catchUpFrom) {
            catchUpTarget.set(journalEnd);
            reportIfCaughtUp();
        }
    }

    /** Called on the engine thread. Waits while the queue is full: the projector sets the pace. */
    void enqueue(CommandEvents command) {
        if (command.sequence() <= projected) {
            if (!quarantine.contains(command.sequence())) {
                return;
            }
            quarantine.remember(command); // set aside before this start: tried again now, and kept for a retry
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

    /**
     * Tries a quarantined command again now (after whatever made it fail was fixed), on the caller's thread.
     * @return empty when it was written; the failure otherwise (it stays quarantined)
     * @throws java.util.NoSuchElementException when nothing is quarantined under that sequence
     * @throws IllegalStateException when its events are not in memory (quarantined by an earlier process and
     *                               not replayed since): the next start tries it
     */
    synchronized Optional<String> retry(long sequence) {
        Quarantine.Entry entry = quarantine.entry(sequence).orElseThrow();
        if (entry.events() == null) {
            throw new IllegalStateException("command " + sequence + " is tried again at the next start");
        }
        try {
            write(List.of(entry.events()));
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of(ProjectionFailure.describe(e));
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
            flush.run();
        } catch (RuntimeException e) {
            log.warn("Could not flush the read models to disk ({}); the journal is kept until a flush succeeds",
                    ProjectionFailure.describe(e));
            return durable;
        }
        // a quarantined command is replayed at every start: the journal from it on stays
        onDurable.accept(Math.min(sequence, quarantine.oldest() - 1));
        return sequence;
    }

    /**
     * Writes the batch, however long a transient failure lasts. A failure that repeats on a healthy database
     * makes it write the commands one at a time, and quarantine the one that fails alone.
     * @return whether it got past every command (false only when stopping)
     */
    private boolean writeUntilDone(List<CommandEvents> batch) throws InterruptedException {
        int transientFailures = 0;
        int permanentFailures = 0;
        while (true) {
            RuntimeException failure;
            MDC.put("trace_id", String.valueOf(batch.getFirst().traceId())); // to follow a failure back to its request
            try {
                write(batch);
                if (transientFailures > 0) {
                    log.info("Read models writable again after {} failed attempts; projected up to {}",
                            transientFailures, projected);
                }
                return true;
            } catch (RuntimeException e) {
                failure = e;
            } finally {
                MDC.remove("trace_id");
            }
            long first = batch.getFirst().sequence();
            long last = batch.getLast().sequence();
            if (!running && transientFailures + permanentFailures >= 3) {
                log.warn("Stopping with commands {}..{} not projected ({}); they are replayed at next start", first,
                        last, ProjectionFailure.describe(failure));
                return false;
            }
            if (ProjectionFailure.isTransient(failure) || !databaseHealthy()) {
                transientFailures++;
                if (transientFailures == 1 || transientFailures % 10 == 0) {
                    log.warn("Read models unavailable while projecting commands {}..{} (attempt {}): {}; retrying",
                            first, last, transientFailures, ProjectionFailure.describe(failure));
                }
                Thread.sleep(backoff(transientFailures));
                continue;
            }
            permanentFailures++;
            if (permanentFailures < PERMANENT_ATTEMPTS) {
                log.warn("Projecting commands {}..{} failed on a healthy database (attempt {}): {}; retrying", first,
                        last, permanentFailures, ProjectionFailure.describe(failure));
                Thread.sleep(backoff(permanentFailures));
                continue;
            }
            if (batch.size() > 1) {
                log.warn("Projecting commands {}..{} keeps failing on a healthy database; writing them one at a time"
                        + " to find the one that fails", first, last);
                for (CommandEvents command : batch) {
                    if (!writeUntilDone(List.of(command))) {
                        return false;
                    }
                }
                return true;
            }
            if (setAside(batch.getFirst(), failure)) {
                return true;
            }
            Thread.sleep(backoff(permanentFailures));
        }
    }

    /**
     * One transaction: the projections, the quarantined commands written now leaving it, the new position.
     * Synchronized with {@link #retry} and {@link #setAside}: the projections keep state between batches and
     * are written by one thread at a time.
     */
    private synchronized void write(List<CommandEvents> batch) {
        long reached = Math.max(projected, batch.getLast().sequence());
        List<Long> released = new ArrayList<>();
        transactions.executeWithoutResult(status -> {
            for (Projection projection : projections) {
                projection.project(batch, jdbc);
            }
            for (CommandEvents command : batch) {
                if (quarantine.contains(command.sequence())) {
                    quarantine.release(jdbc, command.sequence());
                    released.add(command.sequence());
                }
            }
            jdbc.update("UPDATE projection_state SET last_sequence = ? WHERE name = ?", reached, STATE);
        });
        for (long sequence : released) {
            quarantine.released(sequence);
            log.info("Command {}, quarantined before, is now in the read models", sequence);
        }
        advance(reached);
    }

    /** @return whether the command is quarantined now (false: recording it failed too, the caller tries again) */
    private synchronized boolean setAside(CommandEvents command, RuntimeException failure) {
        String error = ProjectionFailure.describe(failure);
        long reached = Math.max(projected, command.sequence());
        try {
            transactions.executeWithoutResult(status -> {
                quarantine.add(jdbc, command, error, clock.instant());
                jdbc.update("UPDATE projection_state SET last_sequence = ? WHERE name = ?", reached, STATE);
            });
        } catch (RuntimeException e) {
            log.warn("Could not quarantine command {} ({}); trying it again", command.sequence(),
                    ProjectionFailure.describe(e));
            return false;
        }
        log.error("Quarantined command {} (trace id {}): it fails alone on a healthy database; the read models go on"
                + " without it. It is tried again at every start, or at once by an admin's retry", command.sequence(),
                command.traceId(), failure);
        advance(reached);
        return true;
    }

    private boolean databaseHealthy() {
        try {
            return Integer.valueOf(1).equals(jdbc.queryForObject("SELECT 1", Integer.class));
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static long backoff(int attempt) {
        return Math.min(MAX_BACKOFF_MILLIS, 100L << Math.min(attempt - 1, 10));
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
        reportIfCaughtUp();
    }

    private void reportIfCaughtUp() {
        long target = catchUpTarget.get();
        if (target >= 0 && projected >= target && catchUpTarget.compareAndSet(target, -1)) {
            log.info("Read models were {} commands behind the journal at start (at {}, journal at {}); caught up in {} ms",
                    target - catchUpFrom, catchUpFrom, target, Duration.ofNanos(System.nanoTime() - catchUpBegan).toMillis());
        }
    }
}
