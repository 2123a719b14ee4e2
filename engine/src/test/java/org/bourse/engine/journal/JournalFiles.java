package org.bourse.engine.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Writing, reading and damaging journals in tests. */
public final class JournalFiles {

    private JournalFiles() {
    }

    /** Writes the records in batches of {@code batch}, committing each, without fsync (tests do not crash the machine). */
    public static void write(Path directory, List<Stamped> records, long segmentBytes, int batch) throws IOException {
        try (JournalWriter writer = JournalWriter.open(directory, segmentBytes, false)) {
            for (int i = 0; i < records.size(); i++) {
                Stamped r = records.get(i);
                writer.append(r.sequence(), r.timestamp(), r.command());
                if ((i + 1) % batch == 0) {
                    writer.commit();
                }
            }
            writer.commit();
        }
    }

    public static List<Stamped> read(Path directory, long afterSequence) throws IOException {
        List<Stamped> records = new ArrayList<>();
        try (JournalReader reader = JournalReader.open(directory, afterSequence)) {
            while (reader.next()) {
                records.add(new Stamped(reader.sequence(), reader.timestamp(), reader.command()));
            }
        }
        return records;
    }

    /** Where each record of a segment starts, and (last element) where the last one ends. */
    public static List<Long> recordOffsets(Path segment) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(segment));
        List<Long> offsets = new ArrayList<>();
        int at = Journal.SEGMENT_HEADER_BYTES;
        while (at < bytes.limit()) {
            offsets.add((long) at);
            at += Journal.RECORD_PREFIX_BYTES + bytes.getInt(at);
        }
        offsets.add((long) at);
        return offsets;
    }

    public static void flipByte(Path file, long offset) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        bytes[(int) offset] ^= (byte) 0xFF;
        Files.write(file, bytes);
    }

    public static void truncate(Path file, long length) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, (int) length));
    }

    public static Path newest(Path directory) throws IOException {
        return Journal.segments(directory).getLast().path();
    }
}
