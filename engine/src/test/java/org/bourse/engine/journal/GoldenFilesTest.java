package org.bourse.engine.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.bourse.engine.Engine;
import org.bourse.engine.EngineListener;
import org.bourse.engine.MarketStatus;
import org.bourse.engine.OrderKind;
import org.bourse.engine.OrderState;
import org.bourse.engine.OrderStatus;
import org.bourse.engine.Result;
import org.bourse.engine.Side;
import org.bourse.engine.TimeInForce;
import org.bourse.engine.command.Command;
import org.bourse.engine.command.OpenAccount;
import org.bourse.engine.command.PlaceOrder;
import org.bourse.engine.command.Transfer;
import org.bourse.engine.runtime.EngineRuntime;
import org.bourse.engine.runtime.RuntimeConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The journals and snapshots an exchange already has on disk must read, with every later build, as what they
 * were written as. Each golden set under {@code src/test/resources/golden/} is a data directory written by
 * the code of its day ({@link GoldenScript}) with what that code told while writing it; these tests read every
 * set with today's code. A set is never edited: a change to a format adds a version, a reader that still reads
 * the old ones, and a new set (see {@code docs/formats.md}).
 */
class GoldenFilesTest {

    /** Every golden set, oldest first; the last is in the formats this build writes. */
    static List<GoldenScript> sets() {
        return List.of(GoldenJournalV1.script(), GoldenJournalV2.script());
    }

    @TempDir
    Path work;

    @ParameterizedTest(name = "{0}")
    @MethodSource("sets")
    void theJournalReadsBackAsTheCommandsItWasWrittenFrom(GoldenScript set) throws IOException {
        List<Stamped> records = JournalFiles.read(Recovery.journalDirectory(copy(set)), 0);

        assertThat(records).hasSameSizeAs(set.commands());
        for (int i = 0; i < records.size(); i++) {
            long sequence = i + 1;
            Stamped record = records.get(i);
            assertThat(record.sequence()).isEqualTo(sequence);
            assertThat(record.timestamp()).as("timestamp of record %d", sequence).isEqualTo(set.timestamp().applyAsLong(sequence));
            assertThat(record.command()).as("record %d", sequence).isEqualTo(set.commands().get(i));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sets")
    void replayingTheJournalTellsTheRecordedEventsAndEndsInTheRecordedState(GoldenScript set) throws IOException {
        Engine engine = new Engine(set.config());
        GoldenEvents events = new GoldenEvents();
        engine.listener(events);

        for (Stamped record : JournalFiles.read(Recovery.journalDirectory(copy(set)), 0)) {
            engine.apply(record.sequence(), record.timestamp(), record.command());
        }

        List<String> told = new ArrayList<>(events.lines());
        told.addAll(GoldenEvents.ending(engine));
        assertSameLines(told, lines(set, GoldenScript.EVENTS));
        assertThat(hex(engine.stateHash())).isEqualTo(property(set, "state-hash.at-end"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sets")
    void theSnapshotRestoresTheRecordedStateAndTheJournalAfterItPlaysOnFromThere(GoldenScript set) throws IOException {
        Path directory = copy(set);
        Engine restored = new SnapshotStore(Recovery.snapshotDirectory(directory), false).read(set.snapshotAfter());

        assertThat(hex(restored.stateHash())).isEqualTo(property(set, "state-hash.at-snapshot"));
        assertSameLines(GoldenEvents.ending(restored), lines(set, GoldenScript.SNAPSHOT_STATE));

        GoldenEvents events = new GoldenEvents();
        restored.listener(events);
        for (Stamped record : JournalFiles.read(Recovery.journalDirectory(directory), set.snapshotAfter())) {
            restored.apply(record.sequence(), record.timestamp(), record.command());
        }
        List<String> told = new ArrayList<>(events.lines());
        told.addAll(GoldenEvents.ending(restored));
        List<String> recorded = lines(set, GoldenScript.EVENTS);
        assertSameLines(told, recorded.subList(recorded.indexOf("#" + (set.snapshotAfter() + 1)), recorded.size()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sets")
    void recoveryStartsFromTheSnapshotAndReplaysOnlyWhatFollowsIt(GoldenScript set) throws IOException {
        Recovery.Recovered recovered = Recovery.recover(copy(set), set.config(), Long.MAX_VALUE, EngineListener.NONE);

        assertThat(recovered.snapshotSequence()).isEqualTo(set.snapshotAfter());
        assertThat(recovered.replayed()).isEqualTo(set.commands().size() - set.snapshotAfter());
        assertThat(hex(recovered.engine().stateHash())).isEqualTo(property(set, "state-hash.at-end"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sets")
    void aRuntimeStartsOnTheDirectoryAndGoesOnJournaling(GoldenScript set) throws Exception {
        Path directory = copy(set);
        RuntimeConfig config = RuntimeConfig.defaults(directory).withEngine(set.config()).withFsync(false)
                .withSnapshotEveryCommands(0);
        long next = set.commands().size() + 1;
        try (EngineRuntime runtime = EngineRuntime.start(config, null, Long.MAX_VALUE)) {
            assertThat(runtime.lastAppliedSequence()).isEqualTo(set.commands().size());
            assertThat(runtime.submit(new OpenAccount(77, null)).get().accepted()).isTrue();
            assertThat(runtime.lastAppliedSequence()).isEqualTo(next);
        }
        Path newest = Journal.segments(Recovery.journalDirectory(directory)).getLast().path();
        assertThat(ByteBuffer.wrap(Files.readAllBytes(newest)).getInt(4))
                .as("today's record went to a segment of today's version, not into an older one").isEqualTo(Journal.VERSION);
        Files.delete(Recovery.snapshotDirectory(directory).resolve(String.format("%020d.snap", next)));

        Recovery.Recovered again = Recovery.recover(directory, set.config(), Long.MAX_VALUE, EngineListener.NONE);
        assertThat(again.snapshotSequence()).as("the golden snapshot, the runtime's own removed").isEqualTo(set.snapshotAfter());
        assertThat(again.engine().lastSequence()).isEqualTo(next);
        assertThat(again.engine().account(77)).isNotNull();
    }

    /**
     * The set in the current formats is what today's code writes, byte for byte: a change to the encoding
     * fails here even when it still reads the old bytes, and is a new version.
     */
    @Test
    void todaysCodeWritesTheCurrentSetByteForByte() throws IOException {
        GoldenScript current = sets().getLast();
        assertThat(current.journalVersion()).as("the newest golden set is in the journal format this build writes")
                .isEqualTo(Journal.VERSION);
        assertThat(current.snapshotVersion()).as("the newest golden set is in the snapshot format this build writes")
                .isEqualTo(SnapshotStore.VERSION);
        Path written = work.resolve("written");

        current.write(written);

        Path golden = goldenDirectory(current);
        for (Path file : files(golden)) {
            Path relative = golden.relativize(file);
            assertThat(written.resolve(relative)).as("%s written today", relative).exists();
            if (file.toString().endsWith(".txt") || file.toString().endsWith(".properties")) {
                assertSameLines(Files.readAllLines(written.resolve(relative)), Files.readAllLines(file));
            } else {
                assertThat(HexFormat.of().formatHex(Files.readAllBytes(written.resolve(relative))))
                        .as("%s written today, in hex", relative).isEqualTo(HexFormat.of().formatHex(Files.readAllBytes(file)));
            }
        }
        assertThat(files(written)).hasSameSizeAs(files(golden));
    }

    /** A new command type must reach the golden files: it is new journal content, so a new set. */
    @Test
    void theNewestSetHoldsEveryCommandType() {
        Set<Class<?>> types = sets().getLast().commands().stream().map(Object::getClass).collect(Collectors.toSet());

        assertThat(types).containsExactlyInAnyOrder(Command.class.getPermittedSubclasses());
    }

    @Test
    void everyGoldenDirectoryHasItsScriptAndEveryScriptItsDirectory() throws IOException {
        Path root = goldenDirectory(sets().getFirst()).getParent();
        try (Stream<Path> directories = Files.list(root)) {
            assertThat(directories.map(d -> d.getFileName().toString()))
                    .containsExactlyInAnyOrderElementsOf(sets().stream().map(GoldenScript::name).toList());
        }
        for (GoldenScript set : sets()) {
            assertThat(property(set, "journal.version")).isEqualTo(Integer.toString(set.journalVersion()));
            assertThat(property(set, "snapshot.version")).isEqualTo(Integer.toString(set.snapshotVersion()));
            assertThat(Arrays.stream(Journal.READABLE_VERSIONS).boxed()).as("journal versions read")
                    .contains(set.journalVersion());
            assertThat(Arrays.stream(SnapshotStore.READABLE_VERSIONS).boxed()).as("snapshot versions read")
                    .contains(set.snapshotVersion());
        }
    }

    /**
     * The version 1 snapshot holds what a snapshot must carry, and the restored engine answers from it as the
     * original did: remembered ids, the halted market, waiting stops, the pending order, the partial fill.
     */
    @Test
    void theVersion1SnapshotCarriesEveryFeatureOfTheState() throws IOException {
        GoldenScript v1 = GoldenJournalV1.script();
        Engine restored = new SnapshotStore(Recovery.snapshotDirectory(copy(v1)), false).read(v1.snapshotAfter());

        assertThat(restored.market("ETH-BTC").status()).isEqualTo(MarketStatus.HALTED);
        assertThat(restored.market("ETH-USD").status()).isEqualTo(MarketStatus.TRADING);
        assertThat(restored.order(2).status()).isEqualTo(OrderStatus.PARTIALLY_FILLED);
        assertThat(restored.order(10).postOnly()).isTrue();
        assertThat(restored.order(11).kind()).isEqualTo(OrderKind.STOP_MARKET);
        assertThat(restored.order(12).kind()).isEqualTo(OrderKind.STOP_LIMIT);
        assertThat(restored.order(12).timeInForce()).isEqualTo(TimeInForce.GTC);
        assertThat(restored.order(19).status()).isEqualTo(OrderStatus.PENDING);
        assertThat(restored.liveOrderCount()).isEqualTo(8);

        long sequence = v1.snapshotAfter();
        long now = v1.timestamp().applyAsLong(sequence);
        Result resent = restored.apply(++sequence, now, new PlaceOrder(GoldenJournalV1.ALICE, "alice-pending-1",
                "BTC-USD", Side.BUY, OrderKind.LIMIT, TimeInForce.GTC, false, 1_000, 0, 1_000, 0, true, null));
        assertThat(resent).as("a remembered client order id").isEqualTo(Result.existingOrder(17));
        Result retried = restored.apply(++sequence, now, new Transfer("tr-2", GoldenJournalV1.ALICE, GoldenJournalV1.BOB,
                "USD", 1, null, null));
        assertThat(retried).as("a remembered transaction, its fingerprint as stored").isEqualTo(Result.REPLAYED);
    }

    // ---- the golden files ----

    private static Path goldenDirectory(GoldenScript set) {
        try {
            return Path.of(GoldenFilesTest.class.getResource("/golden/" + set.name()).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("no golden set " + set.name() + " on the test class path", e);
        }
    }

    /** A copy to work on: recovery and the runtime write into their directory. */
    private Path copy(GoldenScript set) throws IOException {
        Path golden = goldenDirectory(set);
        Path copy = work.resolve(set.name());
        for (Path file : files(golden)) {
            Path target = copy.resolve(golden.relativize(file));
            Files.createDirectories(target.getParent());
            Files.copy(file, target);
        }
        return copy;
    }

    private static List<Path> files(Path directory) throws IOException {
        try (Stream<Path> all = Files.walk(directory)) {
            return all.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private static List<String> lines(GoldenScript set, String file) {
        try {
            return Files.readAllLines(goldenDirectory(set).resolve(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String property(GoldenScript set, String key) {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(goldenDirectory(set).resolve(GoldenScript.PROPERTIES))) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.getProperty(key);
    }

    private static String hex(long hash) {
        return Long.toHexString(hash);
    }

    /** Line by line, so that a difference names its line instead of printing two 500-line lists. */
    private static void assertSameLines(List<String> actual, List<String> expected) {
        for (int i = 0; i < Math.min(actual.size(), expected.size()); i++) {
            if (!actual.get(i).equals(expected.get(i))) {
                int from = Math.max(0, i - 3);
                assertThat(actual.subList(from, Math.min(actual.size(), i + 3)))
                        .as("lines %d on differ from the recorded ones", from + 1)
                        .isEqualTo(expected.subList(from, Math.min(expected.size(), i + 3)));
            }
        }
        assertThat(actual).hasSameSizeAs(expected);
    }
}
