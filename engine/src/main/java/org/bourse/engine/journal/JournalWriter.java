package org.bourse.engine.journal;

import static org.bourse.engine.journal.Journal.MAX_PAYLOAD_BYTES;
import static org.bourse.engine.journal.Journal.RECORD_FIXED_BYTES;
import static org.bourse.engine.journal.Journal.RECORD_PREFIX_BYTES;
import static org.bourse.engine.journal.Journal.SEGMENT_HEADER_BYTES;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.zip.CRC32C;

import org.bourse.engine.command.Command;

/**
 * Appends commands to the journal with group commit: {@link #append} only encodes into memory, and
 * {@link #commit} writes everything appended since the last commit and forces it to disk once. A command is
 * durable when the {@code commit} that follows its {@code append} returns.
 *
 * <p>Opening repairs the newest segment: a record that a crash left partly written at its end is cut off
 * (and reported on {@code System.err}); damage anywhere else is a {@link CorruptJournalException}.
 * Sequences are consecutive: the first append to an empty journal chooses where it starts.
 *
 * <p>One thread uses a writer. After an {@link IOException} the writer refuses further use: what reached the
 * disk is unknown until the journal is opened again.
 */
public final class JournalWriter implements AutoCloseable {

    private final Path directory;
    private final long segmentBytes;
    private final boolean fsync;
    private final CRC32C crc = new CRC32C();
    private final PayloadBuffer payload = new PayloadBuffer();
    private final DataOutputStream payloadOut = new DataOutputStream(payload);

    private FileChannel channel;   // the newest segment; null while the journal has none
    private long segmentSize;      // bytes written to the newest segment
    private long lastSequence;     // of the last record appended, committed or not
    private ByteBuffer batch = ByteBuffer.allocate(1 << 16); // grows to the largest batch
    private boolean failed;

    private JournalWriter(Path directory, long segmentBytes, boolean fsync) {
        if (segmentBytes < SEGMENT_HEADER_BYTES + RECORD_PREFIX_BYTES + RECORD_FIXED_BYTES) {
            throw new IllegalArgumentException("segments of " + segmentBytes + " bytes cannot hold a record");
        }
        this.directory = directory;
        this.segmentBytes = segmentBytes;
        this.fsync = fsync;
    }

    /**
     * @param segmentBytes the size past which a new segment is started (a segment holds at least one record)
     * @param fsync        false only where losing the newest commands on a machine crash does not matter
     */
    public static JournalWriter open(Path directory, long segmentBytes, boolean fsync) throws IOException {
        Files.createDirectories(directory);
        JournalWriter writer = new JournalWriter(directory, segmentBytes, fsync);
        List<Journal.Segment> segments = Journal.segments(directory);
        if (!segments.isEmpty()) {
            writer.reopen(segments.getLast());
        }
        return writer;
    }

    /** The sequence of the last record appended (0 for an empty journal). */
    public long lastSequence() {
        return lastSequence;
    }

    /**
     * Encodes a record into the pending batch. Nothing is written until {@link #commit}.
     *
     * @throws IllegalArgumentException when the sequence does not follow the last one, or the command cannot
     *                                  be encoded (too large); the writer is unchanged and stays usable
     */
    public void append(long sequence, long timestamp, Command command) throws IOException {
        checkUsable();
        if ((channel != null || lastSequence != 0) && sequence != lastSequence + 1) {
            throw new IllegalArgumentException("sequence " + sequence + " does not follow " + lastSequence);
        }
        if (sequence <= 0) {
            throw new IllegalArgumentException("sequences start at 1: " + sequence);
        }
        payload.reset();
        CommandCodec.write(command, payloadOut);
        if (payload.size() > MAX_PAYLOAD_BYTES) {
            throw new IllegalArgumentException("command of " + payload.size() + " bytes is larger than a record may be");
        }
        int length = RECORD_FIXED_BYTES + payload.size();
        try {
            if (channel == null) {
                startSegment(sequence);
            } else if (segmentSize + batch.position() + RECORD_PREFIX_BYTES + length > segmentBytes
                    && segmentSize + batch.position() > SEGMENT_HEADER_BYTES) {
                writeBatch();
                startSegment(sequence);
            }
        } catch (IOException e) {
            failed = true;
            throw e;
        }
        put(sequence, timestamp, length);
        lastSequence = sequence;
    }

    /** Writes the pending batch and forces it to disk (one force per batch: the group commit). */
    public void commit() throws IOException {
        checkUsable();
        if (batch.position() == 0) {
            return;
        }
        try {
            writeBatch();
        } catch (IOException e) {
            failed = true;
            throw e;
        }
    }

    /**
     * Continues the journal after {@code sequence} in a new segment, leaving a gap: for when a snapshot is
     * newer than the journal's end (records lost without fsync, or a journal removed by hand), so that new
     * records follow the engine's state. Replays from before the gap then fail, as they must.
     */
    public void continueAfter(long sequence) throws IOException {
        checkUsable();
        if (sequence <= lastSequence) {
            throw new IllegalArgumentException("the journal already reaches " + lastSequence);
        }
        commit();
        try {
            startSegment(sequence + 1);
        } catch (IOException e) {
            failed = true;
            throw e;
        }
        lastSequence = sequence;
    }

    /**
     * Closes the newest segment. Records appended since the last {@link #commit} are dropped, not written: a
     * writer closed after a failure must not make durable what its callers were told failed.
     */
    @Override
    public void close() throws IOException {
        if (channel != null) {
            channel.close();
        }
    }

    private void reopen(Journal.Segment newest) throws IOException {
        channel = FileChannel.open(newest.path(), StandardOpenOption.READ, StandardOpenOption.WRITE);
        try (SegmentScanner scan = SegmentScanner.open(newest)) {
            if (!scan.headerComplete()) {
                // created, then the crash came before its header was on disk: it never held a record
                System.err.println("bourse journal: rewriting the unfinished header of " + newest.path());
                channel.truncate(0);
                writeHeader(newest.firstSequence());
                segmentSize = SEGMENT_HEADER_BYTES;
                lastSequence = newest.firstSequence() - 1;
                return;
            }
            while (scan.next()) {
                // the scan checks every record; only the end matters here
            }
            if (scan.defect() != null) {
                cutTornTail(scan);
            }
            segmentSize = scan.position();
            lastSequence = scan.lastSequence();
            if (scan.version() < Journal.VERSION) {
                // an older format: its records stay as they are, and today's go into a segment of today's format
                channel.close();
                channel = null;
                if (lastSequence < newest.firstSequence()) { // it holds no record: it is replaced
                    Files.delete(newest.path());
                    lastSequence = newest.firstSequence() - 1;
                }
                return;
            }
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        channel.position(segmentSize);
    }

    private void cutTornTail(SegmentScanner scan) throws IOException {
        if (scan.validRecordFollows()) {
            throw CorruptJournalException.at(scan.segment().path(), scan.position(), scan.defect()
                    + ", yet intact records follow it: this is not a torn tail, and cutting it would drop "
                    + "acknowledged commands");
        }
        System.err.println("bourse journal: cutting a torn tail of " + (scan.size() - scan.position())
                + " bytes (" + scan.defect() + ") from " + scan.segment().path() + " after sequence "
                + scan.lastSequence());
        channel.truncate(scan.position());
        if (fsync) {
            channel.force(true);
        }
    }

    private void startSegment(long firstSequence) throws IOException {
        if (channel != null) {
            channel.close();
        }
        Path path = Journal.segmentPath(directory, firstSequence);
        channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        writeHeader(firstSequence);
        segmentSize = SEGMENT_HEADER_BYTES;
        if (fsync) {
            Journal.syncDirectory(directory);
        }
    }

    private void writeHeader(long firstSequence) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(SEGMENT_HEADER_BYTES);
        header.putInt(Journal.MAGIC).putInt(Journal.VERSION).putLong(firstSequence).flip();
        while (header.hasRemaining()) {
            channel.write(header, SEGMENT_HEADER_BYTES - header.remaining());
        }
        channel.position(SEGMENT_HEADER_BYTES);
    }

    private void put(long sequence, long timestamp, int length) {
        int recordBytes = RECORD_PREFIX_BYTES + length;
        if (batch.remaining() < recordBytes) {
            ByteBuffer larger = ByteBuffer.allocate(Math.max(batch.capacity() * 2, batch.position() + recordBytes));
            batch.flip();
            batch = larger.put(batch);
        }
        int start = batch.position();
        batch.putInt(length).putInt(0).putLong(sequence).putLong(timestamp).put(payload.array(), 0, payload.size());
        crc.reset();
        crc.update(batch.array(), start + RECORD_PREFIX_BYTES, length);
        batch.putInt(start + 4, (int) crc.getValue());
    }

    private void writeBatch() throws IOException {
        batch.flip();
        while (batch.hasRemaining()) {
            segmentSize += channel.write(batch);
        }
        batch.clear();
        if (fsync) {
            channel.force(false);
        }
    }

    private void checkUsable() {
        if (failed) {
            throw new IllegalStateException("the journal writer failed earlier; reopen the journal to continue");
        }
    }

    /** Gives the encoder's bytes to the batch without a copy per record. */
    private static final class PayloadBuffer extends ByteArrayOutputStream {
        byte[] array() {
            return buf;
        }
    }
}
