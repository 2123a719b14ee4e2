package org.bourse.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.bourse.engine.account.Accounts;
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
import org.bourse.engine.testsupport.Seed;

/**
 * Random but plausible trading for the property tests. Three markets with different ticks, lots, fee rates
 * (maker below, at zero, and above taker) and minimum notionals; 5 to 20 users; and a stream of what a busy
 * exchange sees: money in and out (withdrawals held, then paid out or released), every order kind and time in force, cancels of anyone's orders, two-step
 * orders, expiry, halts, replayed ids. Prices cluster around a drifting mid per market so that orders cross
 * and stops fire, and a few commands in a hundred carry nonsense (zero, negative, off-lot, off-tick, near
 * {@code Long.MAX_VALUE}, unknown users and markets) that must be refused without harm.
 *
 * <p>The stream depends only on the seed and on the results fed back through {@link #observe}, so the same
 * seed gives the same commands to any implementation that answers the same.
 *
 * <p>Why not jqwik (considered for shrinking, issue 26): this stream is generated with feedback (cancels and
 * executes name orders that exist, prices follow a drifting mid) and its mix is tuned so that every way an
 * order can end is reached, which {@code RandomTradingInvariantsTest} checks. jqwik shrinks the values it
 * generated; shrinking this stream would need either generation without feedback (most cancels and executes
 * would then miss, weakening the reference comparison) or a stateful action chain with its own distribution,
 * replayed through both the engine and {@link ReferenceExchange} per shrink step. A failing sequence already
 * replays alone from its seed and names the first command where the engine and the reference differ.
 */
final class RandomTrading {

    /**
     * How much random trading a test runs, and from which seed: the test's {@link Seed} ({@code -Dbourse.seed},
     * else a random one), {@code -Dbourse.sequences} and {@code -Dbourse.commands} (else the test's defaults).
     * Sequence {@code i} uses seed {@code seed + i}, so one failing sequence reruns alone with its own seed and
     * one sequence.
     */
    record Plan(Seed seed, int sequences, int commands) {

        static Plan of(Seed seed, int sequences, int commands) {
            return new Plan(seed, Integer.getInteger("bourse.sequences", sequences),
                    Integer.getInteger("bourse.commands", commands));
        }

        long seedOf(int sequence) {
            return seed.value() + sequence;
        }

        /** Where a failure happened, and how to run just that sequence again. */
        String where(int sequence, int command, Object what) {
            return "seed=" + seed.value() + " sequence " + sequence + " command " + command + " (rerun alone with -D"
                    + Seed.PROPERTY + "=" + seedOf(sequence) + " -Dbourse.sequences=1 -Dtest='" + seed.test() + "'): "
                    + what;
        }
    }

    /** A command with the sequence number and timestamp the sequencer would stamp on it. */
    record Step(long sequence, long timestamp, Command command) {
    }

    /** A market, where its price starts, and how far apart the prices orders use are (quote minor units). */
    private record Listing(ListMarket rules, String base, String quote, long startMid, long step) {
    }

    private static final List<Listing> LISTINGS = List.of(
            new Listing(new ListMarket("BTC-USD", "BTC", "USD", 1, 1_000, 1_000, 100, 1_000, 2_000,
                    10_000_000_000L, 100_000_000_000_000L, null), "BTC", "USD", 6_000_000, 500),
            new Listing(new ListMarket("ETH-USD", "ETH", "USD", 5, 100_000, 200_000, 0, 0, 2_500,
                    1_000_000_000L, 10_000_000_000_000L, null), "ETH", "USD", 300_000, 100),
            new Listing(new ListMarket("ETH-BTC", "ETH", "BTC", 1, 10_000, 10_000, 1_000, 2_000, 1_000,
                    1_000_000_000L, 10_000_000_000_000L, null), "ETH", "BTC", 5_000_000, 2_000));

    static final List<String> ASSETS = List.of("USD", "BTC", "ETH");
    /** A typical deposit per asset, in minor units: $2 000, 0.05 BTC, 1 ETH. */
    private static final long[] TYPICAL_DEPOSIT = {200_000, 5_000_000, 100_000_000};
    private static final int RECENT = 200;

    private final SplittableRandom random;
    private final int users;
    private final long[] mid;
    private final boolean[] halted;
    private final EngineConfig config;
    private long sequence;
    private long clock = 1_700_000_000_000L;
    private long transactionCounter;
    /** Orders created so far (most recent last), to cancel and execute: {id, owner, 1 if created pending}. */
    private final List<long[]> orders = new ArrayList<>();
    private final List<Command> moneyCommands = new ArrayList<>();
    private final List<HoldWithdrawal> withdrawals = new ArrayList<>();

    RandomTrading(long seed) {
        random = new SplittableRandom(seed);
        users = 5 + random.nextInt(16);
        mid = LISTINGS.stream().mapToLong(Listing::startMid).toArray();
        halted = new boolean[LISTINGS.size()];
        long[] slippages = {0, 500, 2_000, 50_000};
        config = new EngineConfig(slippages[random.nextInt(slippages.length)], 200 + random.nextInt(400));
    }

    /** The engine settings this stream is meant for: a random slippage, and ids remembered for a few hundred ms. */
    EngineConfig config() {
        return config;
    }

    int users() {
        return users;
    }

    /** Every account a command may touch: the users, one stranger, the fee account and the treasury. */
    List<Long> accountIds() {
        List<Long> ids = new ArrayList<>();
        for (long user = 1; user <= users + 1; user++) {
            ids.add(user);
        }
        ids.add(Accounts.FEE_ACCOUNT);
        ids.add(Accounts.TREASURY);
        return ids;
    }

    static List<String> marketSymbols() {
        return LISTINGS.stream().map(l -> l.rules().symbol()).toList();
    }

    /** Assets, markets, accounts and a first deposit of every asset for most users. */
    List<Step> opening() {
        List<Step> steps = new ArrayList<>();
        steps.add(step(new DefineAsset("USD", 2, null)));
        steps.add(step(new DefineAsset("BTC", 8, null)));
        steps.add(step(new DefineAsset("ETH", 8, null)));
        for (Listing listing : LISTINGS) {
            steps.add(step(listing.rules()));
        }
        for (long user = 1; user <= users; user++) {
            steps.add(step(new OpenAccount(user, null)));
            for (int asset = 0; asset < ASSETS.size(); asset++) {
                if (random.nextInt(8) != 0) {
                    steps.add(step(new Deposit("open-" + asset, user, ASSETS.get(asset),
                            TYPICAL_DEPOSIT[asset] * (1 + random.nextInt(10)), null)));
                }
            }
        }
        return steps;
    }

    /** The next command. */
    Step next() {
        if (random.nextInt(5) == 0) {
            drift();
        }
        if (anyHalted() && random.nextInt(10) == 0) {
            return step(haltOrResume()); // halts are short: orders on a market mostly meet a trading one
        }
        int dice = random.nextInt(100);
        Command command;
        if (dice < 6) {
            command = deposit();
        } else if (dice < 9) {
            command = withdraw();
        } else if (dice < 12) {
            command = transfer();
        } else if (dice < 50) {
            command = limit();
        } else if (dice < 61) {
            command = marketOrder();
        } else if (dice < 69) {
            command = stop();
        } else if (dice < 81) {
            command = cancel();
        } else if (dice < 86) {
            command = execute();
        } else if (dice < 87) {
            command = new ExpirePendingOrders(clock - random.nextInt(300), null);
        } else if (dice < 88) {
            command = haltOrResume();
        } else if (dice < 93) {
            command = nonsenseOrder();
        } else if (dice < 96) {
            command = nonsenseMoney();
        } else {
            command = withdrawal();
        }
        return step(command);
    }

    /** Tells the stream what a command came to, so later cancels and executions aim at real orders. */
    void observe(Command command, Result result) {
        if (command instanceof PlaceOrder place && result.orderId() != 0 && !result.replayed()) {
            orders.add(new long[] {result.orderId(), place.userId(), place.execute() ? 0 : 1});
            if (orders.size() > RECENT) {
                orders.removeFirst();
            }
        }
    }

    private Step step(Command command) {
        sequence += random.nextInt(20) == 0 ? 2 : 1; // the journal may hold commands this engine never sees
        clock += random.nextInt(200) == 0 ? 1_000 : random.nextInt(4);
        return new Step(sequence, clock, command);
    }

    private void drift() {
        int m = random.nextInt(LISTINGS.size());
        long step = LISTINGS.get(m).step();
        mid[m] = Math.max(20 * step, mid[m] + (random.nextBoolean() ? step : -step));
    }

    // ---- money ----

    private long user() {
        return 1 + random.nextInt(users);
    }

    private String asset() {
        return ASSETS.get(random.nextInt(ASSETS.size()));
    }

    private long amount(String asset) {
        long typical = TYPICAL_DEPOSIT[ASSETS.indexOf(asset)];
        return 1 + random.nextLong(random.nextInt(4) == 0 ? typical / 100 : typical);
    }

    /** A fresh transaction id, or (one time in four) an id used before, with the same content or new content. */
    private Command money(Command fresh) {
        if (!moneyCommands.isEmpty() && random.nextInt(4) == 0) {
            Command old = moneyCommands.get(random.nextInt(moneyCommands.size()));
            if (random.nextBoolean()) {
                return old;
            }
            String reused = switch (old) {
                case Deposit d -> d.transactionId();
                case Withdraw w -> w.transactionId();
                case Transfer t -> t.transactionId();
                default -> throw new IllegalStateException();
            };
            fresh = switch (fresh) {
                case Deposit d -> new Deposit(reused, d.userId(), d.asset(), d.amount(), d.traceId());
                case Withdraw w -> new Withdraw(reused, w.userId(), w.asset(), w.amount(), w.traceId());
                case Transfer t -> new Transfer(reused, t.fromUserId(), t.toUserId(), t.asset(), t.amount(), t.memo(),
                        t.traceId());
                default -> throw new IllegalStateException();
            };
        }
        moneyCommands.add(fresh);
        if (moneyCommands.size() > 30) {
            moneyCommands.removeFirst();
        }
        return fresh;
    }

    private String transactionId() {
        return "tx-" + ++transactionCounter;
    }

    private Command deposit() {
        String asset = asset();
        long amount = amount(asset);
        if (random.nextInt(200) == 0) {
            amount = 100_000_000_000_000_000L; // a whale: orders near the markets' bounds become affordable
        }
        return money(new Deposit(transactionId(), user(), asset, amount, null));
    }

    private Command withdraw() {
        String asset = asset();
        return money(new Withdraw(transactionId(), user(), asset, amount(asset) / 4 + 1, null));
    }

    private Command transfer() {
        String asset = asset();
        return money(new Transfer(transactionId(), user(), user(), asset, amount(asset) / 4 + 1,
                random.nextBoolean() ? "memo" : null, null));
    }

    private Command nonsenseMoney() {
        String asset = random.nextInt(5) == 0 ? "XRP" : asset();
        long amount = switch (random.nextInt(6)) {
            case 0 -> 0;
            case 1 -> -1 - random.nextInt(1000);
            case 2 -> Long.MAX_VALUE;
            case 3 -> Accounts.MAX_BALANCE;
            case 4 -> Long.MIN_VALUE;
            default -> amount("XRP".equals(asset) ? "USD" : asset);
        };
        long stranger = switch (random.nextInt(4)) {
            case 0 -> 0;
            case 1 -> Accounts.FEE_ACCOUNT;
            case 2 -> users + 1; // never opened, unless a transfer or a deposit opened it
            default -> user();
        };
        return switch (random.nextInt(3)) {
            case 0 -> new Deposit(transactionId(), stranger, asset, amount, null);
            case 1 -> new Withdraw(transactionId(), stranger, asset, amount, null);
            default -> {
                long from = user();
                yield new Transfer(transactionId(), random.nextBoolean() ? from : stranger,
                        random.nextBoolean() ? from : stranger, asset, amount, null, null);
            }
        };
    }

    /**
     * A withdrawal: a new hold (sometimes with a used id), or a recent one sent again, paid out (sometimes with
     * another reference, or twice), released, or ended by the wrong user; and a few holds with nonsense in them.
     */
    private Command withdrawal() {
        int roll = random.nextInt(12);
        if (withdrawals.isEmpty() || roll < 5) {
            String asset = asset();
            String id = roll == 0 && !withdrawals.isEmpty()
                    ? withdrawals.get(random.nextInt(withdrawals.size())).transactionId() : transactionId();
            HoldWithdrawal hold = new HoldWithdrawal(id, user(), asset, amount(asset) / 4 + 1,
                    random.nextInt(3) == 0 ? 0 : amount(asset) / 200, null);
            withdrawals.add(hold);
            if (withdrawals.size() > 30) {
                withdrawals.removeFirst();
            }
            return hold;
        }
        HoldWithdrawal earlier = withdrawals.get(random.nextInt(withdrawals.size()));
        long owner = random.nextInt(10) == 0 ? user() : earlier.userId();
        return switch (roll) {
            case 5 -> earlier;
            case 6, 7, 8 -> new SettleWithdrawal(earlier.transactionId(), owner,
                    random.nextInt(4) == 0 ? "another-reference" : "ref-" + earlier.transactionId(), null);
            case 9, 10 -> new ReleaseWithdrawal(earlier.transactionId(), owner, null);
            default -> new HoldWithdrawal(random.nextInt(4) == 0 ? null : transactionId(),
                    random.nextBoolean() ? user() : pick(0, Accounts.FEE_ACCOUNT, users + 1),
                    random.nextInt(5) == 0 ? "XRP" : asset(), pick(0, -1, 1, Long.MAX_VALUE, Accounts.MAX_BALANCE),
                    pick(0, -1, 1, Long.MAX_VALUE), null);
        };
    }

    // ---- orders ----

    private int market() {
        return random.nextInt(LISTINGS.size());
    }

    /** A price around the market's mid: mostly a little on the passive side, sometimes across it. */
    private long price(int m, Side side) {
        ListMarket rules = LISTINGS.get(m).rules();
        long step = LISTINGS.get(m).step();
        long distance = random.nextInt(7) + random.nextInt(7) - 4; // -4 .. 8 steps, mostly 2
        long price = side == Side.BUY ? mid[m] - distance * step : mid[m] + distance * step;
        if (random.nextInt(3) == 0) {
            price += random.nextLong(step / rules.tickSize()) * rules.tickSize();
        }
        return Math.max(rules.tickSize(), price);
    }

    /** A stop price on the side where it waits (above the mid for a buy), sometimes already reached. */
    private long stopPrice(int m, Side side) {
        long step = LISTINGS.get(m).step();
        long distance = random.nextInt(6) - 1;
        return Math.max(LISTINGS.get(m).rules().tickSize(), side == Side.BUY ? mid[m] + distance * step
                : mid[m] - distance * step);
    }

    private long quantity(int m) {
        ListMarket rules = LISTINGS.get(m).rules();
        long lots = switch (random.nextInt(10)) {
            case 0, 1, 2, 3, 4, 5, 6 -> 1 + random.nextInt(20);
            case 7, 8 -> 20 + random.nextInt(200);
            default -> 200 + random.nextInt(3_000);
        };
        return Math.max(lots * rules.lotSize(), rules.minQuantity());
    }

    private Side side() {
        return random.nextBoolean() ? Side.BUY : Side.SELL;
    }

    private String clientOrderId() {
        return random.nextInt(7) == 0 ? "c" + random.nextInt(12) : null;
    }

    private PlaceOrder order(int m, long user, Side side, OrderKind kind, TimeInForce timeInForce, boolean postOnly,
                             long price, long stop, long quantity, long budget) {
        boolean execute = random.nextInt(10) != 0;
        String trace = random.nextBoolean() ? "trace-" + (sequence + 1) : null;
        return new PlaceOrder(user, clientOrderId(), LISTINGS.get(m).rules().symbol(), side, kind, timeInForce,
                postOnly, price, stop, quantity, budget, execute, trace);
    }

    private PlaceOrder limit() {
        int m = market();
        Side side = side();
        TimeInForce timeInForce = switch (random.nextInt(10)) {
            case 0, 1 -> TimeInForce.IOC;
            case 2 -> TimeInForce.FOK;
            case 3 -> TimeInForce.GTC;
            default -> null; // GTC by default
        };
        boolean postOnly = timeInForce != TimeInForce.IOC && timeInForce != TimeInForce.FOK && random.nextInt(6) == 0;
        return order(m, user(), side, OrderKind.LIMIT, timeInForce, postOnly, price(m, side), 0, quantity(m), 0);
    }

    private PlaceOrder marketOrder() {
        int m = market();
        Side side = side();
        TimeInForce timeInForce = random.nextInt(8) == 0 ? TimeInForce.FOK : random.nextBoolean() ? TimeInForce.IOC : null;
        if (side == Side.BUY && timeInForce != TimeInForce.FOK && random.nextInt(3) == 0) {
            long budget = Money.notionalCeil(mid[m], quantity(m), Money.pow10(8));
            return order(m, user(), side, OrderKind.MARKET, timeInForce, false, 0, 0, 0, budget);
        }
        return order(m, user(), side, OrderKind.MARKET, timeInForce, false, 0, 0, quantity(m), 0);
    }

    private PlaceOrder stop() {
        int m = market();
        Side side = side();
        if (random.nextBoolean()) {
            return order(m, user(), side, OrderKind.STOP_MARKET, null, false, 0, stopPrice(m, side), quantity(m), 0);
        }
        TimeInForce timeInForce = switch (random.nextInt(6)) {
            case 0 -> TimeInForce.IOC;
            case 1 -> TimeInForce.FOK;
            default -> null;
        };
        long stop = stopPrice(m, side);
        long step = LISTINGS.get(m).step();
        long limit = side == Side.BUY ? stop + random.nextInt(3) * step : Math.max(step, stop - random.nextInt(3) * step);
        return order(m, user(), side, OrderKind.STOP_LIMIT, timeInForce, false, limit, stop, quantity(m), 0);
    }

    /** An order with one thing wrong (or, a few times, everything right but near the market's bounds). */
    private Command nonsenseOrder() {
        int m = market();
        ListMarket rules = LISTINGS.get(m).rules();
        Side side = side();
        long user = user();
        long price = price(m, side);
        long quantity = quantity(m);
        return switch (random.nextInt(16)) {
            case 0 -> order(m, user, side, OrderKind.LIMIT, null, false, price, 0, pick(0, -rules.lotSize(),
                    rules.lotSize() + 1, rules.minQuantity() - rules.lotSize(), Long.MAX_VALUE,
                    rules.maxQuantity() + rules.lotSize(), Long.MIN_VALUE), 0);
            case 1 -> order(m, user, side, OrderKind.LIMIT, null, false, pick(0, -rules.tickSize(), price + 1,
                    Long.MAX_VALUE, rules.maxPrice() + rules.tickSize()), 0, quantity, 0);
            case 2 -> order(m, user, side, random.nextBoolean() ? OrderKind.STOP_LIMIT : OrderKind.STOP_MARKET, null,
                    false, price, pick(0, -1, price + 1, Long.MAX_VALUE), quantity, 0);
            case 3 -> order(m, user, Side.BUY, OrderKind.MARKET, null, false, 0, 0, 0,
                    pick(-1, Long.MAX_VALUE, 1, Long.MIN_VALUE));
            case 4 -> order(m, user, side, random.nextBoolean() ? OrderKind.LIMIT : OrderKind.MARKET, null, false, price,
                    0, random.nextBoolean() ? quantity : 0, 1_000_000); // a budget where none is allowed
            case 5 -> order(m, user, side, OrderKind.MARKET, TimeInForce.GTC, false, 0, 0, quantity, 0);
            case 6 -> order(m, user, side, OrderKind.STOP_MARKET, TimeInForce.FOK, false, 0, price, quantity, 0);
            case 7 -> order(m, user, side, random.nextBoolean() ? OrderKind.MARKET : OrderKind.LIMIT, TimeInForce.IOC,
                    true, price, 0, quantity, 0);
            case 8 -> new PlaceOrder(user, null, "DOGE-USD", side, OrderKind.LIMIT, null, false, price, 0, quantity, 0,
                    true, null);
            case 9 -> order(m, user, null, OrderKind.LIMIT, null, false, price, 0, quantity, 0);
            case 10 -> order(m, user, side, null, null, false, price, 0, quantity, 0);
            case 11 -> order(m, pick(0, -1, users + 1), side, OrderKind.LIMIT, null, false, price, 0, quantity, 0);
            case 12 -> order(m, user, side, OrderKind.LIMIT, null, false, rules.maxPrice(), 0, rules.maxQuantity(), 0);
            case 13 -> order(m, user, side, OrderKind.LIMIT, null, false, rules.tickSize(), 0, rules.minQuantity(), 0);
            case 14 -> order(m, user, side, OrderKind.MARKET, null, false, 0, 0, rules.maxQuantity(), 0);
            default -> new CancelOrder(user, pick(0, -1, Long.MAX_VALUE, 1), null);
        };
    }

    private long pick(long... values) {
        return values[random.nextInt(values.length)];
    }

    private long[] knownOrder() {
        return orders.isEmpty() ? null : orders.get(orders.size() - 1 - random.nextInt(Math.min(orders.size(), 60)));
    }

    private Command cancel() {
        long[] order = knownOrder();
        if (order == null) {
            return new CancelOrder(user(), 1, null);
        }
        long user = random.nextInt(10) == 0 ? user() : order[1]; // sometimes someone else's
        return new CancelOrder(user, order[0], null);
    }

    private Command execute() {
        for (int i = orders.size() - 1; i >= 0 && i >= orders.size() - 60; i--) {
            long[] order = orders.get(i);
            if (order[2] == 1 && random.nextInt(3) != 0) {
                return new ExecuteOrder(random.nextInt(12) == 0 ? user() : order[1], order[0], null);
            }
        }
        long[] any = knownOrder();
        return new ExecuteOrder(user(), any == null ? 1 : any[0], null);
    }

    private boolean anyHalted() {
        for (boolean h : halted) {
            if (h) {
                return true;
            }
        }
        return false;
    }

    /** Halts a market or resumes one, preferring to resume. */
    private Command haltOrResume() {
        int m = market();
        for (int i = 0; i < halted.length; i++) {
            if (halted[i] && random.nextInt(3) != 0) {
                m = i;
            }
        }
        String symbol = LISTINGS.get(m).rules().symbol();
        if (random.nextInt(10) == 0) {
            return new SetMarketStatus(random.nextBoolean() ? "DOGE-USD" : symbol, random.nextBoolean() ? null
                    : MarketStatus.HALTED, null);
        }
        halted[m] = !halted[m];
        return new SetMarketStatus(symbol, halted[m] ? MarketStatus.HALTED : MarketStatus.TRADING, null);
    }
}
