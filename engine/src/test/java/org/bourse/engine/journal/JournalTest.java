package org.bourse.engine.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.bourse.engine.command.Command;
import org.bourse.engine.command.OpenAccount;
import org.bourse.engine.testsupport.RandomSeed;
import org.bourse.engine.testsupport.Seed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(RandomSeed.class)
class JournalTest {

    @TempDir
    Path dir;

    private final List<Stamped> records;

    JournalTest(Seed seed) {
        records = Stamped.stamp(new RandomCommands(seed.value(), 5).script(400));
    }

    @Test
    void recordsReadBackInOrderFromAnySequence() throws IOException {
        JournalFiles.write(dir, records, Journal.DEFAULT_SEGMENT_BYTES, 64);

        assertThat(JournalFiles.read(dir, 0)).isEqualTo(records);
        assertThat(JournalFiles.read(dir, 150)).isEqualTo(records.subList(150, records.size()));
        assertThat(JournalFiles.read(dir, records.size())).isEmpty();
    }

    @Test
    void appendedRecordsReachTheFileOnlyAtCommit() throws IOException {
        try (JournalWriter writer = JournalWriter.open(dir, Journal.DEFAULT_SEGMENT_BYTES, false)) {
            for (Stamped r : records.subList(0, 10)) {
                writer.append(r.sequence(), r.timestamp(), r.command());
            }
            assertThat(JournalFiles.read(dir, 0)).isEmpty();
            writer.commit();
            assertThat(JournalFiles.read(dir, 0)).isEqualTo(records.subList(0, 10));
        }
    }

    @Test
    void segmentsRollAtTheConfiguredSizeAndAreNamedByTheirFirstSequence() throws IOException {
        JournalFiles.write(dir, records, 4_096, 7);

        List<Journal.Segment> segments = Journal.segments(dir);
        assertThat(segments).hasSizeGreaterThan(5);
        for (Journal.Segment segment : segments) {
            assertThat(Files.size(segment.path())).isLessThanOrEqualTo(4_096);
            long first = JournalFiles.read(dir, segment.firstSequence() - 1).getFirst().sequence();
            assertThat(first).isEqualTo(segment.firstSequence());
            assertThat(segment.path().getFileName().toString()).isEqualTo(String.format("%020d.seg", first));
        }
        assertThat(JournalFiles.read(dir, 0)).isEqualTo(records);
        long boundary = segments.get(3).firstSequence() - 1;
        assertThat(JournalFiles.read(dir, boundary)).isEqualTo(records.subList((int) boundary, records.size()));
    }

    @Test
    void aReopenedWriterContinuesWhereTheJournalEnds() throws IOException {
        JournalFiles.write(dir, records.subList(0, 100), 4_096, 10);
        try (JournalWriter writer = JournalWriter.open(dir, 4_096, false)) {
            assertThat(writer.lastSequence()).isEqualTo(100);
            assertThatThrownBy(() -> writer.append(102, 0, records.get(101).command()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not follow 100");
        }
        JournalFiles.write(dir, records.subList(100, records.size()), 4_096, 10);
        assertThat(JournalFiles.read(dir, 0)).isEqualTo(records);
    }

    @Test
    void aCommandTooLargeToJournalIsRefusedAndTheWriterStaysUsable() throws IOException {
        try (JournalWriter writer = JournalWriter.open(dir, Journal.DEFAULT_SEGMENT_BYTES, false)) {
            Command huge = new OpenAccount(1, "x".repeat(Journal.MAX_PAYLOAD_BYTES));
            assertThatThrownBy(() -> writer.append(1, 0, huge)).isInstanceOf(IllegalArgumentException.class);
            writer.append(1, 5, records.getFirst().command());
            writer.commit();
        }
        assertThat(JournalFiles.read(dir, 0)).containsExactly(new Stamped(1, 5, records.getFirst().command()));
    }

    @Test
    void releasingDeletesOnlySegmentsWhollyAtOrBelowTheSequence() throws IOException {
        JournalFiles.write(dir, records, 4_096, 7);
        List<Journal.Segment> before = Journal.segments(dir);
        long inThirdSegment = before.get(2).firstSequence() + 1;

        assertThat(Journal.deleteSegmentsUpTo(dir, inThirdSegment)).isEqualTo(2);

        assertThat(Journal.segments(dir)).isEqualTo(before.subList(2, before.size()));
        assertThat(JournalFiles.read(dir, inThirdSegment))
                .isEqualTo(records.subList((int) inThirdSegment, records.size()));
        assertThatThrownBy(() -> JournalFiles.read(dir, 0)).isInstanceOf(CorruptJournalException.class)
                .hasMessageContaining("starts at sequence " + before.get(2).firstSequence());
        Journal.deleteSegmentsUpTo(dir, Long.MAX_VALUE);
        assertThat(Journal.segments(dir)).hasSize(1);
    }

    @Test
    void aMissingSegmentInTheMiddleIsAGapNotSkipped() throws IOException {
        JournalFiles.write(dir, records, 4_096, 7);
        Journal.Segment third = Journal.segments(dir).get(2);
        Files.delete(third.path());

        assertThatThrownBy(() -> JournalFiles.read(dir, 0)).isInstanceOf(CorruptJournalException.class)
                .hasMessageContaining("gap in the journal");
    }
}
