package org.bourse.engine.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

import org.bourse.engine.journal.JournalWriter;

/**
 * The journal thread: takes what submitters queued, in batches, gives each command its sequence and
 * timestamp, journals the batch with one fsync, and only then hands it to the engine thread. So the engine
 * applies only durable commands, and every event a listener hears is already safe on disk.
 */
final class Sequencer implements Runnable {

    private final BoundedQueue<Submission> inbound;
    private final BoundedQueue<List<Submission>> handoff;
    private final JournalWriter journal;
    private final LongSupplier clock;
    private final int maxBatch;
    private final Failure failure;
    private long lastTimestamp;

    Sequencer(BoundedQueue<Submission> inbound, BoundedQueue<List<Submission>> handoff, JournalWriter journal,
              LongSupplier clock, int maxBatch, Failure failure, long lastTimestamp) {
        this.inbound = inbound;
        this.handoff = handoff;
        this.journal = journal;
        this.clock = clock;
        this.maxBatch = maxBatch;
        this.failure = failure;
        this.lastTimestamp = lastTimestamp;
    }

    @Override
    public void run() {
        List<Submission> batch = new ArrayList<>(maxBatch);
        try {
            while (inbound.drainTo(batch, maxBatch) > 0) {
                if (failure.happened()) {
                    // accepted before the failure, never journaled: they will never run, anywhere
                    failAll(batch);
                } else {
                    List<Submission> durable = journal(batch);
                    if (!durable.isEmpty()) {
                        handoff.put(durable);
                    }
                }
                batch = new ArrayList<>(maxBatch);
            }
        } catch (Throwable e) {
            failure.record("the journal failed", e);
            failAll(batch);
            failAll(inbound.closeAndTakeAll());
        } finally {
            handoff.close();
            closeJournal();
        }
    }

    /** Stamps, appends and commits. @return the commands now durable, in sequence order */
    private List<Submission> journal(List<Submission> batch) throws Exception {
        List<Submission> durable = new ArrayList<>(batch.size());
        for (Submission s : batch) {
            long sequence = journal.lastSequence() + 1;
            // never backwards, even when the wall clock is set back: retention and expiry depend on it
            long timestamp = Math.max(lastTimestamp, clock.getAsLong());
            try {
                journal.append(sequence, timestamp, s.command);
            } catch (IllegalArgumentException unencodable) {
                s.future.completeExceptionally(unencodable);
                continue;
            }
            s.sequence = sequence;
            s.timestamp = timestamp;
            lastTimestamp = timestamp;
            durable.add(s);
        }
        journal.commit();
        return durable;
    }

    private void failAll(List<Submission> submissions) {
        for (Submission s : submissions) {
            s.future.completeExceptionally(failure.unavailable());
        }
    }

    private void closeJournal() {
        try {
            journal.close();
        } catch (Exception e) {
            System.err.println("bourse journal: closing the journal failed: " + e);
        }
    }
}
