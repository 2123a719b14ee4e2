package org.bourse.engine.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;

import org.bourse.engine.EngineListener;
import org.bourse.engine.testsupport.RandomSeed;
import org.bourse.engine.testsupport.Seed;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a crash can leave at the end of the journal is cut, exactly the damaged record and nothing before it;
 * damage anywhere else stops recovery.
 */
@ExtendWith(RandomSeed.class)
class TornTailTest {

    private static final long SEGMENT_BYTES = 4_096;

    @TempDir
    Path pristine;
    @TempDir
    Path work;

    private final List<Stamped> records;
    /** hashes[k]: the state after the first k records */
    private final long[] hashes;

    TornTailTest(Seed seed) {
        records = Stamped.stamp(new RandomCommands(seed.value(), 4).script(60));
        hashes = new long[records.size() + 1];
    }

    @BeforeEach
    void writePristineJournal() throws IOException {
        JournalFiles.write(Recovery.journalDirectory(pristine), records, SEGMENT_BYTES, 5);
        assertThat(Journal.segments(Recovery.journalDirectory(pristine))).hasSizeGreaterThan(1);
        for (int k = 0; k <= records.size(); k++) {
            hashes[k] = Stamped.replay(records.subList(0, k)).stateHash();
        }
    }

    @Test
    void aTailTornAtEveryByteOfTheLastRecordsIsCutExactlyAtTheTornRecord() throws IOException {
        List<Long> offsets = JournalFiles.recordOffsets(JournalFiles.newest(Recovery.journalDirectory(pristine)));
        int last = records.size();
        for (int fromEnd = 1; fromEnd <= 3; fromEnd++) {
            int index = offsets.size() - 1 - fromEnd; // the record's place in the newest segment
            long sequence = last - fromEnd + 1;
            for (long cut = offsets.get(index); cut < offsets.get(index + 1); cut++) {
                Path journal = freshCopy();
                JournalFiles.truncate(JournalFiles.newest(journal), cut);

                assertRepairedTo(journal, sequence - 1, offsets.get(index));
            }
        }
    }

    @Test
    void aFlippedByteAnywhereInTheLastRecordCutsThatRecord() throws IOException {
        List<Long> offsets = JournalFiles.recordOffsets(JournalFiles.newest(Recovery.journalDirectory(pristine)));
        long start = offsets.get(offsets.size() - 2);
        for (long at = start; at < offsets.getLast(); at++) {
            Path journal = freshCopy();
            JournalFiles.flipByte(JournalFiles.newest(journal), at);

            assertRepairedTo(journal, records.size() - 1, start);
        }
    }

    @Test
    void zerosAfterATornRecordAreCutWithIt() throws IOException {
        Path journal = freshCopy();
        Path newest = JournalFiles.newest(journal);
        List<Long> offsets = JournalFiles.recordOffsets(newest);
        long start = offsets.get(offsets.size() - 2);
        JournalFiles.truncate(newest, start + 11);
        try (OutputStream out = Files.newOutputStream(newest, StandardOpenOption.APPEND)) {
            out.write(new byte[4_096]); // a file system may extend a file before the data lands
        }

        assertRepairedTo(journal, records.size() - 1, start);
    }

    @Test
    void aSegmentCreatedJustBeforeACrashIsReusedFromItsStart() throws IOException {
        Path journal = freshCopy();
        long next = records.size() + 1;
        Files.write(Journal.segmentPath(journal, next), new byte[] {0x42, 0x52, 0x4A});

        try (JournalWriter writer = JournalWriter.open(journal, SEGMENT_BYTES, false)) {
            assertThat(writer.lastSequence()).isEqualTo(records.size());
            writer.append(next, Stamped.START + 999_999, records.getFirst().command());
            writer.commit();
        }
        assertThat(JournalFiles.read(journal, records.size())).extracting(Stamped::sequence).containsExactly(next);
    }

    @Test
    void damageBeforeTheLastRecordOfTheNewestSegmentIsAHardError() throws IOException {
        Path journal = freshCopy();
        Path newest = JournalFiles.newest(journal);
        List<Long> offsets = JournalFiles.recordOffsets(newest);
        long damaged = offsets.get(offsets.size() - 4) + 20;
        JournalFiles.flipByte(newest, damaged);
        long size = Files.size(newest);

        assertThatThrownBy(() -> JournalWriter.open(journal, SEGMENT_BYTES, false))
                .isInstanceOf(CorruptJournalException.class)
                .hasMessageContaining(newest.toString())
                .hasMessageContaining("intact records follow");
        assertThat(Files.size(newest)).as("nothing was cut").isEqualTo(size);
        assertThatThrownBy(() -> recover(journal.getParent())).isInstanceOf(CorruptJournalException.class);
    }

    @Test
    void damageInAnOlderSegmentIsAHardError() throws IOException {
        Path journal = freshCopy();
        Path oldest = Journal.segments(journal).getFirst().path();
        List<Long> offsets = JournalFiles.recordOffsets(oldest);
        JournalFiles.flipByte(oldest, offsets.get(offsets.size() - 2) + 30);

        assertThatThrownBy(() -> recover(journal.getParent()))
                .isInstanceOf(CorruptJournalException.class)
                .hasMessageContaining(oldest.toString())
                .hasMessageContaining("checksum mismatch in a segment that is not the newest");
    }

    @Test
    void anOlderSegmentCutShortIsAHardError() throws IOException {
        Path journal = freshCopy();
        Path oldest = Journal.segments(journal).getFirst().path();
        JournalFiles.truncate(oldest, Files.size(oldest) - 3);

        assertThatThrownBy(() -> recover(journal.getParent())).isInstanceOf(CorruptJournalException.class)
                .hasMessageContaining("not the newest");
    }

    /** Reopening for writing cuts the file at {@code cutAt}, and recovery equals a clean replay of what is left. */
    private void assertRepairedTo(Path journal, long lastSequence, long cutAt) throws IOException {
        try (JournalWriter writer = JournalWriter.open(journal, SEGMENT_BYTES, false)) {
            assertThat(writer.lastSequence()).isEqualTo(lastSequence);
        }
        assertThat(Files.size(JournalFiles.newest(journal))).isEqualTo(cutAt);
        Recovery.Recovered recovered = recover(journal.getParent());
        assertThat(recovered.engine().lastSequence()).isEqualTo(lastSequence);
        assertThat(recovered.engine().stateHash()).isEqualTo(hashes[(int) lastSequence]);
    }

    private static Recovery.Recovered recover(Path root) throws IOException {
        return Recovery.recover(root, Stamped.CONFIG, Long.MAX_VALUE, EngineListener.NONE);
    }

    /** A copy of the pristine journal, as {@code <fresh root>/journal}. */
    private Path freshCopy() throws IOException {
        Path root = Files.createTempDirectory(work, "copy");
        Path journal = Recovery.journalDirectory(root);
        Files.createDirectories(journal);
        try (Stream<Path> files = Files.list(Recovery.journalDirectory(pristine))) {
            for (Path file : files.toList()) {
                Files.copy(file, journal.resolve(file.getFileName()));
            }
        }
        return journal;
    }
}
