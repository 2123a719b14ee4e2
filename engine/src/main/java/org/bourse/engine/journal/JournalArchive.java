package org.bourse.engine.journal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The journal's segments that recovery no longer needs, kept compressed in {@code archive/} beside
 * {@code journal/} (one gzip file per segment, {@code 00000000000000000001.seg.gz}): the journal is the
 * exchange's financial log, and with the archive every read model and every audit can be rebuilt from the
 * first command. A segment is archived under a temporary name, forced to disk and renamed before the segment
 * itself is deleted, so a crash leaves it in one place or both, never in neither.
 *
 * <p>Recovery puts archived segments back into {@code journal/} when the replay it must do starts before the
 * journal's first segment: read models older than every snapshot (lost in a power cut, or deleted to be
 * rebuilt) replay from there.
 */
public final class JournalArchive {

    private static final Pattern NAME = Pattern.compile("(\\d{20})\\.seg\\.gz");
    private static final String UNFINISHED = ".tmp";

    private JournalArchive() {
    }

    public static Path directory(Path root) {
        return root.resolve("archive");
    }

    /**
     * Archives, then deletes, the segments whose every record has a sequence at or below {@code sequence}; the
     * newest segment always stays (the writer appends to it). @return how many segments were archived
     */
    public static int archiveSegmentsUpTo(Path journal, Path archive, long sequence, boolean fsync) throws IOException {
        List<Journal.Segment> segments = Journal.segments(journal);
        int archived = 0;
        for (int i = 0; i + 1 < segments.size() && segments.get(i + 1).firstSequence() - 1 <= sequence; i++) {
            archive(segments.get(i), archive, fsync);
            archived++;
        }
        if (archived > 0 && fsync) {
            Journal.syncDirectory(journal);
        }
        return archived;
    }

    private static void archive(Journal.Segment segment, Path archive, boolean fsync) throws IOException {
        Files.createDirectories(archive);
        Path target = archive.resolve(segment.path().getFileName() + ".gz");
        Path unfinished = archive.resolve(target.getFileName() + UNFINISHED);
        try (InputStream in = Files.newInputStream(segment.path());
             OutputStream out = new GZIPOutputStream(Files.newOutputStream(unfinished), 1 << 16)) {
            in.transferTo(out);
        }
        if (fsync) {
            try (FileChannel channel = FileChannel.open(unfinished, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
        }
        Files.move(unfinished, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        if (fsync) {
            Journal.syncDirectory(archive);
        }
        Files.delete(segment.path());
    }

    /** The archived segments, oldest first, by the sequence of their first record. */
    public static List<Journal.Segment> segments(Path archive) throws IOException {
        List<Journal.Segment> segments = new ArrayList<>();
        if (!Files.isDirectory(archive)) {
            return segments;
        }
        try (Stream<Path> files = Files.list(archive)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Matcher name = NAME.matcher(file.getFileName().toString());
                if (name.matches()) {
                    segments.add(new Journal.Segment(file, Long.parseLong(name.group(1))));
                }
            }
        }
        segments.sort(Comparator.comparingLong(Journal.Segment::firstSequence));
        return segments;
    }

    /**
     * Puts back into {@code journal/} the archived segments a replay of the commands from {@code firstNeeded} on
     * reads: those from the one holding {@code firstNeeded} up to the journal's first segment. Nothing happens when
     * the journal already starts early enough. @return how many segments were restored
     */
    public static int restoreFrom(Path root, long firstNeeded) throws IOException {
        Path journal = Recovery.journalDirectory(root);
        List<Journal.Segment> present = Journal.segments(journal);
        long journalStart = present.isEmpty() ? Long.MAX_VALUE : present.getFirst().firstSequence();
        if (journalStart <= firstNeeded) {
            return 0;
        }
        List<Journal.Segment> archived = segments(directory(root));
        int restored = 0;
        for (int i = 0; i < archived.size(); i++) {
            Journal.Segment segment = archived.get(i);
            long next = i + 1 < archived.size() ? archived.get(i + 1).firstSequence() : journalStart;
            if (segment.firstSequence() >= journalStart || next <= firstNeeded) {
                continue; // after the journal's start (already there) or wholly before what is needed
            }
            restore(segment, Journal.segmentPath(journal, segment.firstSequence()));
            restored++;
        }
        if (restored > 0) {
            Journal.syncDirectory(journal);
        }
        return restored;
    }

    private static void restore(Journal.Segment archived, Path target) throws IOException {
        Path unfinished = target.resolveSibling(target.getFileName() + UNFINISHED);
        try (InputStream in = new GZIPInputStream(Files.newInputStream(archived.path()), 1 << 16);
             OutputStream out = Files.newOutputStream(unfinished)) {
            in.transferTo(out);
        }
        try (FileChannel channel = FileChannel.open(unfinished, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        Files.move(unfinished, target, StandardCopyOption.ATOMIC_MOVE);
    }
}
