package org.bourse.engine.journal;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
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
import java.util.zip.CheckedOutputStream;

import org.bourse.engine.Engine;
import org.bourse.engine.EngineSnapshot;

/**
 * Snapshot files in a directory, one per sequence: {@code 00000000000000001234.snap} holds the engine's state
 * after the command with sequence 1234. A file is a 28-byte header (magic {@code BRSN}, format version,
 * sequence, body length, CRC32C of the body) and the body of {@link EngineSnapshot}. Files are written under
 * a temporary name, forced to disk and renamed into place, so a crash leaves either the whole snapshot or
 * none (a leftover {@code .tmp}, deleted by {@link #deleteUnfinished()}).
 *
 * <p>Writing is split so that the engine thread only serializes: {@link #begin} writes the body, and
 * {@link #complete} (forcing to disk and renaming, the slow part) may run on another thread.
 */
public final class SnapshotStore {

    static final int MAGIC = 0x4252534E;
    static final int VERSION = 1;
    static final int HEADER_BYTES = 28;

    private static final Pattern NAME = Pattern.compile("(\\d{20})\\.snap");
    private static final String UNFINISHED = ".tmp";

    private final Path directory;
    private final boolean fsync;

    public SnapshotStore(Path directory, boolean fsync) {
        this.directory = directory;
        this.fsync = fsync;
    }

    /** A snapshot whose body is written but which is not yet durable nor visible. */
    public static final class Pending {
        private final long sequence;
        private final Path file;
        private final FileChannel channel;

        private Pending(long sequence, Path file, FileChannel channel) {
            this.sequence = sequence;
            this.file = file;
            this.channel = channel;
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

    /** Serializes the engine to a temporary file: the only part that needs the engine thread. */
    public Pending begin(Engine engine) throws IOException {
        Files.createDirectories(directory);
        long sequence = engine.lastSequence();
        Path file = directory.resolve(name(sequence) + UNFINISHED);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE);
        try {
            channel.position(HEADER_BYTES);
            CRC32C crc = new CRC32C();
            // not closed: closing the stream would close the channel, which complete() still needs
            DataOutputStream body = new DataOutputStream(new BufferedOutputStream(
                    new CheckedOutputStream(Channels.newOutputStream(channel), crc), 1 << 16));
            EngineSnapshot.write(engine, body);
            body.flush();
            ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).putInt(MAGIC).putInt(VERSION).putLong(sequence)
                    .putLong(channel.position() - HEADER_BYTES).putInt((int) crc.getValue()).flip();
            while (header.hasRemaining()) {
                channel.write(header, header.position());
            }
            return new Pending(sequence, file, channel);
        } catch (IOException | RuntimeException e) {
            channel.close();
            Files.deleteIfExists(file);
            throw e;
        }
    }

    /** Forces the snapshot to disk and gives it its final name. */
    public void complete(Pending pending) throws IOException {
        try (FileChannel channel = pending.channel) {
            if (fsync) {
                channel.force(true);
            }
        } catch (IOException e) {
            Files.deleteIfExists(pending.file);
            throw e;
        }
        Files.move(pending.file, directory.resolve(name(pending.sequence)), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
        if (fsync) {
            Journal.syncDirectory(directory);
        }
    }

    /** Drops a snapshot that will not be completed. */
    public void abandon(Pending pending) throws IOException {
        pending.channel.close();
        Files.deleteIfExists(pending.file);
    }

    /**
     * Reads and checks a snapshot: header, length, checksum, then the engine's own consistency check.
     *
     * @throws StreamCorruptedException when the file is damaged or not a snapshot of that sequence
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
            if (version != VERSION) {
                throw corrupt(file, "format version " + version + ", this build reads " + VERSION);
            }
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
            return parse(file, channel, sequence);
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

    private static Engine parse(Path file, FileChannel channel, long sequence) throws IOException {
        channel.position(HEADER_BYTES);
        DataInputStream in = new DataInputStream(new BufferedInputStream(Channels.newInputStream(channel), 1 << 16));
        Engine engine;
        try {
            engine = EngineSnapshot.read(in);
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
