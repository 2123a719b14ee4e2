package org.bourse.engine.journal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.bourse.engine.Engine;
import org.bourse.engine.EngineConfig;
import org.bourse.engine.EngineListener;

/**
 * Rebuilds the engine from a data directory ({@code journal/} and {@code snapshots/} under one root): the
 * newest snapshot that can be read, then every journaled command after it. A damaged snapshot is passed over
 * for an older one, down to an empty engine and a replay of the whole journal; a damaged journal stops
 * recovery (see {@link JournalReader}). A snapshot or segment of a format version this build does not read
 * stops recovery as well ({@link UnsupportedFormatException}): it is not damage, and passing over it could
 * leave a later start with neither that snapshot nor the journal it replaced.
 *
 * <p>Run {@link JournalWriter#open} first when the journal will be written to afterwards: it cuts a torn
 * tail, which this only stops at.
 */
public final class Recovery {

    private Recovery() {
    }

    /**
     * @param snapshotSequence the snapshot the engine started from, 0 for an empty engine
     * @param replayed         how many journaled commands were applied after it
     */
    public record Recovered(Engine engine, long snapshotSequence, long replayed) {
    }

    public static Path journalDirectory(Path root) {
        return root.resolve("journal");
    }

    public static Path snapshotDirectory(Path root) {
        return root.resolve("snapshots");
    }

    /**
     * @param config     the configuration for an engine recovered without a snapshot; a snapshot taken under
     *                   another one is refused, because replaying its journal under a different one would
     *                   give a different state than the one acknowledged
     * @param replayFrom the listener is told the events of the commands with a greater sequence (so the
     *                   snapshot used is at or below it); {@code Long.MAX_VALUE} for none
     * @param listener   receives those events, and is the engine's listener afterwards
     */
    public static Recovered recover(Path root, EngineConfig config, long replayFrom, EngineListener given)
            throws IOException {
        EngineListener listener = given == null ? EngineListener.NONE : given;
        SnapshotStore snapshots = new SnapshotStore(snapshotDirectory(root), false);
        Engine engine = newestReadable(snapshots, replayFrom);
        long snapshotSequence = engine == null ? 0 : engine.lastSequence();
        if (engine == null) {
            engine = new Engine(config);
        } else if (!engine.config().equals(config)) {
            throw new IllegalStateException("snapshot " + snapshotSequence + " was taken under " + engine.config()
                    + " but the engine is configured with " + config + "; a journal replays only under the"
                    + " configuration it was written with");
        }
        int restored = JournalArchive.restoreFrom(root, engine.lastSequence() + 1);
        if (restored > 0) {
            System.err.println("bourse recovery: " + restored + " archived journal segments put back to replay from "
                    + (engine.lastSequence() + 1));
        }
        long replayed = 0;
        boolean telling = false;
        try (JournalReader journal = JournalReader.open(journalDirectory(root), engine.lastSequence())) {
            while (journal.next()) {
                if (!telling && journal.sequence() > replayFrom) {
                    listener.listening(engine);
                    engine.listener(listener);
                    telling = true;
                }
                apply(engine, journal);
                replayed++;
            }
        }
        if (!telling) {
            listener.listening(engine);
        }
        engine.listener(listener);
        return new Recovered(engine, snapshotSequence, replayed);
    }

    private static Engine newestReadable(SnapshotStore snapshots, long atOrBelow) throws IOException {
        List<Long> sequences = snapshots.sequences();
        for (int i = sequences.size() - 1; i >= 0; i--) {
            long sequence = sequences.get(i);
            if (sequence > atOrBelow) {
                continue;
            }
            try {
                return snapshots.read(sequence);
            } catch (UnsupportedFormatException e) {
                throw e;
            } catch (IOException e) {
                System.err.println("bourse recovery: passing over snapshot " + sequence + ": " + e.getMessage());
            }
        }
        return null;
    }

    private static void apply(Engine engine, JournalReader journal) throws IOException {
        long sequence = journal.sequence();
        try {
            engine.apply(sequence, journal.timestamp(), journal.command());
        } catch (RuntimeException e) {
            // the engine threw on this command when it first ran too: a bug to fix before the journal replays
            throw new IllegalStateException("replaying the command with sequence " + sequence + " failed", e);
        }
    }
}
