package org.bourse.engine.runtime;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.bourse.engine.Engine;
import org.bourse.engine.Result;
import org.bourse.engine.journal.SnapshotStore;

/**
 * The engine thread: the only one that touches the engine. It applies journaled batches (the engine calls the
 * listener as it goes), answers each command's future right after the command, runs queries between
 * batches, and serializes snapshots, leaving the slow part (fsync, rename) to the snapshot thread.
 *
 * <p>Futures are completed on this thread: a dependent stage attached without {@code *Async} runs here and
 * holds up every command behind it.
 *
 * <p>If the engine throws (a bug, or a listener that throws), the command's future fails with that exception
 * and the runtime stops: the engine's state may be half-changed, so no later command is applied, no snapshot
 * is taken, and later futures fail with {@link EngineUnavailableException}. The failed command is in the
 * journal, and a replay will throw at it again until the bug is fixed.
 */
final class EngineLoop implements Runnable {

    /** Handed over to make an idle engine thread look at its queries and flags. */
    static final List<Submission> WAKE = List.of();

    private final Engine engine;
    private final BoundedQueue<List<Submission>> handoff;
    private final BoundedQueue<Query<?>> queries;
    private final BoundedQueue<SnapshotThread.FileTask> files;
    private final SnapshotStore snapshots;
    private final long snapshotEvery;
    private final AtomicBoolean snapshotRequested;
    private final Failure failure;
    private final List<Query<?>> pendingQueries = new ArrayList<>();
    private final AtomicBoolean snapshotInFlight = new AtomicBoolean();
    private volatile long lastApplied;
    private long lastSnapshot;
    private long sinceSnapshot;
    private boolean broken;

    EngineLoop(Engine engine, BoundedQueue<List<Submission>> handoff, BoundedQueue<Query<?>> queries,
               BoundedQueue<SnapshotThread.FileTask> files, SnapshotStore snapshots, long snapshotEvery,
               AtomicBoolean snapshotRequested, Failure failure, long lastSnapshot) {
        this.engine = engine;
        this.handoff = handoff;
        this.queries = queries;
        this.files = files;
        this.snapshots = snapshots;
        this.snapshotEvery = snapshotEvery;
        this.snapshotRequested = snapshotRequested;
        this.failure = failure;
        this.lastApplied = engine.lastSequence();
        this.lastSnapshot = lastSnapshot;
    }

    long lastApplied() {
        return lastApplied;
    }

    @Override
    public void run() {
        List<List<Submission>> batches = new ArrayList<>();
        try {
            while (handoff.drainTo(batches, 16) > 0) {
                for (List<Submission> batch : batches) {
                    apply(batch);
                    answer(queries.drainAvailable(pendingQueries, Integer.MAX_VALUE));
                }
                batches.clear();
                boolean due = snapshotRequested.get() || (snapshotEvery > 0 && sinceSnapshot >= snapshotEvery);
                // one at a time: each holds a serialized copy of the state in memory until it is written
                if (due && !snapshotInFlight.get()) {
                    snapshotRequested.set(false);
                    snapshot();
                }
            }
            snapshot(); // closing: the next start replays nothing
        } catch (InterruptedException | RuntimeException | Error e) {
            // not a command's fault (those are caught in apply): the loop itself cannot go on
            failure.record("the engine thread failed", e);
            broken = true;
            batches.addAll(handoff.closeAndTakeAll());
            batches.forEach(this::apply);
        } finally {
            pendingQueries.addAll(queries.closeAndTakeAll());
            answer(pendingQueries.size());
            files.close();
        }
    }

    private void apply(List<Submission> batch) {
        for (Submission s : batch) {
            if (broken) {
                s.future.completeExceptionally(failure.unavailable());
                continue;
            }
            Result result;
            try {
                result = engine.apply(s.sequence, s.timestamp, s.command);
            } catch (Throwable bug) {
                broken = true;
                failure.record("the engine threw applying sequence " + s.sequence + " (" + s.command + ")", bug);
                s.future.completeExceptionally(bug);
                continue;
            }
            lastApplied = s.sequence;
            sinceSnapshot++;
            s.future.complete(result);
        }
    }

    private void answer(int count) {
        if (count == 0) {
            return;
        }
        for (Query<?> query : pendingQueries) {
            if (broken) {
                query.answer().completeExceptionally(failure.unavailable());
            } else {
                query.run(engine);
            }
        }
        pendingQueries.clear();
    }

    /**
     * Serializes now, into memory; the snapshot thread writes it and makes it durable. Failing to snapshot
     * only costs replay time.
     */
    private void snapshot() throws InterruptedException {
        if (broken || engine.lastSequence() == lastSnapshot) {
            return;
        }
        sinceSnapshot = 0;
        SnapshotStore.Pending pending;
        try {
            pending = snapshots.begin(engine);
        } catch (IOException | RuntimeException e) {
            System.err.println("bourse runtime: snapshot at sequence " + engine.lastSequence() + " failed: " + e);
            return;
        }
        lastSnapshot = pending.sequence();
        snapshotInFlight.set(true);
        files.put(() -> {
            try {
                snapshots.complete(pending);
            } finally {
                snapshotInFlight.set(false);
                handoff.offer(WAKE); // a snapshot deferred meanwhile can go now
            }
        });
    }
}
