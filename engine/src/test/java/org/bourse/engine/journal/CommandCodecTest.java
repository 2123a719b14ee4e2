package org.bourse.engine.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.StreamCorruptedException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.bourse.engine.FormatsDocument;
import org.bourse.engine.MarketStatus;
import org.bourse.engine.OrderKind;
import org.bourse.engine.Side;
import org.bourse.engine.TimeInForce;
import org.bourse.engine.command.CancelOrder;
import org.bourse.engine.command.Command;
import org.bourse.engine.command.DefineAsset;
import org.bourse.engine.command.Deposit;
import org.bourse.engine.command.ExecuteOrder;
import org.bourse.engine.command.ExpirePendingOrders;
import org.bourse.engine.command.HoldWithdrawal;
import org.bourse.engine.command.ListMarket;
import org.bourse.engine.command.OpenAccount;
import org.bourse.engine.command.OpenFundedAccount;
import org.bourse.engine.command.PlaceOrder;
import org.bourse.engine.command.ReleaseWithdrawal;
import org.bourse.engine.command.SetMarketStatus;
import org.bourse.engine.command.SettleWithdrawal;
import org.bourse.engine.command.Transfer;
import org.bourse.engine.command.Withdraw;
import org.bourse.engine.testsupport.RandomSeed;
import org.bourse.engine.testsupport.Seed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RandomSeed.class)
class CommandCodecTest {

    private static final long MIN = Long.MIN_VALUE;
    private static final long MAX = Long.MAX_VALUE;
    private static final String UNICODE = "é☕日本🚀\u0000\uFFFF";

    /** Each command type with ordinary values, with every reference field null, and with extremes. */
    private static List<Command> samples() {
        List<Command> samples = new ArrayList<>(List.of(
                new DefineAsset("BTC", 8, "trace"),
                new DefineAsset(null, Integer.MIN_VALUE, null),
                new DefineAsset(UNICODE, Integer.MAX_VALUE, UNICODE),
                new ListMarket("BTC-USD", "BTC", "USD", 1, 1_000, 1_000, 0, 1_000, 2_000, 10_000_000_000L, MAX, "t"),
                new ListMarket(null, null, null, MIN, MAX, MIN, MAX, MIN, MAX, MIN, MAX, null),
                new OpenAccount(42, "open"),
                new OpenAccount(MIN, null),
                new OpenFundedAccount(42, "USD", 10_000_000, "open"),
                new OpenFundedAccount(MIN, null, MAX, null),
                new Deposit("tx-1", 7, "USD", 12_345, "trace"),
                new Deposit(null, MAX, null, MIN, null),
                new Withdraw("tx-2", 7, "USD", 1, UNICODE),
                new Withdraw(null, MIN, null, MAX, null),
                new Transfer("tx-3", 1, 2, "ETH", 99, "café ☕", "trace"),
                new Transfer(null, MAX, MIN, null, 0, null, null),
                new Transfer("", 0, 0, "", -1, "", ""),
                new ExecuteOrder(3, 4, "x"),
                new ExecuteOrder(MIN, MAX, null),
                new CancelOrder(5, 6, "y"),
                new CancelOrder(MAX, MIN, null),
                new ExpirePendingOrders(1_700_000_000_000L, "z"),
                new ExpirePendingOrders(MIN, null),
                new PlaceOrder(1, null, null, null, null, null, false, 0, 0, 0, 0, false, null),
                new PlaceOrder(MAX, UNICODE, "BTC-USD", Side.SELL, OrderKind.STOP_LIMIT, TimeInForce.FOK, true, MIN, MAX,
                        MIN, MAX, true, UNICODE),
                new SetMarketStatus(null, null, null),
                new HoldWithdrawal("w-1", 7, "ETH", 150_000_000, 100_000, "trace"),
                new HoldWithdrawal(null, MIN, null, MAX, MIN, null),
                new SettleWithdrawal("w-1", 7, "0x5c504ed432cb51138bcf09aa5e8a410dd4a1e204ef84bfed1be16dfba1b22060", UNICODE),
                new SettleWithdrawal(null, MAX, null, null),
                new ReleaseWithdrawal("w-2", 8, "t"),
                new ReleaseWithdrawal(null, MIN, null)));
        for (MarketStatus status : MarketStatus.values()) {
            samples.add(new SetMarketStatus("ETH-USD", status, "s"));
        }
        for (Side side : Side.values()) {
            for (OrderKind kind : OrderKind.values()) {
                for (TimeInForce tif : TimeInForce.values()) {
                    samples.add(new PlaceOrder(9, "c-1", "BTC-USD", side, kind, tif, false, 100, 90, 1_000, 0, true, "p"));
                }
            }
        }
        return samples;
    }

    @Test
    void everyCommandTypeRoundTripsWithNullsUnicodeAndExtremeValues() throws IOException {
        List<Command> samples = samples();
        for (Command command : samples) {
            assertThat(decode(encode(command))).isEqualTo(command);
        }
        Set<Class<?>> covered = samples.stream().map(Object::getClass).collect(Collectors.toSet());
        assertThat(covered).containsExactlyInAnyOrder(Command.class.getPermittedSubclasses());
    }

    @Test
    void aLongRandomStreamRoundTripsInOneBuffer(Seed seed) throws IOException {
        List<Command> script = new RandomCommands(seed.value(), 6).script(5_000);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        for (Command command : script) {
            CommandCodec.write(command, out);
        }
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));
        for (Command command : script) {
            assertThat(CommandCodec.read(in)).isEqualTo(command);
        }
        assertThat(in.read()).isEqualTo(-1);
    }

    @Test
    void aTypicalOrderTakesAboutAHundredBytes() throws IOException {
        PlaceOrder order = new PlaceOrder(123_456, "client-1", "BTC-USD", Side.BUY, OrderKind.LIMIT, TimeInForce.GTC,
                false, 3_000_000, 0, 50_000, 0, true, "3f2a9c1e-request");
        assertThat(encode(order).length).isLessThan(110);
        assertThat(encode(new CancelOrder(1, 2, null)).length).isEqualTo(1 + 8 + 8 + 4);
    }

    /** The type bytes are the journal format (docs/formats.md): a command keeps its byte, a new one takes the next. */
    @Test
    void everyCommandTypeKeepsItsTypeByte() throws IOException {
        Map<Class<?>, Integer> typeBytes = Map.ofEntries(Map.entry(DefineAsset.class, 1), Map.entry(ListMarket.class, 2),
                Map.entry(SetMarketStatus.class, 3), Map.entry(OpenAccount.class, 4), Map.entry(Deposit.class, 5),
                Map.entry(Withdraw.class, 6), Map.entry(Transfer.class, 7), Map.entry(PlaceOrder.class, 8),
                Map.entry(ExecuteOrder.class, 9), Map.entry(CancelOrder.class, 10),
                Map.entry(ExpirePendingOrders.class, 11), Map.entry(HoldWithdrawal.class, 12),
                Map.entry(SettleWithdrawal.class, 13), Map.entry(ReleaseWithdrawal.class, 14),
                Map.entry(OpenFundedAccount.class, 15));

        assertThat(typeBytes.keySet()).containsExactlyInAnyOrder(Command.class.getPermittedSubclasses());
        for (Command command : samples()) {
            assertThat((int) encode(command)[0]).as("type byte of %s", command).isEqualTo(typeBytes.get(command.getClass()));
        }
        typeBytes.forEach((type, code) -> assertThat(FormatsDocument.row(code + " | `" + type.getSimpleName() + "`"))
                .as("docs/formats.md's row of type byte %d, %s", code, type.getSimpleName()).isNotNull());
    }

    @Test
    void theTypeBytesOfTheFirstCommandsNeverChangeAndLaterOnesComeAfterThem() throws IOException {
        // the type bytes are the journal format: a journal written before the withdrawal commands reads the same
        assertThat(encode(new DefineAsset("X", 1, null))[0]).isEqualTo((byte) 1);
        assertThat(encode(new Withdraw(null, 1, null, 1, null))[0]).isEqualTo((byte) 6);
        assertThat(encode(new ExpirePendingOrders(1, null))[0]).isEqualTo((byte) 11);
        assertThat(encode(new HoldWithdrawal(null, 1, null, 1, 0, null))[0]).isEqualTo((byte) 12);
        assertThat(encode(new SettleWithdrawal(null, 1, null, null))[0]).isEqualTo((byte) 13);
        assertThat(encode(new ReleaseWithdrawal(null, 1, null))[0]).isEqualTo((byte) 14);
        assertThat(encode(new OpenFundedAccount(1, null, 0, null))[0]).isEqualTo((byte) 15);
    }

    @Test
    void anUnknownTypeByteIsRefused() {
        assertThatThrownBy(() -> decode(new byte[] {99, 0, 0, 0, 0}))
                .isInstanceOf(StreamCorruptedException.class).hasMessageContaining("unknown command type 99");
    }

    @Test
    void anUnknownEnumCodeIsRefused() throws IOException {
        byte[] bytes = encode(new SetMarketStatus("X", MarketStatus.HALTED, null));
        bytes[1 + 4 + 1] = 42; // the status code after the type byte and the one-character symbol
        assertThatThrownBy(() -> decode(bytes)).isInstanceOf(StreamCorruptedException.class)
                .hasMessageContaining("MarketStatus code 42");
    }

    @Test
    void theStoredCodesOfTheEnumsNeverChange() throws IOException {
        // the codes are the journal format: what was written as SELL must read as SELL forever
        byte[] sell = encode(new PlaceOrder(1, null, null, Side.SELL, OrderKind.STOP_MARKET, TimeInForce.FOK, false,
                0, 0, 0, 0, false, null));
        int enums = 1 + 8 + 4 + 4;
        assertThat(Arrays.copyOfRange(sell, enums, enums + 3)).containsExactly(1, 2, 2);
    }

    static byte[] encode(Command command) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CommandCodec.write(command, new DataOutputStream(bytes));
        return bytes.toByteArray();
    }

    private static Command decode(byte[] bytes) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        Command command = CommandCodec.read(in);
        assertThat(in.read()).as("bytes left after the command").isEqualTo(-1);
        return command;
    }
}
