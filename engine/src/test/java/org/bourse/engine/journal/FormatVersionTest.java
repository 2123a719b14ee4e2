package org.bourse.engine.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.StreamCorruptedException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import org.bourse.engine.EngineListener;
import org.bourse.engine.runtime.EngineRuntime;
import org.bourse.engine.runtime.RuntimeConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A journal segment or snapshot in a format this build does not read (written by a newer Bourse, most
 * likely) stops the start with a message naming the version found and the versions read. It is never taken
 * for damage: a snapshot passed over for an older one, a segment cut as a torn tail.
 */
class FormatVersionTest {

    private static final int VERSION_OFFSET = 4; // after the magic, in both headers

    @TempDir
    Path root;

    private final List<Stamped> records = Stamped.stamp(new RandomCommands(11, 4).script(200));
    private Path segment;
    private Path snapshot;

    @BeforeEach
    void journalAndSnapshot() throws IOException {
        JournalFiles.write(Recovery.journalDirectory(root), records, Journal.DEFAULT_SEGMENT_BYTES, 50);
        Recovery.Recovered recovered = Recovery.recover(root, Stamped.CONFIG, Long.MAX_VALUE, EngineListener.NONE);
        new SnapshotStore(Recovery.snapshotDirectory(root), false).write(recovered.engine());
        segment = JournalFiles.newest(Recovery.journalDirectory(root));
        snapshot = Recovery.snapshotDirectory(root).resolve(String.format("%020d.snap", records.size()));
    }

    @ParameterizedTest(name = "version {0}")
    @ValueSource(ints = {3, 0, Integer.MAX_VALUE})
    void aJournalSegmentOfAnotherVersionStopsTheStartAndIsLeftAsItIs(int version) throws IOException {
        Files.delete(snapshot);
        writeVersion(segment, version);
        byte[] before = Files.readAllBytes(segment);

        assertNamesTheVersions(() -> JournalWriter.open(Recovery.journalDirectory(root), Journal.DEFAULT_SEGMENT_BYTES, false),
                "journal segment " + segment, version);
        assertNamesTheVersions(() -> Recovery.recover(root, Stamped.CONFIG, Long.MAX_VALUE, EngineListener.NONE),
                "journal segment " + segment, version);
        assertNamesTheVersions(() -> EngineRuntime.start(config(), null, Long.MAX_VALUE), "journal segment " + segment,
                version);
        assertThat(Files.readAllBytes(segment)).as("the segment, not cut as a torn tail").isEqualTo(before);
    }

    @Test
    void aSnapshotOfANewerVersionStopsTheStartInsteadOfBeingPassedOverForTheJournal() throws IOException {
        writeVersion(snapshot, 3);

        assertNamesTheVersions(() -> Recovery.recover(root, Stamped.CONFIG, Long.MAX_VALUE, EngineListener.NONE),
                "snapshot " + snapshot, 3);
        assertNamesTheVersions(() -> EngineRuntime.start(config(), null, Long.MAX_VALUE), "snapshot " + snapshot, 3);
        assertThat(snapshot).as("left for the build that reads it").exists();
    }

    @Test
    void aDamagedSnapshotIsStillPassedOverForTheJournal() throws IOException {
        JournalFiles.flipByte(snapshot, Files.size(snapshot) - 1);

        Recovery.Recovered recovered = Recovery.recover(root, Stamped.CONFIG, Long.MAX_VALUE, EngineListener.NONE);

        assertThat(recovered.snapshotSequence()).isZero();
        assertThat(recovered.replayed()).isEqualTo(records.size());
    }

    @Test
    void aCommandTypeNewerThanItsSegmentsVersionIsDamageNotACommand() {
        byte[] typeTwelve = {12, 0, 0, 0, 0};

        assertThatThrownBy(() -> CommandCodec.read(new DataInputStream(new ByteArrayInputStream(typeTwelve)), 1))
                .isInstanceOf(StreamCorruptedException.class)
                .hasMessageContaining("unknown command type 12 in journal version 1");
    }

    private RuntimeConfig config() {
        return RuntimeConfig.defaults(root).withEngine(Stamped.CONFIG).withFsync(false).withSnapshotEveryCommands(0);
    }

    private interface Start {
        Object run() throws IOException;
    }

    private static void assertNamesTheVersions(Start start, String file, int version) {
        assertThatThrownBy(start::run).isInstanceOf(UnsupportedFormatException.class)
                .hasMessageContaining(file + " has format version " + version)
                .hasMessageContaining("this build of Bourse reads versions 1, 2")
                .hasMessageContaining("newer Bourse")
                .satisfies(e -> assertThat(((UnsupportedFormatException) e).found()).isEqualTo(version));
    }

    private static void writeVersion(Path file, int version) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.allocate(4).putInt(0, version), VERSION_OFFSET);
        }
    }
}
