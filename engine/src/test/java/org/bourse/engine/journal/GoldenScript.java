package org.bourse.engine.journal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongUnaryOperator;

import org.bourse.engine.Engine;
import org.bourse.engine.EngineConfig;
import org.bourse.engine.command.Command;

/**
 * The source of one golden set: a data directory ({@code journal/}, {@code snapshots/}) written by the code of
 * its day, with what that code told while writing it ({@code events.txt}), the state at the snapshot
 * ({@code snapshot.txt}) and the facts a reader checks ({@code golden.properties}).
 *
 * @param name            the directory under {@code src/test/resources/golden/}
 * @param journalVersion  the segment format the files are in
 * @param snapshotVersion the snapshot format the files are in
 * @param snapshotAfter   the sequence of the command after which the snapshot was taken
 */
record GoldenScript(String name, int journalVersion, int snapshotVersion, EngineConfig config, List<Command> commands,
                    LongUnaryOperator timestamp, int snapshotAfter) {

    static final String EVENTS = "events.txt";
    static final String SNAPSHOT_STATE = "snapshot.txt";
    static final String PROPERTIES = "golden.properties";
    /** Records per group commit: irrelevant to the bytes, but the writer is used as the runtime uses it. */
    private static final int BATCH = 8;

    @Override
    public String toString() {
        return name + " (journal format " + journalVersion + ", snapshot format " + snapshotVersion + ")";
    }

    /** Writes the whole set with today's code into {@code directory}, which must not exist yet. */
    void write(Path directory) throws IOException {
        if (Files.exists(directory)) {
            throw new IOException(directory + " exists: golden files are never rewritten; a new format gets a new set");
        }
        Engine engine = new Engine(config);
        GoldenEvents events = new GoldenEvents();
        engine.listener(events);
        List<String> atSnapshot = null;
        long hashAtSnapshot = 0;
        SnapshotStore snapshots = new SnapshotStore(Recovery.snapshotDirectory(directory), false);
        try (JournalWriter journal = JournalWriter.open(Recovery.journalDirectory(directory), Journal.DEFAULT_SEGMENT_BYTES,
                false)) {
            for (int i = 0; i < commands.size(); i++) {
                long sequence = i + 1;
                journal.append(sequence, timestamp.applyAsLong(sequence), commands.get(i));
                if (sequence % BATCH == 0) {
                    journal.commit();
                }
                engine.apply(sequence, timestamp.applyAsLong(sequence), commands.get(i));
                if (sequence == snapshotAfter) {
                    snapshots.write(engine);
                    atSnapshot = GoldenEvents.ending(engine);
                    hashAtSnapshot = engine.stateHash();
                }
            }
            journal.commit();
        }
        List<String> all = new ArrayList<>(events.lines());
        all.addAll(GoldenEvents.ending(engine));
        Files.write(directory.resolve(EVENTS), all, StandardCharsets.UTF_8);
        Files.write(directory.resolve(SNAPSHOT_STATE), atSnapshot, StandardCharsets.UTF_8);
        Files.write(directory.resolve(PROPERTIES), List.of(
                "# golden set " + name + ", written by GoldenScript with the code of its day; never edit",
                "journal.version=" + journalVersion,
                "snapshot.version=" + snapshotVersion,
                "snapshot.sequence=" + snapshotAfter,
                "commands=" + commands.size(),
                "engine.slippage-ppm=" + config.slippagePpm(),
                "engine.idempotency-retention-ms=" + config.idempotencyRetention(),
                "state-hash.at-snapshot=" + Long.toHexString(hashAtSnapshot),
                "state-hash.at-end=" + Long.toHexString(engine.stateHash())), StandardCharsets.UTF_8);
    }

    /**
     * Writes a new golden set: {@code WriteGoldenFiles <directory>}, e.g. from the engine module,
     * {@code src/test/resources/golden/v2}. Only for a new format version, from its new script.
     */
    static void main(String[] args) throws IOException {
        GoldenJournalV2.script().write(Path.of(args[0]));
    }
}
