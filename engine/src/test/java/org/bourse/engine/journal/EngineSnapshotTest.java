package org.bourse.engine.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.StreamCorruptedException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;

import org.bourse.engine.Engine;
import org.bourse.engine.EngineSnapshot;
import org.bourse.engine.OrderKind;
import org.bourse.engine.OrderState;
import org.bourse.engine.OrderStatus;
import org.bourse.engine.Result;
import org.bourse.engine.Side;
import org.bourse.engine.TimeInForce;
import org.bourse.engine.command.Command;
import org.bourse.engine.command.ExecuteOrder;
import org.bourse.engine.command.PlaceOrder;
import org.bourse.engine.testsupport.RandomSeed;
import org.bourse.engine.testsupport.Seed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(RandomSeed.class)
class EngineSnapshotTest {

    @Test
    void aRestoredEngineHasTheSameStateAndDoesExactlyWhatTheOriginalDoesNext(Seed seed) throws IOException {
        RandomCommands random = new RandomCommands(seed.value(), 8);
        List<Stamped> script = Stamped.stamp(random.script(6_000));
        int[] cuts = {30, 700, 2_500, 4_000};
        List<Kind> snapshotted = new ArrayList<>();
        int withdrawalHolds = 0;
        for (int cut : cuts) {
            Engine original = Stamped.replay(script.subList(0, cut));
            snapshotted.addAll(liveOrders(original));
            withdrawalHolds += original.withdrawalHolds().size();
            Engine restored = roundTrip(original);
            assertThat(restored.stateHash()).as("state hash after %d commands", cut).isEqualTo(original.stateHash());

            List<Stamped> rest = script.subList(cut, Math.min(script.size(), cut + 2_000));
            assertThat(run(restored, rest)).isEqualTo(run(original, rest));
            assertThat(restored.stateHash()).isEqualTo(original.stateHash());
            assertThat(restored.report().healthy()).isTrue();
        }
        assertCarriesEveryKindOfLiveOrder(snapshotted, seed);
        assertThat(withdrawalHolds).as("withdrawal holds snapshotted with seed %d", seed).isPositive();
    }

    @Test
    void aSnapshotFileWrittenBeforeWithdrawalHoldsExistedStillRestores(@TempDir Path directory) throws IOException {
        Engine original = Stamped.replay(Stamped.stamp(new RandomCommands(11, 3).setup()));
        byte[] current = write(original);
        // format 1 is format 2 without the withdrawal section: two empty counts just before the closing state hash
        int section = current.length - 8 - 8;
        assertThat(Arrays.copyOfRange(current, section, section + 8)).containsOnly(0);
        byte[] formatOne = new byte[current.length - 8];
        System.arraycopy(current, 0, formatOne, 0, section);
        System.arraycopy(current, section + 8, formatOne, section, 8);
        CRC32C crc = new CRC32C();
        crc.update(formatOne);
        ByteBuffer file = ByteBuffer.allocate(SnapshotStore.HEADER_BYTES + formatOne.length).putInt(SnapshotStore.MAGIC)
                .putInt(1).putLong(original.lastSequence()).putLong(formatOne.length).putInt((int) crc.getValue())
                .put(formatOne);
        Files.write(directory.resolve(String.format("%020d.snap", original.lastSequence())), file.array());

        Engine restored = new SnapshotStore(directory, false).read(original.lastSequence());

        assertThat(restored.stateHash()).isEqualTo(original.stateHash());
        assertThat(restored.withdrawalHolds()).isEmpty();
        assertThat(restored.report().healthy()).isTrue();
    }

    @Test
    void aSnapshotFromANewerBuildIsRefusedRatherThanMisread(@TempDir Path directory) throws IOException {
        SnapshotStore store = new SnapshotStore(directory, false);
        long sequence = store.write(Stamped.replay(Stamped.stamp(new RandomCommands(12, 2).setup())));
        Path file = directory.resolve(String.format("%020d.snap", sequence));
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer.wrap(bytes).putInt(4, SnapshotStore.VERSION + 1);
        Files.write(file, bytes);

        assertThatThrownBy(() -> store.read(sequence)).isInstanceOf(UnsupportedFormatException.class)
                .hasMessageContaining("format version " + (SnapshotStore.VERSION + 1));
    }

    /** What a live order was when snapshotted (the engine's own objects change as it goes on). */
    private record Kind(OrderKind kind, OrderStatus status) {
    }

    private static List<Kind> liveOrders(Engine engine) {
        List<Kind> live = new ArrayList<>();
        for (long id = 1; live.size() < engine.liveOrderCount(); id++) {
            OrderState order = engine.order(id);
            if (order != null) {
                live.add(new Kind(order.kind(), order.status()));
            }
        }
        return live;
    }

    /**
     * The snapshots taken must, between them, have held something of each kind for a snapshot to forget;
     * one cut alone may by chance hold no pending order or no waiting stop.
     */
    private static void assertCarriesEveryKindOfLiveOrder(List<Kind> live, Seed seed) {
        assertThat(live).as("live orders snapshotted with %s", seed).anyMatch(o -> o.status() == OrderStatus.PENDING);
        assertThat(live).anyMatch(o -> o.kind().isStop() && o.status() == OrderStatus.OPEN);
        assertThat(live).anyMatch(o -> o.status() == OrderStatus.PARTIALLY_FILLED);
        assertThat(live).filteredOn(o -> o.kind() == OrderKind.LIMIT && o.status() == OrderStatus.OPEN).hasSizeGreaterThan(20);
    }

    @Test
    void timePriorityIsKeptWhereItDiffersFromIdOrder() throws IOException {
        List<Command> commands = new RandomCommands(1, 3).setup();
        // order 1 is created pending, order 2 rests first; executing 1 queues it behind 2 at the same price
        commands.add(buy(1, false));
        commands.add(buy(2, true));
        commands.add(new ExecuteOrder(1, 1, null));
        List<Stamped> script = Stamped.stamp(commands);
        Engine original = Stamped.replay(script);
        Engine restored = roundTrip(original);

        Stamped sell = new Stamped(script.size() + 1, Stamped.START + 99_000, new PlaceOrder(3, null,
                RandomCommands.BTC_USD, Side.SELL, OrderKind.LIMIT, TimeInForce.IOC, false, 3_000_000, 0, 1_000, 0,
                true, null));
        List<String> events = run(restored, List.of(sell));
        assertThat(events).isEqualTo(run(original, List.of(sell)));
        assertThat(events).anyMatch(e -> e.startsWith("trade 1 BTC-USD 3000000 1000 maker [2 "));
    }

    @Test
    void aSnapshotThatWouldRestoreADifferentStateIsRefused() throws IOException {
        Engine original = Stamped.replay(Stamped.stamp(new RandomCommands(7, 3).script(300)));
        byte[] bytes = write(original);
        bytes[bytes.length - 12] ^= 1; // inside the last timestamp, just before the closing state hash

        assertThatThrownBy(() -> EngineSnapshot.read(new DataInputStream(new ByteArrayInputStream(bytes))))
                .isInstanceOf(StreamCorruptedException.class).hasMessageContaining("state hash");
    }

    private static PlaceOrder buy(long user, boolean execute) {
        return new PlaceOrder(user, null, RandomCommands.BTC_USD, Side.BUY, OrderKind.LIMIT, TimeInForce.GTC, false,
                3_000_000, 0, 1_000, 0, execute, null);
    }

    static Engine roundTrip(Engine engine) throws IOException {
        return EngineSnapshot.read(new DataInputStream(new ByteArrayInputStream(write(engine))));
    }

    private static byte[] write(Engine engine) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        EngineSnapshot.write(engine, new DataOutputStream(bytes));
        return bytes.toByteArray();
    }

    /** Applies the commands, returning every event and result. */
    private static List<String> run(Engine engine, List<Stamped> commands) {
        EventLog log = new EventLog();
        engine.listener(log);
        List<String> results = new ArrayList<>();
        for (Stamped c : commands) {
            Result result = engine.apply(c.sequence(), c.timestamp(), c.command());
            results.add(result.toString());
        }
        engine.listener(null);
        List<String> all = new ArrayList<>(log.events());
        all.addAll(results);
        return all;
    }
}
