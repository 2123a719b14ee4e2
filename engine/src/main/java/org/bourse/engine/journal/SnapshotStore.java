package org.bourse.engine.journal;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StreamCorruptedException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

import org.bourse.engine.Engine;
import org.bourse.engine.EngineSnapshot;

/**
 * Snapshot files in a directory, one per sequence: {@code 00000000000000001234.snap} holds the engine's state
 * after the command with sequence 1234. A file is a 28-byte header (magic {@code BRSN}, format version,
 * sequence, body length, CRC32C of the body) and the body of {@link EngineSnapshot}. Files are written under
 * a temporary name, forced to disk and renamed into place, so a crash leaves either the whole snapshot or
 * none (a leftover {@code .tmp}, deleted by {@link #deleteUnfinished()}). The byte-level description is
 * {@code docs/formats.md}.
 *
 * <p>Writing is split so that the engine thread only serializes: {@link #begin} serializes into memory, and
 * {@link #complete} (writing, forcing to disk, renaming) may run on another thread.
 */
public final class SnapshotStore {

    static final int MAGIC = 0x4252534E;
    /**
     * The snapshot format this build writes (see {@code docs/formats.md}): the body's own format follows the
     * file's version ({@link EngineSnapshot#FORMAT}). Version 1 files (before withdrawal holds) are still read;
     * their engine has no holds.
     */
    static final int VERSION = EngineSnapshot.FORMAT;
    /** The snapshot formats this build reads, oldest first; {@link #VERSION} is the last. */
    static final int[] READABLE_VERSIONS = {1, 2};
    static final int HEADER_BYTES = 28;

    private static final Pattern NAME = Pattern.compile("(\\d{20})\\.snap");
    private static final String UNFINISHED = ".tmp";

    private final Path directory;
    private final boolean fsync;

    public SnapshotStore(Path directory, boolean fsync) {
        this.directory = directory;
        this.fsync = fsync;
    }

    /** A snapshot serialized in memory, not yet on disk. */
    public static final class Pending {
        private final long sequence;
        private final Chunks body;

        private Pending(long sequence, Chunks body) {
            this.sequence = sequence;
            this.body = body;
        }

        public long sequence() {
            return sequence;
        }
    }

    /** The sequences of the snapshots present, ascending (not checked: {@link #read} checks). */
    public List<Long> sequences() throws IOException {
        List<Long> sequences = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return sequences;
        }
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Matcher name = NAME.matcher(file.getFileName().toString());
                if (name.matches()) {
                    sequences.add(Long.parseLong(name.group(1)));
                }
            }
        }
        sequences.sort(null);
        return sequences;
    }

    /** Writes a snapshot of the engine and makes it durable, on the calling thread. */
    public long write(Engine engine) throws IOException {
        Pending pending = begin(engine);
        complete(pending);
        return pending.sequence();
    }

    /**
     * Serializes the engine into memory: the only part that needs the engine thread. Measured with 1M live
     * orders (196 MB) on a loaded 2-core machine: about 0.8 s, half of it the state hash that closes the
     * body; writing the file from the engine thread added another 0.2 to 0.8 s, hence the split.
     */
    public Pending begin(Engine engine) throws IOException {
        Chunks body = new Chunks();
        EngineSnapshot.write(engine, new DataOutputStream(body));
        return new Pending(engine.lastSequence(), body);
    }

    /** Writes the snapshot under a temporary name, forces it to disk and renames it into place. */
    public void complete(Pending pending) throws IOException {
        Files.createDirectories(directory);
        Path file = directory.resolve(name(pending.sequence) + UNFINISHED);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            CRC32C crc = new CRC32C();
            for (ByteBuffer chunk : pending.body.chunks()) {
                crc.update(chunk);
            }
            writeFully(channel, ByteBuffer.allocate(HEADER_BYTES).putInt(MAGIC).putInt(VERSION)
                    .putLong(pending.sequence).putLong(pending.body.size()).putInt((int) crc.getValue()).flip());
            for (ByteBuffer chunk : pending.body.chunks()) {
                writeFully(channel, chunk);
            }
            if (fsync) {
                channel.force(true);
            }
        } catch (IOException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        Files.move(file, directory.resolve(name(pending.sequence)), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
        if (fsync) {
            Journal.syncDirectory(directory);
        }
    }

    /**
     * Reads and checks a snapshot: header, length, checksum, then the engine's own consistency check.
     *
     * @throws StreamCorruptedException    when the file is damaged or not a snapshot of that sequence
     * @throws UnsupportedFormatException when it is intact but of a format version this build does not read
     */
    public Engine read(long sequence) throws IOException {
        Path file = directory.resolve(name(sequence));
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
            while (header.hasRemaining() && channel.read(header) >= 0) {
                // until the header is read or the file ends
            }
            if (header.hasRemaining()) {
                throw corrupt(file, "shorter than its header");
            }
            header.flip();
            if (header.getInt() != MAGIC) {
                throw corrupt(file, "not a snapshot");
            }
            int version = header.getInt();
            UnsupportedFormatException.check(file, "snapshot", version, READABLE_VERSIONS);
            if (header.getLong() != sequence) {
                throw corrupt(file, "its header names another sequence");
            }
            long length = header.getLong();
            int checksum = header.getInt();
            if (length != channel.size() - HEADER_BYTES) {
                throw corrupt(file, "body of " + (channel.size() - HEADER_BYTES) + " bytes, header says " + length);
            }
            // the checksum is verified before parsing, so that damage is never taken for content
            if (checksum(channel) != checksum) {
                throw corrupt(file, "checksum mismatch");
            }
            return parse(file, channel, sequence, version);
        }
    }

    /** Deletes the snapshots older than the newest one at or below {@code sequence}. @return that one, or 0 */
    public long deleteOlderThanNewestUpTo(long sequence) throws IOException {
        List<Long> sequences = sequences();
        long kept = 0;
        for (long s : sequences) {
            if (s <= sequence) {
                kept = s;
            }
        }
        for (long s : sequences) {
            if (s < kept) {
                Files.deleteIfExists(directory.resolve(name(s)));
            }
        }
        return kept;
    }

    /** Removes the temporary files of snapshots a crash interrupted. */
    public void deleteUnfinished() throws IOException {
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (file.getFileName().toString().endsWith(".snap" + UNFINISHED)) {
                    Files.delete(file);
                }
            }
        }
    }

    private static void writeFully(FileChannel channel, ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
    }

    /**
     * An output stream into 1 MiB arrays: growing never copies what is already written, unlike a
     * {@link java.io.ByteArrayOutputStream}, which matters at hundreds of megabytes.
     */
    private static final class Chunks extends OutputStream {

        private static final int CHUNK_BYTES = 1 << 20;

        private final List<byte[]> chunks = new ArrayList<>();
        private byte[] current;
        private int used = CHUNK_BYTES;
        private long size;

        @Override
        public void write(int b) {
            if (used == CHUNK_BYTES) {
                nextChunk();
            }
            current[used++] = (byte) b;
            size++;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            size += length;
            while (length > 0) {
                if (used == CHUNK_BYTES) {
                    nextChunk();
                }
                int n = Math.min(length, CHUNK_BYTES - used);
                System.arraycopy(bytes, offset, current, used, n);
                used += n;
                offset += n;
                length -= n;
            }
        }

        long size() {
            return size;
        }

        /** Each chunk's written part, in order, as fresh buffers (so they can be read more than once). */
        List<ByteBuffer> chunks() {
            List<ByteBuffer> buffers = new ArrayList<>(chunks.size());
            for (byte[] chunk : chunks) {
                buffers.add(ByteBuffer.wrap(chunk, 0, chunk == current ? used : CHUNK_BYTES));
            }
            return buffers;
        }

        private void nextChunk() {
            current = new byte[CHUNK_BYTES];
            chunks.add(current);
            used = 0;
        }
    }

    private static int checksum(FileChannel channel) throws IOException {
        CRC32C crc = new CRC32C();
        ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
        long position = HEADER_BYTES;
        int read;
        while ((read = channel.read(buffer.clear(), position)) > 0) {
            crc.update(buffer.flip());
            position += read;
        }
        return (int) crc.getValue();
    }

    private static Engine parse(Path file, FileChannel channel, long sequence, int version) throws IOException {
        channel.position(HEADER_BYTES);
        DataInputStream in = new DataInputStream(new BufferedInputStream(Channels.newInputStream(channel), 1 << 16));
        Engine engine;
        try {
            engine = EngineSnapshot.read(in, version);
        } catch (RuntimeException e) {
            throw corrupt(file, "inconsistent content: " + e);
        }
        if (in.read() != -1) {
            throw corrupt(file, "bytes after the engine state");
        }
        if (engine.lastSequence() != sequence) {
            throw corrupt(file, "holds the state after sequence " + engine.lastSequence());
        }
        return engine;
    }

    private static StreamCorruptedException corrupt(Path file, String problem) {
        return new StreamCorruptedException("snapshot " + file + ": " + problem);
    }

    private static String name(long sequence) {
        return String.format("%020d.snap", sequence);
    }
}
