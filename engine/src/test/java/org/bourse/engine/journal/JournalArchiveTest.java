package org.bourse.engine.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.bourse.engine.Engine;
import org.bourse.engine.EngineListener;
import org.bourse.engine.testsupport.RandomSeed;
import org.bourse.engine.testsupport.Seed;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Released journal segments are archived, compressed, not deleted; and when the read models turn out older
 * than every snapshot left (a power cut took their last writes, or they were deleted to be rebuilt), recovery
 * puts the archived segments back and replays from the first command, to the same state and the same events.
 */
@ExtendWith(RandomSeed.class)
class JournalArchiveTest {

    @TempDir
    Path root;

    private final List<Stamped> records;
    private final EventLog original = new EventLog();
    private long fullReplayHash;
    private SnapshotStore snapshots;
    private Path journal;
    private Path archive;

    JournalArchiveTest(Seed seed) {
        records = Stamped.stamp(new RandomCommands(seed.value(), 6).script(1_500));
    }

    @BeforeEach
    void journalAndSnapshots() throws IOException {
        journal = Recovery.journalDirectory(root);
        archive = JournalArchive.directory(root);
        JournalFiles.write(journal, records, 16_384, 50);
        snapshots = new SnapshotStore(Recovery.snapshotDirectory(root), false);
        Engine engine = new Engine(Stamped.CONFIG);
        engine.listener(original);
        for (Stamped r : records) {
            engine.apply(r.sequence(), r.timestamp(), r.command());
            if (r.sequence() == 1_000) {
                snapshots.write(engine);
            }
        }
        fullReplayHash = engine.stateHash();
    }

    @Test
    void releasedSegmentsAreArchivedCompressedAndLeaveTheJournal() throws IOException {
        List<Journal.Segment> before = Journal.segments(journal);
        long bytesBefore = totalBytes(before);
        List<Long> sizes = new java.util.ArrayList<>();
        for (Journal.Segment segment : before) {
            sizes.add(Files.size(segment.path()));
        }

        int archived = JournalArchive.archiveSegmentsUpTo(journal, archive, 1_000, true);
        long archivedBytes = sizes.subList(0, archived).stream().mapToLong(Long::longValue).sum();

        List<Journal.Segment> archivedSegments = JournalArchive.segments(archive);
        assertThat(archived).isPositive().isEqualTo(archivedSegments.size());
        assertThat(Journal.segments(journal).getFirst().firstSequence()).isLessThanOrEqualTo(1_001)
                .isEqualTo(before.get(archived).firstSequence());
        assertThat(archivedSegments).extracting(Journal.Segment::firstSequence)
                .containsExactlyElementsOf(before.subList(0, archived).stream().map(Journal.Segment::firstSequence).toList());
        assertThat(totalBytes(archivedSegments)).as("compressed").isLessThan(archivedBytes);
        assertThat(totalBytes(Journal.segments(journal)) + archivedBytes).isEqualTo(bytesBefore);
    }

    @Test
    void readModelsOlderThanEverySnapshotReplayFromTheArchive() throws IOException {
        JournalArchive.archiveSegmentsUpTo(journal, archive, 1_000, false);
        EventLog replayed = new EventLog();

        Recovery.Recovered recovered = Recovery.recover(root, Stamped.CONFIG, 300, replayed);

        assertThat(recovered.snapshotSequence()).as("no snapshot at or below 300: from an empty engine").isZero();
        assertThat(recovered.replayed()).isEqualTo(records.size());
        assertThat(recovered.engine().stateHash()).isEqualTo(fullReplayHash);
        assertThat(replayed.events()).isEqualTo(original.eventsFrom(301));
        assertThat(Journal.segments(journal).getFirst().firstSequence()).isEqualTo(1);
    }

    @Test
    void aRecoveryFromASnapshotRestoresNothing() throws IOException {
        JournalArchive.archiveSegmentsUpTo(journal, archive, 1_000, false);
        long firstKept = Journal.segments(journal).getFirst().firstSequence();

        Recovery.Recovered recovered = Recovery.recover(root, Stamped.CONFIG, Long.MAX_VALUE, EngineListener.NONE);

        assertThat(recovered.snapshotSequence()).isEqualTo(1_000);
        assertThat(recovered.engine().stateHash()).isEqualTo(fullReplayHash);
        assertThat(Journal.segments(journal).getFirst().firstSequence()).isEqualTo(firstKept);
    }

    @Test
    void onlyTheArchivedSegmentsTheReplayNeedsArePutBack() throws IOException {
        JournalArchive.archiveSegmentsUpTo(journal, archive, 1_000, false);
        List<Journal.Segment> archived = JournalArchive.segments(archive);
        long needed = archived.get(archived.size() / 2).firstSequence() + 1;

        int restored = JournalArchive.restoreFrom(root, needed);

        assertThat(restored).isEqualTo(archived.size() - archived.size() / 2);
        assertThat(Journal.segments(journal).getFirst().firstSequence()).isLessThanOrEqualTo(needed);
        assertThat(Journal.segments(journal).getFirst().firstSequence())
                .isEqualTo(archived.get(archived.size() / 2).firstSequence());
    }

    private static long totalBytes(List<Journal.Segment> segments) throws IOException {
        long total = 0;
        for (Journal.Segment segment : segments) {
            total += Files.size(segment.path());
        }
        return total;
    }
}
