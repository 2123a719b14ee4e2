package org.bourse.engine.journal;

import static org.bourse.engine.journal.Journal.MAX_PAYLOAD_BYTES;
import static org.bourse.engine.journal.Journal.RECORD_FIXED_BYTES;
import static org.bourse.engine.journal.Journal.RECORD_PREFIX_BYTES;
import static org.bourse.engine.journal.Journal.SEGMENT_HEADER_BYTES;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.zip.CRC32C;

import org.bourse.engine.command.Command;

/**
 * Reads one segment's records in order and checks each: complete, a plausible length, the checksum, and the
 * next sequence. A record that fails a check ends the scan with a {@link #defect()}; what that means (a torn
 * tail to cut, or corruption to refuse) depends on where the segment stands in the journal, so the caller
 * decides, with {@link #validRecordFollows()} as the evidence.
 */
final class SegmentScanner implements AutoCloseable {

    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private final Journal.Segment segment;
    private final FileChannel channel;
    private final long size;
    private final boolean headerComplete;
    private final CRC32C crc = new CRC32C();
    private int version;      // of the segment's format, from its header

    private byte[] bytes = new byte[1 << 16]; // grows to the largest record
    private int start;        // index in bytes of the next unread byte
    private int end;          // index in bytes after the last byte read from the file
    private long endOffset;   // file offset of bytes[end]

    private long expectedSequence;
    private long sequence;
    private long timestamp;
    private int payloadStart;
    private int payloadLength;
    private String defect;

    private SegmentScanner(Journal.Segment segment, FileChannel channel) throws IOException {
        this.segment = segment;
        this.channel = channel;
        this.size = channel.size();
        this.headerComplete = size >= SEGMENT_HEADER_BYTES;
        this.expectedSequence = segment.firstSequence();
        this.endOffset = 0;
        if (headerComplete) {
            checkHeader();
        }
    }

    static SegmentScanner open(Journal.Segment segment) throws IOException {
        FileChannel channel = FileChannel.open(segment.path(), StandardOpenOption.READ);
        try {
            return new SegmentScanner(segment, channel);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** False when a crash cut the file while it was being created: it holds no record. */
    boolean headerComplete() {
        return headerComplete;
    }

    /** @return true when a record is current; false at the end of the segment or at a {@link #defect()} */
    boolean next() throws IOException {
        if (!headerComplete || defect != null) {
            return false;
        }
        if (!ensure(RECORD_PREFIX_BYTES)) {
            defect = end == start ? null : "record header cut short";
            return false;
        }
        int length = getInt(start);
        if (length < RECORD_FIXED_BYTES || length > RECORD_FIXED_BYTES + MAX_PAYLOAD_BYTES) {
            defect = "record length " + length + " out of range";
            return false;
        }
        if (!ensure(RECORD_PREFIX_BYTES + length)) {
            defect = "record of " + length + " bytes cut short";
            return false;
        }
        crc.reset();
        crc.update(bytes, start + RECORD_PREFIX_BYTES, length);
        if ((int) crc.getValue() != getInt(start + 4)) {
            defect = "checksum mismatch";
            return false;
        }
        sequence = getLong(start + RECORD_PREFIX_BYTES);
        timestamp = getLong(start + RECORD_PREFIX_BYTES + 8);
        if (sequence != expectedSequence) {
            // an intact record out of order is not crash damage: the files were mixed or edited
            throw CorruptJournalException.at(segment.path(), position(),
                    "sequence " + sequence + " where " + expectedSequence + " was expected");
        }
        expectedSequence++;
        payloadStart = start + RECORD_PREFIX_BYTES + RECORD_FIXED_BYTES;
        payloadLength = length - RECORD_FIXED_BYTES;
        start += RECORD_PREFIX_BYTES + length;
        return true;
    }

    long sequence() {
        return sequence;
    }

    long timestamp() {
        return timestamp;
    }

    /** Decodes the current record's command. */
    Command command() throws IOException {
        ByteArrayInputStream payload = new ByteArrayInputStream(bytes, payloadStart, payloadLength);
        Command command;
        try {
            command = CommandCodec.read(new DataInputStream(payload), version);
        } catch (IOException | RuntimeException e) {
            throw CorruptJournalException.at(segment.path(), position() - payloadLength - RECORD_FIXED_BYTES
                    - RECORD_PREFIX_BYTES, "record " + sequence + " passed its checksum but does not decode: " + e);
        }
        if (payload.available() != 0) {
            throw CorruptJournalException.at(segment.path(), position(), "record " + sequence + " has "
                    + payload.available() + " bytes after its command");
        }
        return command;
    }

    /** Why the scan stopped early, or null when it reached the end of the file at a record boundary. */
    String defect() {
        return defect;
    }

    /** The file offset after the last good record: where the next record starts, or the defect is. */
    long position() {
        return endOffset - (end - start);
    }

    /** The segment's format, from its header. */
    int version() {
        return version;
    }

    /** The sequence of the last good record read, or one before the segment's first when there was none. */
    long lastSequence() {
        return expectedSequence - 1;
    }

    long size() {
        return size;
    }

    Journal.Segment segment() {
        return segment;
    }

    /**
     * Whether an intact record starts anywhere after the defect. A process or machine crash leaves only a
     * partly written end of the file; intact records after a damaged one mean the damage is elsewhere, and
     * cutting there would throw away records that were acknowledged.
     */
    boolean validRecordFollows() throws IOException {
        long from = position() + 1;
        long tail = size - from;
        if (tail < RECORD_PREFIX_BYTES + RECORD_FIXED_BYTES) {
            return false;
        }
        if (tail > Integer.MAX_VALUE - 16) {
            throw CorruptJournalException.at(segment.path(), from, "too much data after a damaged record to inspect");
        }
        ByteBuffer rest = ByteBuffer.allocate((int) tail);
        while (rest.hasRemaining() && channel.read(rest, from + rest.position()) >= 0) {
            // positional reads until the tail is in memory
        }
        byte[] b = rest.array();
        for (int at = 0; at + RECORD_PREFIX_BYTES + RECORD_FIXED_BYTES <= rest.position(); at++) {
            int length = (int) INT.get(b, at);
            if (length < RECORD_FIXED_BYTES || length > RECORD_FIXED_BYTES + MAX_PAYLOAD_BYTES
                    || at + RECORD_PREFIX_BYTES + length > rest.position()) {
                continue;
            }
            crc.reset();
            crc.update(b, at + RECORD_PREFIX_BYTES, length);
            if ((int) crc.getValue() == (int) INT.get(b, at + 4)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    private void checkHeader() throws IOException {
        if (!ensure(SEGMENT_HEADER_BYTES)) {
            throw CorruptJournalException.at(segment.path(), 0, "segment header unreadable");
        }
        int magic = getInt(0);
        int version = getInt(4);
        long first = getLong(8);
        if (magic != Journal.MAGIC) {
            throw CorruptJournalException.at(segment.path(), 0, "not a journal segment");
        }
        // before anything else is judged: a newer format may differ in more than its records
        UnsupportedFormatException.check(segment.path(), "journal segment", version, Journal.READABLE_VERSIONS);
        if (first != segment.firstSequence()) {
            throw CorruptJournalException.at(segment.path(), 8, "header says the first sequence is " + first);
        }
        this.version = version;
        start = SEGMENT_HEADER_BYTES;
    }

    /** Makes {@code n} unread bytes available, reading more of the file. @return false at end of file */
    private boolean ensure(int n) throws IOException {
        if (end - start >= n) {
            return true;
        }
        System.arraycopy(bytes, start, bytes, 0, end - start);
        end -= start;
        start = 0;
        if (bytes.length < n) {
            bytes = Arrays.copyOf(bytes, Math.max(n, bytes.length * 2));
        }
        while (end - start < n && endOffset < size) {
            int read = channel.read(ByteBuffer.wrap(bytes, end, bytes.length - end), endOffset);
            if (read < 0) {
                break;
            }
            end += read;
            endOffset += read;
        }
        return end - start >= n;
    }

    private int getInt(int at) {
        return (int) INT.get(bytes, at);
    }

    private long getLong(int at) {
        return (long) LONG.get(bytes, at);
    }
}
