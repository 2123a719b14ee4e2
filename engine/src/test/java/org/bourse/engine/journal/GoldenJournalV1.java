package org.bourse.engine.journal;

import static org.bourse.engine.MarketStatus.HALTED;
import static org.bourse.engine.MarketStatus.TRADING;
import static org.bourse.engine.OrderKind.LIMIT;
import static org.bourse.engine.OrderKind.MARKET;
import static org.bourse.engine.OrderKind.STOP_LIMIT;
import static org.bourse.engine.OrderKind.STOP_MARKET;
import static org.bourse.engine.Side.BUY;
import static org.bourse.engine.Side.SELL;
import static org.bourse.engine.TimeInForce.FOK;
import static org.bourse.engine.TimeInForce.GTC;
import static org.bourse.engine.TimeInForce.IOC;

import java.util.List;

import org.bourse.engine.EngineConfig;
import org.bourse.engine.OrderKind;
import org.bourse.engine.Side;
import org.bourse.engine.TimeInForce;
import org.bourse.engine.command.CancelOrder;
import org.bourse.engine.command.Command;
import org.bourse.engine.command.DefineAsset;
import org.bourse.engine.command.Deposit;
import org.bourse.engine.command.ExecuteOrder;
import org.bourse.engine.command.ExpirePendingOrders;
import org.bourse.engine.command.ListMarket;
import org.bourse.engine.command.OpenAccount;
import org.bourse.engine.command.PlaceOrder;
import org.bourse.engine.command.SetMarketStatus;
import org.bourse.engine.command.Transfer;
import org.bourse.engine.command.Withdraw;

/**
 * The commands the golden files of journal format 1 and snapshot format 1
 * ({@code src/test/resources/golden/v1/}) were written from, by the code of commit 8fb7316 (before any change
 * of this branch to the engine's main code):
 * every command type, every value of every enum a command carries, nulls, unicode, and a state at the
 * snapshot (after command {@value #SNAPSHOT_AFTER}) with resting and partially filled orders on both sides,
 * a post-only order, waiting stop-market and stop-limit orders, a pending order, remembered transaction and
 * client order ids, and a halted market. The commands after the snapshot use that state: a retried transfer,
 * fills of restored orders, the expiry of the restored pending order, the cancel of a restored stop.
 *
 * <p>Never change the meaning of anything here: the files hold exactly these values, and
 * {@link GoldenFilesTest} checks that they still read as these values. When a command record gains a field,
 * give it here the value the version 1 reader fills in.
 */
final class GoldenJournalV1 {

    /** Remembered ids live an hour: none expires within the script's minute. */
    static final EngineConfig CONFIG = new EngineConfig(50_000, 3_600_000);
    static final int SNAPSHOT_AFTER = 53;
    /** 2026-01-01T00:00:00Z */
    static final long START = 1_767_225_600_000L;

    static final long ALICE = 1;
    static final long BOB = 2;
    static final long CAROL = 3;
    static final long DAVE = 4;
    private static final String BTC_USD = "BTC-USD";
    private static final String ETH_USD = "ETH-USD";
    private static final String ETH_BTC = "ETH-BTC";

    private GoldenJournalV1() {
    }

    static GoldenScript script() {
        return new GoldenScript("v1", 1, 1, CONFIG, commands(), GoldenJournalV1::timestamp, SNAPSHOT_AFTER);
    }

    /**
     * The sequencer's stamp of the command with this sequence: a second apart, and every tenth command in
     * the same millisecond as the one before it, as a batch gets.
     */
    static long timestamp(long sequence) {
        return START + 1_000 * sequence - (sequence % 10 == 0 ? 1_000 : 0);
    }

    /** The commands in sequence order: the one at index {@code i} has sequence {@code i + 1}. */
    static List<Command> commands() {
        return List.of(
                // 1-11: assets (one defined again, alike), markets, accounts
                new DefineAsset("USD", 2, "trace-define-usd"),
                new DefineAsset("BTC", 8, null),
                new DefineAsset("ETH", 8, "trace-é"),
                new DefineAsset("BTC", 8, null),
                new ListMarket(BTC_USD, "BTC", "USD", 1, 1_000, 1_000, 0, 1_000, 2_000, 10_000_000_000L,
                        100_000_000_000_000L, "trace-list"),
                new ListMarket(ETH_USD, "ETH", "USD", 5, 10_000, 10_000, 100, 0, 1_500, 1_000_000_000L,
                        100_000_000_000_000L, null),
                new ListMarket(ETH_BTC, "ETH", "BTC", 1, 10_000, 10_000, 1_000, 2_000, 1_000, 1_000_000_000L,
                        10_000_000_000_000L, null),
                new OpenAccount(ALICE, null),
                new OpenAccount(BOB, null),
                new OpenAccount(CAROL, null),
                new OpenAccount(DAVE, "trace-open-dave"),
                // 12-21: money in, a retried and a reused transaction id, out, and between users
                new Deposit("dep-usd-1", ALICE, "USD", 10_000_000, "trace-dep"),
                new Deposit("dep-btc-2", BOB, "BTC", 500_000_000, null),
                new Deposit("dep-usd-3", CAROL, "USD", 5_000_000, null),
                new Deposit("dep-btc-3", CAROL, "BTC", 100_000_000, null),
                new Deposit("dep-eth-4", DAVE, "ETH", 1_000_000_000, null),
                new Deposit("dep-usd-1", ALICE, "USD", 10_000_000, "trace-retry"),
                new Deposit("dep-usd-1", ALICE, "USD", 10_000_001, null),
                new Withdraw("wd-1", ALICE, "USD", 100_000, "trace-wd"),
                new Transfer("tr-1", CAROL, DAVE, "USD", 250_000, "café ☕ 日本 🚀", "trace-tr"),
                new Transfer("tr-2", ALICE, BOB, "USD", 1, null, null),
                // 22-24: one market halted for good, one halted and resumed
                new SetMarketStatus(ETH_BTC, HALTED, "trace-halt"),
                new SetMarketStatus(ETH_USD, HALTED, null),
                new SetMarketStatus(ETH_USD, TRADING, null),
                // 25-40: orders 1-16 on the books, of every kind and time in force
                place(BOB, "bob-1", BTC_USD, SELL, LIMIT, GTC, false, 3_010_000, 0, 20_000, 0, true),
                place(BOB, null, BTC_USD, SELL, LIMIT, GTC, false, 3_020_000, 0, 30_000, 0, true),
                place(ALICE, "alice-1", BTC_USD, BUY, LIMIT, GTC, false, 2_990_000, 0, 10_000, 0, true),
                place(CAROL, null, BTC_USD, BUY, LIMIT, IOC, false, 3_010_000, 0, 10_000, 0, true),
                place(CAROL, null, BTC_USD, BUY, LIMIT, FOK, false, 3_020_000, 0, 1_000_000, 0, true),
                place(CAROL, null, BTC_USD, BUY, MARKET, null, false, 0, 0, 5_000, 0, true),
                place(ALICE, null, BTC_USD, BUY, MARKET, FOK, false, 0, 0, 2_000, 0, true),
                place(ALICE, null, BTC_USD, BUY, MARKET, IOC, false, 0, 0, 0, 50, true),
                place(ALICE, null, BTC_USD, BUY, LIMIT, GTC, true, 3_010_000, 0, 1_000, 0, true),
                place(ALICE, null, BTC_USD, BUY, LIMIT, GTC, true, 2_980_000, 0, 1_000, 0, true),
                place(ALICE, null, BTC_USD, BUY, STOP_MARKET, null, false, 0, 3_050_000, 2_000, 0, true),
                place(BOB, null, BTC_USD, SELL, STOP_LIMIT, GTC, false, 2_890_000, 2_900_000, 3_000, 0, true),
                place(CAROL, null, BTC_USD, BUY, STOP_LIMIT, IOC, false, 3_030_000, 3_015_000, 1_000, 0, true),
                place(DAVE, null, ETH_USD, SELL, LIMIT, GTC, false, 200_000, 0, 100_000_000, 0, true),
                place(ALICE, null, ETH_USD, BUY, LIMIT, GTC, false, 199_000, 0, 50_000_000, 0, true),
                place(CAROL, null, BTC_USD, BUY, LIMIT, GTC, false, 3_020_000, 0, 10_000, 0, true),
                // 41-44: two-step orders 17-19, one executed
                place(ALICE, "alice-pending-1", BTC_USD, BUY, LIMIT, GTC, false, 2_950_000, 0, 1_000, 0, false),
                place(BOB, null, BTC_USD, SELL, LIMIT, GTC, false, 3_100_000, 0, 1_000, 0, false),
                new ExecuteOrder(ALICE, 17, "trace-exec"),
                place(ALICE, null, BTC_USD, BUY, LIMIT, GTC, false, 2_940_000, 0, 1_000, 0, false),
                // 45-47: a cancel, a cancel of someone else's order, an expiry of pending orders up to command 42
                new CancelOrder(ALICE, 3, "trace-cancel"),
                new CancelOrder(BOB, 10, null),
                new ExpirePendingOrders(timestamp(42), "pending-expiry"),
                // 48-53: a self-trade, a halted market, refusals, a resent client order id
                place(ALICE, null, BTC_USD, SELL, LIMIT, GTC, false, 2_980_000, 0, 1_000, 0, true),
                place(DAVE, null, ETH_BTC, SELL, LIMIT, GTC, false, 5_000_000, 0, 100_000, 0, true),
                place(ALICE, null, BTC_USD, BUY, LIMIT, GTC, false, 2_990_000, 0, 1_500, 0, true),
                place(ALICE, null, "DOGE-USD", BUY, LIMIT, GTC, false, 1_000, 0, 1_000, 0, true),
                new Deposit("dep-xyz", ALICE, "XYZ", 1, null),
                place(ALICE, "alice-1", BTC_USD, BUY, LIMIT, GTC, false, 2_990_000, 0, 10_000, 0, true),
                // 54-59, after the snapshot: what the restored state must answer the same
                new Transfer("tr-1", CAROL, DAVE, "USD", 250_000, "café ☕ 日本 🚀", "trace-tr-retry"),
                place(CAROL, null, BTC_USD, SELL, LIMIT, IOC, false, 2_890_000, 0, 3_000, 0, true),
                new ExpirePendingOrders(timestamp(44), "pending-expiry"),
                new CancelOrder(BOB, 12, null),
                new SetMarketStatus(ETH_BTC, TRADING, "trace-resume"),
                new OpenAccount(5, "trace-last"));
    }

    private static PlaceOrder place(long user, String clientOrderId, String market, Side side, OrderKind kind,
                                    TimeInForce timeInForce, boolean postOnly, long price, long stopPrice,
                                    long quantity, long quoteBudget, boolean execute) {
        return new PlaceOrder(user, clientOrderId, market, side, kind, timeInForce, postOnly, price, stopPrice, quantity,
                quoteBudget, execute, "trace-" + user + "-" + (clientOrderId == null ? "order" : clientOrderId));
    }
}
