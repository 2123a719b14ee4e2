package org.bourse.engine.runtime;

import java.nio.file.Path;
import java.util.Objects;
import java.util.function.LongSupplier;

import org.bourse.engine.EngineConfig;
import org.bourse.engine.journal.Journal;

/**
 * How an {@link EngineRuntime} runs.
 *
 * @param directory             holds {@code journal/} and {@code snapshots/}
 * @param engine                the engine's configuration; must equal the one the snapshots were taken under
 * @param queueCapacity         commands accepted but not yet journaled; beyond it submissions fail fast with
 *                              {@link EngineOverloadedException}
 * @param maxBatch              most commands journaled with one fsync
 * @param fsync                 force the journal to disk before answering; false only for benchmarks and tests
 *                              that accept losing acknowledged commands on a machine crash
 * @param snapshotEveryCommands a snapshot after this many applied commands; 0 for none but on request and close
 * @param segmentBytes          the size at which the journal moves on to a new segment file
 * @param archive               released journal segments are compressed into {@code archive/} (the exchange's
 *                              financial log, from which every read model can be rebuilt) rather than deleted
 * @param clock                 epoch milliseconds, for the commands' timestamps
 */
public record RuntimeConfig(Path directory, EngineConfig engine, int queueCapacity, int maxBatch, boolean fsync,
                            long snapshotEveryCommands, long segmentBytes, boolean archive, LongSupplier clock) {

    public static final int DEFAULT_QUEUE_CAPACITY = 65_536;
    public static final int DEFAULT_MAX_BATCH = 4_096;
    public static final long DEFAULT_SNAPSHOT_EVERY_COMMANDS = 1_000_000;

    public RuntimeConfig {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(clock, "clock");
        if (queueCapacity <= 0 || maxBatch <= 0) {
            throw new IllegalArgumentException("queue capacity and batch size must be positive");
        }
        if (snapshotEveryCommands < 0) {
            throw new IllegalArgumentException("snapshotEveryCommands must be 0 (never) or positive");
        }
        if (segmentBytes < 1_024) {
            throw new IllegalArgumentException("segments of " + segmentBytes + " bytes are too small");
        }
    }

    public static RuntimeConfig defaults(Path directory) {
        return new RuntimeConfig(directory, EngineConfig.DEFAULT, DEFAULT_QUEUE_CAPACITY, DEFAULT_MAX_BATCH, true,
                DEFAULT_SNAPSHOT_EVERY_COMMANDS, Journal.DEFAULT_SEGMENT_BYTES, true, System::currentTimeMillis);
    }

    public RuntimeConfig withEngine(EngineConfig engine) {
        return new RuntimeConfig(directory, engine, queueCapacity, maxBatch, fsync, snapshotEveryCommands,
                segmentBytes, archive, clock);
    }

    public RuntimeConfig withQueue(int queueCapacity, int maxBatch) {
        return new RuntimeConfig(directory, engine, queueCapacity, maxBatch, fsync, snapshotEveryCommands,
                segmentBytes, archive, clock);
    }

    public RuntimeConfig withFsync(boolean fsync) {
        return new RuntimeConfig(directory, engine, queueCapacity, maxBatch, fsync, snapshotEveryCommands,
                segmentBytes, archive, clock);
    }

    public RuntimeConfig withSnapshotEveryCommands(long snapshotEveryCommands) {
        return new RuntimeConfig(directory, engine, queueCapacity, maxBatch, fsync, snapshotEveryCommands,
                segmentBytes, archive, clock);
    }

    public RuntimeConfig withSegmentBytes(long segmentBytes) {
        return new RuntimeConfig(directory, engine, queueCapacity, maxBatch, fsync, snapshotEveryCommands,
                segmentBytes, archive, clock);
    }

    public RuntimeConfig withArchive(boolean archive) {
        return new RuntimeConfig(directory, engine, queueCapacity, maxBatch, fsync, snapshotEveryCommands,
                segmentBytes, archive, clock);
    }

    public RuntimeConfig withClock(LongSupplier clock) {
        return new RuntimeConfig(directory, engine, queueCapacity, maxBatch, fsync, snapshotEveryCommands,
                segmentBytes, archive, clock);
    }
}
