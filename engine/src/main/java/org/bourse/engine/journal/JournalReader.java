package org.bourse.engine.journal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.bourse.engine.command.Command;

/**
 * Reads the journal in sequence order from a given point, checking every record. The end of the newest
 * segment may be torn by a crash: reading stops there, as {@link JournalWriter#open} would cut it. Any other
 * damage, and any gap in the sequences, is a {@link CorruptJournalException}: a replay never skips a command.
 *
 * <pre>{@code
 * try (JournalReader journal = JournalReader.open(dir, engine.lastSequence())) {
 *     while (journal.next()) {
 *         engine.apply(journal.sequence(), journal.timestamp(), journal.command());
 *     }
 * }
 * }</pre>
 */
public final class JournalReader implements AutoCloseable {

    private final List<Journal.Segment> segments;
    private final long afterSequence;
    private int segmentIndex;
    private SegmentScanner scanner;
    private long lastSequence;

    private JournalReader(List<Journal.Segment> segments, int first, long afterSequence) {
        this.segments = segments;
        this.segmentIndex = first;
        this.afterSequence = afterSequence;
        this.lastSequence = afterSequence;
    }

    /**
     * A reader of the records after {@code afterSequence}.
     *
     * @throws CorruptJournalException when the journal does not reach back to {@code afterSequence + 1}
     *                                  (its older segments were deleted) but holds records after it
     */
    public static JournalReader open(Path directory, long afterSequence) throws IOException {
        List<Journal.Segment> segments = Journal.segments(directory);
        int first = 0;
        for (int i = 0; i < segments.size(); i++) {
            if (segments.get(i).firstSequence() <= afterSequence + 1) {
                first = i;
            }
        }
        if (!segments.isEmpty() && segments.get(first).firstSequence() > afterSequence + 1) {
            throw new CorruptJournalException("the journal in " + directory + " starts at sequence "
                    + segments.get(first).firstSequence() + "; records from " + (afterSequence + 1)
                    + " on are gone (deleted after a snapshot that is no longer usable?)");
        }
        return new JournalReader(segments, first, afterSequence);
    }

    /** Advances to the next record. @return false at the end of the journal */
    public boolean next() throws IOException {
        while (segmentIndex < segments.size()) {
            if (scanner == null) {
                scanner = openSegment(segments.get(segmentIndex));
            }
            while (scanner.next()) {
                if (scanner.sequence() > afterSequence) {
                    lastSequence = scanner.sequence();
                    return true;
                }
            }
            endOfSegment();
        }
        return false;
    }

    public long sequence() {
        return scanner.sequence();
    }

    public long timestamp() {
        return scanner.timestamp();
    }

    public Command command() throws IOException {
        return scanner.command();
    }

    @Override
    public void close() throws IOException {
        if (scanner != null) {
            scanner.close();
            scanner = null;
        }
    }

    private SegmentScanner openSegment(Journal.Segment segment) throws IOException {
        boolean continues = lastSequence > afterSequence || segment.firstSequence() > afterSequence;
        if (continues && segment.firstSequence() != lastSequence + 1) {
            throw new CorruptJournalException("gap in the journal: " + segment.path() + " starts at sequence "
                    + segment.firstSequence() + " but the one before ends at " + lastSequence);
        }
        return SegmentScanner.open(segment);
    }

    private void endOfSegment() throws IOException {
        boolean newest = segmentIndex == segments.size() - 1;
        if (!scanner.headerComplete() && !newest) {
            throw CorruptJournalException.at(scanner.segment().path(), 0, "segment header cut short");
        }
        if (scanner.defect() != null) {
            if (!newest) {
                throw CorruptJournalException.at(scanner.segment().path(), scanner.position(), scanner.defect()
                        + " in a segment that is not the newest; the records after it cannot be trusted or skipped");
            }
            if (scanner.validRecordFollows()) {
                throw CorruptJournalException.at(scanner.segment().path(), scanner.position(), scanner.defect()
                        + ", yet intact records follow it: not a torn tail");
            }
        }
        lastSequence = Math.max(lastSequence, scanner.lastSequence());
        scanner.close();
        scanner = null;
        segmentIndex++;
    }
}
