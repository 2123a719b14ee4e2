package org.bourse.engine.journal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The journal on disk: a directory of segment files, each named by the sequence of its first record
 * ({@code 00000000000000000001.seg}), so listing the directory sorted by name is listing the journal in order.
 *
 * <p>A segment is a 16-byte header (magic {@code BRJL}, format version, first sequence) followed by records:
 * <pre>
 *   int  length      bytes after the checksum: 16 + payload
 *   int  crc32c      of those bytes
 *   long sequence    consecutive across the whole journal
 *   long timestamp   epoch ms, stamped by the sequencer
 *   byte payload[]   the command, per {@link CommandCodec}
 * </pre>
 * Only the newest segment is ever written, only at its end, so damage that a crash can cause is confined to
 * the tail of the newest segment; anything else that fails its checks is corruption and stops recovery. A
 * segment of a version this build does not read stops recovery too ({@link UnsupportedFormatException}).
 * The byte-level description, with every command's payload, is {@code docs/formats.md}.
 */
public final class Journal {

    public static final long DEFAULT_SEGMENT_BYTES = 64L << 20;

    static final int MAGIC = 0x42524A4C;
    /** The segment format this build writes (see {@code docs/formats.md}). */
    static final int VERSION = 2;
    /** The segment formats this build reads, oldest first; {@link #VERSION} is the last. */
    static final int[] READABLE_VERSIONS = {1, 2};
    static final int SEGMENT_HEADER_BYTES = 16;
    /** length and checksum */
    static final int RECORD_PREFIX_BYTES = 8;
    /** sequence and timestamp: the part of {@code length} before the payload */
    static final int RECORD_FIXED_BYTES = 16;
    /** A command is a few hundred bytes; a larger length field is damage, not a command. */
    static final int MAX_PAYLOAD_BYTES = 1 << 20;

    private static final Pattern SEGMENT_NAME = Pattern.compile("(\\d{20})\\.seg");
    private static final boolean WINDOWS = System.getProperty("os.name", "").startsWith("Windows");

    private Journal() {
    }

    /** One segment file and the sequence its first record has (or will have, while it is empty). */
    public record Segment(Path path, long firstSequence) {
    }

    /** The segments of a journal directory, oldest first; empty when the directory does not exist. */
    public static List<Segment> segments(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        List<Segment> segments = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Matcher name = SEGMENT_NAME.matcher(file.getFileName().toString());
                if (name.matches()) {
                    segments.add(new Segment(file, Long.parseLong(name.group(1))));
                }
            }
        }
        segments.sort(Comparator.comparingLong(Segment::firstSequence));
        return segments;
    }

    /**
     * Deletes the segments whose every record has a sequence at or below {@code sequence}: those a replay
     * starting after {@code sequence} never reads. The newest segment is always kept, because the writer
     * appends to it. @return how many segments were deleted
     */
    public static int deleteSegmentsUpTo(Path directory, long sequence) throws IOException {
        List<Segment> segments = segments(directory);
        int deleted = 0;
        for (int i = 0; i + 1 < segments.size() && segments.get(i + 1).firstSequence() - 1 <= sequence; i++) {
            Files.delete(segments.get(i).path());
            deleted++;
        }
        return deleted;
    }

    static Path segmentPath(Path directory, long firstSequence) {
        return directory.resolve(String.format("%020d.seg", firstSequence));
    }

    /** Makes a file's creation, rename or deletion in {@code directory} survive a power loss. */
    static void syncDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Windows cannot open a directory at all (NTFS journals its metadata); elsewhere this is a real failure
            if (!WINDOWS) {
                throw e;
            }
        }
    }
}
