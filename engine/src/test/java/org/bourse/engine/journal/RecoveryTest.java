package org.bourse.engine.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StreamCorruptedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.bourse.engine.Engine;
import org.bourse.engine.EngineConfig;
import org.bourse.engine.EngineListener;
import org.bourse.engine.testsupport.RandomSeed;
import org.bourse.engine.testsupport.Seed;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(RandomSeed.class)
class RecoveryTest {

    @TempDir
    Path root;

    private final List<Stamped> records;
    private final EventLog original = new EventLog();
    private long fullReplayHash;
    private SnapshotStore snapshots;

    RecoveryTest(Seed seed) {
        records = Stamped.stamp(new RandomCommands(seed.value(), 6).script(1_500));
    }

    @BeforeEach
    void journalAndSnapshots() throws IOException {
        JournalFiles.write(Recovery.journalDirectory(root), records, 16_384, 50);
        snapshots = new SnapshotStore(Recovery.snapshotDirectory(root), false);
        Engine engine = new Engine(Stamped.CONFIG);
        engine.listener(original);
        for (Stamped r : records) {
            engine.apply(r.sequence(), r.timestamp(), r.command());
            if (r.sequence() == 400 || r.sequence() == 1_000) {
                snapshots.write(engine);
            }
        }
        fullReplayHash = engine.stateHash();
    }

    @Test
    void newestSnapshotPlusTheJournalAfterItEqualsAFullReplay() throws IOException {
        Recovery.Recovered recovered = recover(Long.MAX_VALUE, EngineListener.NONE);

        assertThat(recovered.snapshotSequence()).isEqualTo(1_000);
        assertThat(recovered.replayed()).isEqualTo(records.size() - 1_000);
        assertThat(recovered.engine().stateHash()).isEqualTo(fullReplayHash);
    }

    @Test
    void aCorruptNewestSnapshotFallsBackToTheOlderOne() throws IOException {
        Path newest = Recovery.snapshotDirectory(root).resolve(String.format("%020d.snap", 1_000));
        JournalFiles.flipByte(newest, Files.size(newest) / 2);

        Recovery.Recovered recovered = recover(Long.MAX_VALUE, EngineListener.NONE);

        assertThat(recovered.snapshotSequence()).isEqualTo(400);
        assertThat(recovered.engine().stateHash()).isEqualTo(fullReplayHash);
        assertThatThrownBy(() -> snapshots.read(1_000)).isInstanceOf(StreamCorruptedException.class)
                .hasMessageContaining("checksum mismatch");
    }

    @Test
    void aPartlyWrittenSnapshotFallsBackAndWithNoneLeftTheWholeJournalReplays() throws IOException {
        Path snapshotDir = Recovery.snapshotDirectory(root);
        JournalFiles.truncate(snapshotDir.resolve(String.format("%020d.snap", 1_000)), 1_000);
        JournalFiles.truncate(snapshotDir.resolve(String.format("%020d.snap", 400)), 20);

        Recovery.Recovered recovered = recover(Long.MAX_VALUE, EngineListener.NONE);

        assertThat(recovered.snapshotSequence()).isZero();
        assertThat(recovered.replayed()).isEqualTo(records.size());
        assertThat(recovered.engine().stateHash()).isEqualTo(fullReplayHash);
    }

    @Test
    void theListenerHearsExactlyTheCommandsAfterReplayFromWithTheirOriginalEvents() throws IOException {
        EventLog replayed = new EventLog();

        Recovery.Recovered recovered = recover(700, replayed);

        assertThat(recovered.snapshotSequence()).as("the newest snapshot at or below 700").isEqualTo(400);
        assertThat(replayed.sequences()).first().isEqualTo(701L);
        assertThat(replayed.sequences()).hasSize(records.size() - 700);
        assertThat(replayed.events()).isEqualTo(original.eventsFrom(701));
    }

    @Test
    void aSnapshotTakenUnderAnotherConfigurationIsRefused() {
        EngineConfig other = new EngineConfig(10_000, Stamped.CONFIG.idempotencyRetention());

        assertThatThrownBy(() -> Recovery.recover(root, other, Long.MAX_VALUE, EngineListener.NONE))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("configuration");
    }

    @Test
    void releasingKeepsTheNewestSnapshotAtOrBelowTheSequenceAndWhatFollowsIt() throws IOException {
        assertThat(snapshots.deleteOlderThanNewestUpTo(999)).isEqualTo(400);
        assertThat(snapshots.sequences()).containsExactly(400L, 1_000L);
        assertThat(snapshots.deleteOlderThanNewestUpTo(1_200)).isEqualTo(1_000);
        assertThat(snapshots.sequences()).containsExactly(1_000L);
        Journal.deleteSegmentsUpTo(Recovery.journalDirectory(root), 1_000);

        assertThat(recover(1_200, EngineListener.NONE).engine().stateHash()).isEqualTo(fullReplayHash);
    }

    @Test
    void unfinishedSnapshotFilesAreIgnoredAndCleanedUp() throws IOException {
        Path leftover = Recovery.snapshotDirectory(root).resolve(String.format("%020d.snap.tmp", 1_400));
        Files.write(leftover, new byte[] {1, 2, 3});

        assertThat(recover(Long.MAX_VALUE, EngineListener.NONE).snapshotSequence()).isEqualTo(1_000);
        snapshots.deleteUnfinished();
        assertThat(leftover).doesNotExist();
    }

    private Recovery.Recovered recover(long replayFrom, EngineListener listener) throws IOException {
        return Recovery.recover(root, Stamped.CONFIG, replayFrom, listener);
    }
}
