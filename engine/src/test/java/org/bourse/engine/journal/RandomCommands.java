package org.bourse.engine.journal;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

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
import org.bourse.engine.command.PlaceOrder;
import org.bourse.engine.command.ReleaseWithdrawal;
import org.bourse.engine.command.SetMarketStatus;
import org.bourse.engine.command.SettleWithdrawal;
import org.bourse.engine.command.Transfer;
import org.bourse.engine.command.Withdraw;

/**
 * A reproducible stream of commands that leaves the engine with everything a snapshot must carry: resting
 * orders at many levels with partial fills, waiting stops, pending orders, halted markets, remembered
 * transaction and client order ids (some reused), withdrawal holds (some paid out or released, some reused),
 * unicode memos and trace ids. Without feedback from the
 * engine it guesses order ids from the count of placements, so many cancels miss, and enough hit.
 */
public final class RandomCommands {

    public static final String BTC_USD = "BTC-USD";
    public static final String ETH_USD = "ETH-USD";
    private static final String[] MARKETS = {BTC_USD, ETH_USD};
    private static final long[] MIDS = {3_000_000, 200_000}; // cents per whole base unit
    private static final long[] STEPS = {100, 500};           // price steps of a few ticks, in cents
    private static final String[] MEMOS = {null, "", "rent", "café ☕", "日本語のメモ", "emoji 🚀🌕", "tab\tand\nnewline"};

    private final Random random;
    private final int users;
    private final List<Long> placedBy = new ArrayList<>();
    private int transactions;
    private final List<HoldWithdrawal> withdrawals = new ArrayList<>();
    private long lastGuess;
    /** Commands handed out so far: roughly where the stream is in time (see {@link Stamped#stamp}). */
    private int generated;

    public RandomCommands(long seed, int users) {
        this.random = new Random(seed);
        this.users = users;
    }

    /** Assets, two markets, and funded accounts for users 1..users. */
    public List<Command> setup() {
        List<Command> setup = new ArrayList<>();
        setup.add(new DefineAsset("USD", 2, null));
        setup.add(new DefineAsset("BTC", 8, null));
        setup.add(new DefineAsset("ETH", 8, "trace-é"));
        setup.add(new ListMarket(BTC_USD, "BTC", "USD", 1, 1_000, 1_000, 0, 1_000, 2_000, 10_000_000_000L,
                100_000_000_000_000L, null));
        setup.add(new ListMarket(ETH_USD, "ETH", "USD", 5, 10_000, 10_000, 100, 0, 1_500, 1_000_000_000L,
                100_000_000_000_000L, null));
        for (long user = 1; user <= users; user++) {
            setup.add(new OpenAccount(user, null));
            setup.add(new Deposit("seed-usd-" + user, user, "USD", 1_000_000_000L, null));
            setup.add(new Deposit("seed-btc-" + user, user, "BTC", 100_000_000_000L, null));
            setup.add(new Deposit("seed-eth-" + user, user, "ETH", 100_000_000_000L, null));
        }
        return setup;
    }

    /** {@link #setup()} followed by {@code count} random commands. */
    public List<Command> script(int count) {
        List<Command> script = setup();
        for (int i = 0; i < count; i++) {
            script.add(next());
        }
        return script;
    }

    public Command next() {
        generated++;
        if (random.nextInt(25) == 0) {
            return withdrawal();
        }
        int roll = random.nextInt(100);
        if (roll < 40) {
            return limit(TimeInForce.GTC, true);
        } else if (roll < 47) {
            return limit(random.nextBoolean() ? TimeInForce.IOC : TimeInForce.FOK, true);
        } else if (roll < 54) {
            return market();
        } else if (roll < 60) {
            return stop();
        } else if (roll < 65) {
            return limit(TimeInForce.GTC, false);
        } else if (roll < 70) {
            return new ExecuteOrder(guessOwner(), lastGuess, trace());
        } else if (roll < 82) {
            return new CancelOrder(guessOwner(), lastGuess, trace());
        } else if (roll < 84) {
            // expires what was created 0.5 to 10 s (of Stamped's 10 ms per command) before: young pending orders live on
            return new ExpirePendingOrders(Stamped.START + 10L * Math.max(0, generated - random.nextInt(50, 1_000)), trace());
        } else if (roll < 88) {
            return new Deposit(transactionId(), user(), random.nextBoolean() ? "USD" : "BTC",
                    random.nextLong(1, 1_000_000), trace());
        } else if (roll < 91) {
            return new Withdraw(transactionId(), user(), "USD", random.nextLong(1, 100_000), trace());
        } else if (roll < 95) {
            return new Transfer(transactionId(), user(), user(), random.nextBoolean() ? "USD" : "ETH",
                    random.nextLong(1, 100_000), MEMOS[random.nextInt(MEMOS.length)], trace());
        } else if (roll < 97) {
            return new SetMarketStatus(MARKETS[random.nextInt(2)],
                    random.nextInt(4) == 0 ? MarketStatus.HALTED : MarketStatus.TRADING, trace());
        } else if (roll < 98) {
            return new OpenAccount(random.nextLong(1, users + 3), trace());
        }
        return quoteBudgetBuy();
    }

    /** A new withdrawal hold (sometimes one sent before again), or the end of a recent one, either way. */
    private Command withdrawal() {
        int roll = random.nextInt(10);
        if (withdrawals.isEmpty() || roll < 5) {
            HoldWithdrawal hold = new HoldWithdrawal(withdrawals.isEmpty() || roll > 0 ? transactionId()
                    : withdrawals.get(random.nextInt(withdrawals.size())).transactionId(), user(),
                    random.nextBoolean() ? "USD" : "ETH", random.nextLong(1, 1_000_000), random.nextLong(0, 1_000), trace());
            withdrawals.add(hold);
            return hold;
        }
        HoldWithdrawal earlier = withdrawals.get(Math.max(0, withdrawals.size() - 1 - random.nextInt(20)));
        if (roll == 5) {
            return earlier;
        }
        return roll < 8 ? new SettleWithdrawal(earlier.transactionId(), earlier.userId(), "0x" + Long.toHexString(
                random.nextLong(4)), trace())
                : new ReleaseWithdrawal(earlier.transactionId(), earlier.userId(), trace());
    }

    /** The user of a recent placement, guessing that placement's order id. */
    private long guessOwner() {
        if (placedBy.isEmpty()) {
            lastGuess = 1;
            return user();
        }
        int index = Math.max(0, placedBy.size() - 1 - random.nextInt(Math.min(placedBy.size(), 200)));
        lastGuess = index + 1;
        return placedBy.get(index);
    }

    private PlaceOrder limit(TimeInForce timeInForce, boolean execute) {
        int m = random.nextInt(2);
        Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
        // buys mostly below the mid and sells above, overlapping enough to trade
        long price = MIDS[m] + ((side == Side.BUY ? -10 : 10) + random.nextLong(-40, 41)) * STEPS[m];
        boolean postOnly = timeInForce == TimeInForce.GTC && random.nextInt(10) == 0;
        return place(m, side, OrderKind.LIMIT, timeInForce, postOnly, price, 0, quantity(m), 0, execute);
    }

    private PlaceOrder market() {
        int m = random.nextInt(2);
        return place(m, random.nextBoolean() ? Side.BUY : Side.SELL, OrderKind.MARKET,
                random.nextInt(5) == 0 ? TimeInForce.FOK : null, false, 0, 0, quantity(m), 0, true);
    }

    private PlaceOrder quoteBudgetBuy() {
        return place(0, Side.BUY, OrderKind.MARKET, TimeInForce.IOC, false, 0, 0, 0, random.nextLong(10_000, 500_000),
                true);
    }

    private PlaceOrder stop() {
        int m = random.nextInt(2);
        Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
        long direction = side == Side.BUY ? 1 : -1;
        long stopPrice = MIDS[m] + direction * random.nextLong(0, 30) * STEPS[m];
        boolean limit = random.nextBoolean();
        long price = limit ? stopPrice + direction * 3 * STEPS[m] : 0;
        return place(m, side, limit ? OrderKind.STOP_LIMIT : OrderKind.STOP_MARKET, limit ? TimeInForce.GTC : null,
                false, price, stopPrice, quantity(m), 0, true);
    }

    private PlaceOrder place(int market, Side side, OrderKind kind, TimeInForce timeInForce, boolean postOnly,
                             long price, long stopPrice, long quantity, long quoteBudget, boolean execute) {
        long user = user();
        placedBy.add(user);
        String clientOrderId = random.nextInt(3) == 0 ? "c-" + user + "-" + random.nextInt(placedBy.size() + 20) : null;
        return new PlaceOrder(user, clientOrderId, MARKETS[market], side, kind, timeInForce, postOnly, price, stopPrice,
                quantity, quoteBudget, execute, trace());
    }

    private long quantity(int market) {
        return market == 0 ? 1_000 * random.nextLong(1, 60) : 100_000 * random.nextLong(1, 60);
    }

    private long user() {
        return random.nextLong(1, users + 1);
    }

    /** Sometimes an id used before, to exercise the idempotency memory. */
    private String transactionId() {
        if (transactions > 0 && random.nextInt(5) == 0) {
            return "tx-" + random.nextInt(transactions);
        }
        return "tx-" + transactions++;
    }

    private String trace() {
        return random.nextInt(4) == 0 ? null : "trace-" + Long.toHexString(random.nextLong());
    }
}
