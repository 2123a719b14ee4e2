package org.bourse.engine.runtime;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import org.bourse.engine.Engine;
import org.bourse.engine.EngineListener;
import org.bourse.engine.Result;
import org.bourse.engine.command.Command;
import org.bourse.engine.journal.Journal;
import org.bourse.engine.journal.JournalArchive;
import org.bourse.engine.journal.JournalWriter;
import org.bourse.engine.journal.Recovery;
import org.bourse.engine.journal.SnapshotStore;

/**
 * The engine, made durable and fed from any number of threads. Three threads, each owning its part:
 * <ul>
 *   <li>{@code bourse-journal} drains the bounded inbound queue in batches (up to {@code maxBatch}), stamps
 *       each command with its sequence and a timestamp that never goes backwards, appends the batch to the
 *       journal and fsyncs it once, then hands it on through a second bounded queue;</li>
 *   <li>{@code bourse-engine} applies each command, the listener hearing its events as they happen, then
 *       completes the command's future; between batches it runs queries and serializes snapshots;</li>
 *   <li>{@code bourse-snapshot} forces snapshots to disk, renames them into place, deletes released files.</li>
 * </ul>
 * Journal before apply: the engine only ever sees durable commands, so an answered command, and every event
 * the listener heard, survives {@code kill -9}.
 *
 * <p>Futures complete on the engine thread: attach dependent stages with the {@code *Async} methods (or
 * block from your own thread), or they run on the engine thread and delay every command after.
 *
 * <p>Failures: a full inbound queue answers {@link EngineOverloadedException} at once (nothing blocks, nothing
 * grows). A journal I/O failure, or a command the engine throws on (a bug; the state may be half-changed),
 * stops the runtime: that command's future fails (with the engine's exception for a bug), later ones with
 * {@link EngineUnavailableException}, and the cause goes to {@code System.err}. Start it again to recover.
 *
 * <p>One runtime per directory: a lock file keeps a second process (or a second runtime in this JVM) out.
 * The threads are daemons: durability never depends on {@link #close()}, which only drains what was accepted
 * and saves the next start a replay.
 */
public final class EngineRuntime implements AutoCloseable {

    private final BoundedQueue<Submission> inbound;
    private final BoundedQueue<List<Submission>> handoff;
    private final BoundedQueue<Query<?>> queries;
    private final BoundedQueue<SnapshotThread.FileTask> files;
    private final Failure failure;
    private final AtomicBoolean snapshotRequested = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final EngineLoop engineLoop;
    private final SnapshotStore snapshots;
    private final Path journalDirectory;
    private final Path root;
    private final boolean archive;
    private final boolean fsync;
    private final FileChannel lock;
    private final Thread journalThread;
    private final Thread engineThread;
    private final Thread snapshotThread;

    private EngineRuntime(RuntimeConfig config, Engine engine, JournalWriter journal, SnapshotStore snapshots,
                          long newestSnapshot, FileChannel lock) {
        this.snapshots = snapshots;
        this.journalDirectory = Recovery.journalDirectory(config.directory());
        this.root = config.directory();
        this.archive = config.archive();
        this.fsync = config.fsync();
        this.lock = lock;
        inbound = new BoundedQueue<>("inbound commands", config.queueCapacity());
        // in batches: together with the inbound queue this bounds the commands in memory
        handoff = new BoundedQueue<>("journaled batches", Math.max(4, config.queueCapacity() / config.maxBatch()));
        queries = new BoundedQueue<>("queries", config.queueCapacity());
        files = new BoundedQueue<>("snapshot file tasks", 16);
        failure = new Failure(inbound);
        Sequencer sequencer = new Sequencer(inbound, handoff, journal, config.clock(), config.maxBatch(), failure,
                engine.lastTimestamp());
        engineLoop = new EngineLoop(engine, handoff, queries, files, snapshots, config.snapshotEveryCommands(),
                snapshotRequested, failure, newestSnapshot);
        snapshotThread = Thread.ofPlatform().name("bourse-snapshot").daemon(true).start(new SnapshotThread(files));
        engineThread = Thread.ofPlatform().name("bourse-engine").daemon(true).start(engineLoop);
        journalThread = Thread.ofPlatform().name("bourse-journal").daemon(true).start(sequencer);
    }

    /**
     * Recovers (newest usable snapshot at or below {@code replayFrom}, then journal replay) and starts the
     * threads. The listener hears the events of every replayed command whose sequence is greater than
     * {@code replayFrom} ({@code Long.MAX_VALUE}: none), then those of every new command.
     */
    public static EngineRuntime start(RuntimeConfig config, EngineListener listener, long replayFrom)
            throws IOException {
        Path root = config.directory();
        Files.createDirectories(root);
        FileChannel lock = lock(root);
        JournalWriter journal = null;
        try {
            SnapshotStore snapshots = new SnapshotStore(Recovery.snapshotDirectory(root), config.fsync());
            snapshots.deleteUnfinished();
            journal = JournalWriter.open(Recovery.journalDirectory(root), config.segmentBytes(), config.fsync());
            Engine engine = Recovery.recover(root, config.engine(), replayFrom, listener).engine();
            if (engine.lastSequence() > journal.lastSequence()) {
                System.err.println("bourse runtime: the snapshot at " + engine.lastSequence()
                        + " is newer than the journal's end at " + journal.lastSequence()
                        + "; continuing the journal after the snapshot");
                journal.continueAfter(engine.lastSequence());
            }
            List<Long> existing = snapshots.sequences();
            return new EngineRuntime(config, engine, journal, snapshots, existing.isEmpty() ? 0 : existing.getLast(),
                    lock);
        } catch (IOException | RuntimeException e) {
            if (journal != null) {
                journal.close();
            }
            lock.close();
            throw e;
        }
    }

    /**
     * Queues the command. Its future completes with the engine's {@link Result} once the command is journaled
     * (and fsynced) and applied; fails at once with {@link EngineOverloadedException} when the inbound queue
     * is full; fails with {@link EngineUnavailableException} after {@link #close()} or a failure.
     */
    public CompletableFuture<Result> submit(Command command) {
        Objects.requireNonNull(command, "command");
        Submission submission = new Submission(command);
        switch (inbound.offer(submission)) {
            case ACCEPTED -> { }
            case FULL -> submission.future.completeExceptionally(
                    new EngineOverloadedException("the engine's inbound queue is full"));
            case CLOSED -> submission.future.completeExceptionally(failure.unavailable());
        }
        return submission.future;
    }

    /**
     * Runs {@code read} on the engine thread between two batches of commands: a consistent view of the live
     * state. It must not change the engine, and should copy what it returns (engine objects are live). It is
     * not ordered with {@link #submit}: to read a command's effect, query after its future completed.
     */
    public <T> CompletableFuture<T> query(Function<Engine, T> read) {
        Objects.requireNonNull(read, "read");
        Query<T> query = new Query<>(read, new CompletableFuture<>());
        switch (queries.offer(query)) {
            case ACCEPTED -> handoff.offer(EngineLoop.WAKE); // refused only when the engine is busy or gone: it drains queries then
            case FULL -> query.answer().completeExceptionally(new EngineOverloadedException("too many queries queued"));
            case CLOSED -> query.answer().completeExceptionally(failure.unavailable());
        }
        return query.answer();
    }

    /**
     * Takes a snapshot after the batch being applied (the engine thread serializes; the snapshot thread makes
     * it durable), unless the state has not changed since the last one.
     */
    public void snapshot() {
        snapshotRequested.set(true);
        handoff.offer(EngineLoop.WAKE);
    }

    /**
     * The embedder will never again ask to replay from before {@code sequence}: snapshots older than the
     * newest one at or below it are deleted, and journal segments wholly before that snapshot are archived
     * ({@link JournalArchive}), or deleted when the configuration says not to archive (on the snapshot thread,
     * after any snapshot in progress).
     */
    public void releaseUpTo(long sequence) {
        SnapshotThread.FileTask release = () -> {
            long kept = snapshots.deleteOlderThanNewestUpTo(sequence);
            if (kept > 0 && archive) {
                JournalArchive.archiveSegmentsUpTo(journalDirectory, JournalArchive.directory(root), kept, fsync);
            } else if (kept > 0) {
                Journal.deleteSegmentsUpTo(journalDirectory, kept);
            }
        };
        try {
            files.put(release);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The sequence of the last command applied (recovered or new). */
    public long lastAppliedSequence() {
        return engineLoop.lastApplied();
    }

    /**
     * Stops accepting, journals and applies everything already accepted, answers it, takes a final snapshot,
     * and stops the threads. Idempotent; waits for all of it.
     */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            inbound.close();
        }
        boolean interrupted = false;
        for (Thread thread : List.of(journalThread, engineThread, snapshotThread)) {
            while (thread.isAlive()) {
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        try {
            lock.close();
        } catch (IOException e) {
            System.err.println("bourse runtime: releasing the directory lock failed: " + e);
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Held for the runtime's life; the operating system releases it when the process dies, however it dies. */
    private static FileChannel lock(Path root) throws IOException {
        FileChannel channel = FileChannel.open(root.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            if (channel.tryLock() == null) {
                throw new IOException(root + " is in use by another process");
            }
        } catch (OverlappingFileLockException e) {
            channel.close();
            throw new IOException(root + " is already in use by an engine runtime in this process", e);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        return channel;
    }
}
