package org.bourse.engine;

import static java.math.BigDecimal.ONE;
import static java.math.BigDecimal.ZERO;
import static java.math.RoundingMode.CEILING;
import static java.math.RoundingMode.FLOOR;
import static org.bourse.engine.OrderKind.*;
import static org.bourse.engine.OrderStatus.*;
import static org.bourse.engine.RejectReason.*;
import static org.bourse.engine.Result.rejected;
import static org.bourse.engine.TimeInForce.*;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.*;

import org.bourse.engine.account.Accounts;
import org.bourse.engine.command.*;

/**
 * The oracle the engine is checked against: the same exchange written as plainly as possible, the way
 * exchange-core keeps a naive order book beside its fast one. Amounts are {@link BigDecimal}s in whole units
 * (dollars, bitcoins); a book is one list of resting orders in arrival order, scanned for the best; stops are
 * a list; nothing is optimised. It takes the engine's commands and answers with the engine's results, so both
 * can be fed one stream and compared after every command.
 *
 * <p>The rules are the documented ones (API.md "Orders", {@code OrderExecution}'s class comment): price-time
 * priority and trades at the resting price; a buy holds its value rounded up plus the larger fee rate on that,
 * and after each fill has paid its exact value so far rounded up plus its exact fees so far rounded up; a
 * seller receives each fill's value rounded down less that fill's fee rounded up; the fee account takes the
 * fees and what rounding leaves between the two; self-trade prevention ends the incoming order; market-priced
 * orders never trade beyond the slippage bound around their quoted price (a fired stop-market: around the
 * trade that fired it). Where the documents are silent (which check wins when several fail, which status an
 * outcome gets) it follows the engine. Listing rules are the engine's alone: the stream lists valid markets.
 */
final class ReferenceExchange {

    /** What a comparison looks at in an order; amounts in minor units of the asset they are counted in. */
    record OrderView(long id, OrderStatus status, RejectReason reason, long quantity, long filled, long held,
                     long settled, long fees) {

        static OrderView of(OrderState o) {
            return new OrderView(o.id(), o.status(), o.reason(), o.quantity(), o.filledQuantity(), o.held(),
                    o.settled(), o.fees());
        }
    }

    /** One price level as a client sees it. */
    record Level(long price, long quantity, int orders) {
    }

    private record Remembered<V>(V value, long expiresAt) {
    }

    private record Fingerprint(LedgerType type, long from, long to, String asset, long amount, String memo) {
    }

    /** A withdrawal's hold, amounts in minor units of the asset. */
    private record Withdrawal(long user, String asset, long amount, long fee) {
    }

    private static final class Book {
        ListMarket rules;
        String base, quote;
        BigDecimal tick, lot, minNotional, makerFee, takerFee, maxPrice;
        boolean halted;
        BigDecimal lastPrice;                          // null before the first trade
        final List<Order> resting = new ArrayList<>(); // both sides, oldest first
        final List<Order> stops = new ArrayList<>();   // oldest first
    }

    private static final class Order {
        long id, user, createdAt;
        Book market;
        Side side;
        OrderKind kind;
        TimeInForce timeInForce;
        boolean postOnly;
        BigDecimal price;                  // the limit; for market-priced orders the protection price
        BigDecimal stopPrice, quotedPrice, firedAt, quantity;
        BigDecimal budget;                 // a market buy by quote amount; else null
        boolean budgetLimited;             // a market buy that stops when its hold is spent
        BigDecimal filled = ZERO, held = ZERO, settled = ZERO, fees = ZERO;
        BigDecimal value = ZERO, feesOwed = ZERO; // exact value traded and exact fees accrued (buys)
        OrderStatus status;
        RejectReason reason;

        boolean buy() { return side == Side.BUY; }
        boolean live() { return !status.isFinal(); }
        BigDecimal remaining() { return quantity.subtract(filled); }
        String reserved() { return buy() ? market.quote : market.base; }
    }

    private final BigDecimal slippage;
    private final long retention;
    private final Map<String, Integer> scales = new HashMap<>();
    private final Map<String, Book> markets = new HashMap<>();
    private final Set<Long> accounts = new HashSet<>();
    private final Map<String, BigDecimal> available = new HashMap<>(); // "account:asset" → whole units
    private final Map<String, BigDecimal> held = new HashMap<>();
    private final Map<Long, Order> orders = new LinkedHashMap<>();     // every order, live or ended
    private final List<Order> pending = new ArrayList<>();
    private final ArrayDeque<Order> firedStops = new ArrayDeque<>();
    private final Map<String, Remembered<Fingerprint>> transactions = new HashMap<>();
    private final Map<String, Remembered<Long>> clientOrderIds = new HashMap<>();
    private final Map<String, Withdrawal> withdrawals = new HashMap<>();          // "user:transaction id" → held
    private final Map<String, Remembered<String>> endedWithdrawals = new HashMap<>(); // → how it ended
    private final List<Recorder.Trade> trades = new ArrayList<>();
    private final Set<Long> touched = new HashSet<>();
    private long lastOrderId, lastTradeId, now;

    ReferenceExchange(EngineConfig config) {
        slippage = BigDecimal.valueOf(config.slippagePpm(), 6);
        retention = config.idempotencyRetention();
    }

    // ---- what a comparison reads ----

    /** The trades of the last command. */
    List<Recorder.Trade> trades() { return trades; }
    /** The orders the last command created or changed. */
    Set<Long> touched() { return touched; }
    Set<Long> orderIds() { return orders.keySet(); }
    List<Long> liveOrderIds() { return orders.values().stream().filter(Order::live).map(o -> o.id).toList(); }
    long available(long account, String asset) { return minor(balance(available, account, asset), asset); }
    long held(long account, String asset) { return minor(balance(held, account, asset), asset); }

    OrderView view(long id) {
        Order o = orders.get(id);
        return o == null ? null : new OrderView(id, o.status, o.reason, minor(o.quantity, o.market.base),
                minor(o.filled, o.market.base), minor(o.held, o.reserved()), minor(o.settled, o.market.quote),
                minor(o.fees, o.market.quote));
    }

    long lastPrice(String symbol) {
        Book m = markets.get(symbol);
        return m.lastPrice == null ? 0 : minor(m.lastPrice, m.quote);
    }

    /** One side of a market's book, best price first. */
    List<Level> depth(String symbol, Side side) {
        Book m = markets.get(symbol);
        List<Level> levels = new ArrayList<>();
        for (Order o : inPriority(m, side)) {
            long price = minor(o.price, m.quote);
            long quantity = minor(o.remaining(), m.base);
            Level last = levels.isEmpty() ? null : levels.getLast();
            if (last != null && last.price() == price) {
                levels.set(levels.size() - 1, new Level(price, last.quantity() + quantity, last.orders() + 1));
            } else {
                levels.add(new Level(price, quantity, 1));
            }
        }
        return levels;
    }

    // ---- commands ----

    Result apply(long timestamp, Command command) {
        now = Math.max(now, timestamp);
        trades.clear();
        touched.clear();
        return switch (command) {
            case DefineAsset c -> {
                scales.put(c.code(), c.scale());
                yield Result.OK;
            }
            case ListMarket c -> list(c);
            case SetMarketStatus c -> !markets.containsKey(c.symbol()) ? rejected(MARKET_NOT_FOUND)
                    : c.status() == null ? rejected(INVALID_MARKET) : halt(c.symbol(), c.status() == MarketStatus.HALTED);
            case OpenAccount c -> c.userId() <= 0 ? rejected(INVALID_ACCOUNT) : open(c.userId());
            case OpenFundedAccount c -> c.userId() <= 0 ? rejected(INVALID_ACCOUNT)
                    : accounts.contains(c.userId()) ? Result.REPLAYED
                    : c.amount() == 0 ? open(c.userId())
                    : money(LedgerType.DEPOSIT, null, Accounts.TREASURY, c.userId(), c.asset(), c.amount(), null);
            case Deposit c -> money(LedgerType.DEPOSIT, c.transactionId(), Accounts.TREASURY, c.userId(), c.asset(),
                    c.amount(), null);
            case Withdraw c -> money(LedgerType.WITHDRAWAL, c.transactionId(), c.userId(), Accounts.TREASURY, c.asset(),
                    c.amount(), null);
            case Transfer c -> money(LedgerType.TRANSFER_OUT, c.transactionId(), c.fromUserId(), c.toUserId(), c.asset(),
                    c.amount(), c.memo());
            case HoldWithdrawal c -> holdWithdrawal(c);
            case SettleWithdrawal c -> endWithdrawal(c.userId(), c.transactionId(), "settled " + c.reference());
            case ReleaseWithdrawal c -> endWithdrawal(c.userId(), c.transactionId(), "released");
            case PlaceOrder c -> place(c);
            case ExecuteOrder c -> execute(c);
            case CancelOrder c -> cancel(c);
            case ExpirePendingOrders c -> {
                for (Order o : List.copyOf(pending)) {
                    if (o.createdAt <= c.createdAtOrBefore()) {
                        pending.remove(o);
                        end(o, CANCELLED, EXPIRED);
                    }
                }
                yield Result.OK;
            }
        };
    }

    private Result list(ListMarket c) {
        Book m = new Book();
        m.rules = c;
        m.base = c.baseAsset();
        m.quote = c.quoteAsset();
        m.tick = amount(c.tickSize(), m.quote);
        m.lot = amount(c.lotSize(), m.base);
        m.minNotional = amount(c.minNotional(), m.quote);
        m.makerFee = BigDecimal.valueOf(c.makerFeePpm(), 6);
        m.takerFee = BigDecimal.valueOf(c.takerFeePpm(), 6);
        m.maxPrice = amount(c.maxPrice(), m.quote);
        markets.put(c.symbol(), m);
        return Result.OK;
    }

    private Result halt(String symbol, boolean halted) {
        markets.get(symbol).halted = halted;
        return Result.OK;
    }

    private Result open(long user) {
        accounts.add(user);
        return Result.OK;
    }

    /** Deposits (from the treasury), withdrawals (to it) and transfers; a transaction id counts once per sender. */
    private Result money(LedgerType type, String transactionId, long from, long to, String asset, long minor, String memo) {
        long sender = type == LedgerType.DEPOSIT ? to : from;
        Fingerprint print = new Fingerprint(type, sender, type == LedgerType.TRANSFER_OUT ? to : 0, asset, minor, memo);
        String key = sender + ":" + transactionId;
        Fingerprint used = transactionId == null ? null : recall(transactions, key);
        if (used != null) {
            return used.equals(print) ? Result.REPLAYED : rejected(TRANSACTION_ID_REUSED);
        }
        if (!scales.containsKey(asset)) {
            return rejected(ASSET_NOT_FOUND);
        }
        BigDecimal amount = amount(minor, asset);
        RejectReason refused = switch (type) {
            case DEPOSIT -> refusedDeposit(to, asset, amount);
            case WITHDRAWAL -> amount.signum() <= 0 ? INVALID_AMOUNT
                    : !canSpend(from, asset, amount) ? INSUFFICIENT_FUNDS : null;
            default -> amount.signum() <= 0 ? INVALID_AMOUNT : from == to ? SAME_ACCOUNT
                    : !canSpend(from, asset, amount) ? INSUFFICIENT_FUNDS : to <= 0 ? INVALID_ACCOUNT : null;
        };
        if (refused != null) {
            return rejected(refused);
        }
        if (to > 0) {
            accounts.add(to);
        }
        add(available, from, asset, amount.negate());
        add(available, to, asset, amount);
        if (transactionId != null) {
            transactions.put(key, new Remembered<>(print, now + retention));
        }
        return Result.OK;
    }

    /** Amount and fee move from available to held; the same id counts once per user, like other transactions. */
    private Result holdWithdrawal(HoldWithdrawal c) {
        String key = c.userId() + ":" + c.transactionId();
        Withdrawal live = withdrawals.get(key);
        if (live != null) {
            boolean same = live.asset().equals(c.asset()) && live.amount() == c.amount() && live.fee() == c.fee();
            return same ? Result.REPLAYED : rejected(TRANSACTION_ID_REUSED);
        }
        Fingerprint print = new Fingerprint(LedgerType.WITHDRAWAL, c.userId(), c.fee(), c.asset(), c.amount(), "hold");
        Fingerprint used = c.transactionId() == null ? null : recall(transactions, key);
        if (used != null) {
            return used.equals(print) ? Result.REPLAYED : rejected(TRANSACTION_ID_REUSED);
        }
        if (c.transactionId() == null) {
            return rejected(INVALID_TRANSACTION_ID);
        }
        if (!scales.containsKey(c.asset())) {
            return rejected(ASSET_NOT_FOUND);
        }
        if (c.amount() <= 0 || c.fee() < 0 || c.amount() > Accounts.MAX_BALANCE || c.fee() > Accounts.MAX_BALANCE) {
            return rejected(INVALID_AMOUNT);
        }
        BigDecimal total = amount(c.amount(), c.asset()).add(amount(c.fee(), c.asset()));
        if (!canSpend(c.userId(), c.asset(), total)) {
            return rejected(INSUFFICIENT_FUNDS);
        }
        add(available, c.userId(), c.asset(), total.negate());
        add(held, c.userId(), c.asset(), total);
        withdrawals.put(key, new Withdrawal(c.userId(), c.asset(), c.amount(), c.fee()));
        transactions.put(key, new Remembered<>(print, now + retention));
        return Result.OK;
    }

    /** Paid out (amount to the treasury, fee to the fee account) or released; once, and replayed when told again. */
    private Result endWithdrawal(long user, String transactionId, String outcome) {
        String key = user + ":" + transactionId;
        Withdrawal w = withdrawals.remove(key);
        if (w == null) {
            return outcome.equals(recall(endedWithdrawals, key)) ? Result.REPLAYED : rejected(WITHDRAWAL_NOT_FOUND);
        }
        BigDecimal amount = amount(w.amount(), w.asset());
        BigDecimal fee = amount(w.fee(), w.asset());
        add(held, user, w.asset(), amount.add(fee).negate());
        if (outcome.equals("released")) {
            add(available, user, w.asset(), amount.add(fee));
        } else {
            add(available, Accounts.TREASURY, w.asset(), amount);
            add(available, Accounts.FEE_ACCOUNT, w.asset(), fee);
        }
        endedWithdrawals.put(key, new Remembered<>(outcome, now + retention));
        return Result.OK;
    }

    private RejectReason refusedDeposit(long user, String asset, BigDecimal amount) {
        if (user <= 0) {
            return INVALID_ACCOUNT;
        }
        BigDecimal most = amount(Accounts.MAX_BALANCE, asset);
        BigDecimal total = balance(available, user, asset).add(balance(held, user, asset));
        boolean tooMuch = amount.compareTo(most.subtract(total)) > 0
                || amount.compareTo(most.add(balance(available, Accounts.TREASURY, asset))) > 0;
        return amount.signum() <= 0 || tooMuch ? INVALID_AMOUNT : null;
    }

    private boolean canSpend(long user, String asset, BigDecimal amount) {
        return user > 0 && accounts.contains(user) && balance(available, user, asset).compareTo(amount) >= 0;
    }

    private <V> V recall(Map<String, Remembered<V>> memory, String key) {
        Remembered<V> entry = memory.get(key);
        return entry == null || entry.expiresAt() <= now ? null : entry.value();
    }

    // ---- orders ----

    private Result place(PlaceOrder c) {
        Book m = markets.get(c.market());
        if (m == null) {
            return rejected(MARKET_NOT_FOUND);
        }
        String key = c.clientOrderId() == null ? null : c.userId() + ":" + c.clientOrderId();
        Long existing = key == null ? null : recall(clientOrderIds, key);
        if (existing != null) {
            return Result.existingOrder(existing);
        }
        boolean limitPriced = c.kind() == LIMIT || c.kind() == STOP_LIMIT;
        TimeInForce timeInForce = c.timeInForce() != null ? c.timeInForce() : limitPriced ? GTC : IOC;
        RejectReason invalid = invalid(m, c, timeInForce, limitPriced);
        if (invalid != null || !accounts.contains(c.userId())) {
            return rejected(invalid != null ? invalid : INSUFFICIENT_FUNDS);
        }
        Order o = new Order();
        o.user = c.userId();
        o.market = m;
        o.side = c.side();
        o.kind = c.kind();
        o.timeInForce = timeInForce;
        o.postOnly = c.postOnly();
        o.price = limitPriced ? amount(c.price(), m.quote) : null;
        o.stopPrice = c.kind().isStop() ? amount(c.stopPrice(), m.quote) : null;
        o.budget = c.quoteBudget() > 0 ? amount(c.quoteBudget(), m.quote) : null;
        o.quantity = amount(o.budget != null ? m.rules.maxQuantity() : c.quantity(), m.base);
        o.createdAt = now;
        if (m.halted || !value(o)) { // the order exists, and failed
            register(o, key);
            o.quantity = o.budget != null ? ZERO : o.quantity;
            o.status = FAILED;
            o.reason = m.halted ? MARKET_HALTED : NO_LIQUIDITY;
            return Result.order(o.id);
        }
        if (o.budget == null && down(o.quotedPrice.multiply(o.quantity), m.quote).compareTo(m.minNotional) < 0) {
            return rejected(BELOW_MIN_NOTIONAL);
        }
        if (balance(available, o.user, o.reserved()).compareTo(requirement(o)) < 0) {
            return rejected(INSUFFICIENT_FUNDS);
        }
        register(o, key);
        o.status = PENDING;
        if (!c.execute()) {
            pending.add(o);
        } else {
            hold(o);
            start(o);
        }
        return Result.order(o.id);
    }

    private RejectReason invalid(Book m, PlaceOrder c, TimeInForce timeInForce, boolean limitPriced) {
        ListMarket rules = m.rules;
        if (c.side() == null || c.kind() == null || c.userId() <= 0 || !limitPriced && timeInForce == GTC
                || c.kind() == STOP_MARKET && timeInForce == FOK
                || c.postOnly() && (c.kind() != LIMIT || timeInForce != GTC)) {
            return INVALID_ORDER;
        }
        if (c.quoteBudget() != 0) {
            if (c.kind() != MARKET || c.side() != Side.BUY || timeInForce != IOC || c.quantity() != 0) {
                return INVALID_ORDER;
            }
            BigDecimal budget = amount(c.quoteBudget(), m.quote);
            BigDecimal largest = limitHold(m, m.maxPrice, amount(rules.maxQuantity(), m.base));
            return budget.signum() < 0 || budget.compareTo(largest) > 0 ? INVALID_AMOUNT
                    : budget.compareTo(m.minNotional) < 0 ? BELOW_MIN_NOTIONAL : null;
        }
        if (c.quantity() <= 0 || c.quantity() % rules.lotSize() != 0 || c.quantity() < rules.minQuantity()
                || c.quantity() > rules.maxQuantity()) {
            return INVALID_QUANTITY;
        }
        if (limitPriced && !validPrice(m, c.price())) {
            return INVALID_PRICE;
        }
        if (c.kind().isStop() && !validPrice(m, c.stopPrice())) {
            return INVALID_STOP_PRICE;
        }
        if (!limitPriced) {
            return null; // a market-priced order's value is only known once it is priced
        }
        BigDecimal value = amount(c.price(), m.quote).multiply(amount(c.quantity(), m.base));
        return down(value, m.quote).compareTo(m.minNotional) < 0 ? BELOW_MIN_NOTIONAL : null;
    }

    private static boolean validPrice(Book m, long price) {
        return price > 0 && price % m.rules.tickSize() == 0 && price <= m.rules.maxPrice();
    }

    private void register(Order o, String key) {
        o.id = ++lastOrderId;
        orders.put(o.id, o);
        touched.add(o.id);
        if (key != null) {
            clientOrderIds.put(key, new Remembered<>(o.id, now + retention));
        }
    }

    /** Sets the quoted price and, for market-priced orders, the protection price. @return false when unpriceable */
    private boolean value(Order o) {
        Book m = o.market;
        o.quotedPrice = switch (o.kind) {
            case LIMIT, STOP_LIMIT -> o.price;
            case STOP_MARKET -> o.stopPrice;
            case MARKET -> {
                Order best = best(m, o.buy() ? Side.SELL : Side.BUY);
                o.budgetLimited = o.buy() && o.timeInForce == IOC;
                yield best != null ? best.price : m.lastPrice;
            }
        };
        if (o.quotedPrice != null && !o.kind.hasLimitPrice()) {
            o.price = protection(m, o.side, o.quotedPrice);
        }
        return o.quotedPrice != null;
    }

    /** The worst price within the slippage bound around {@code around}: on a tick, never beyond the bound. */
    private BigDecimal protection(Book m, Side side, BigDecimal around) {
        if (side == Side.BUY) {
            return steps(around.multiply(ONE.add(slippage)), m.tick, FLOOR).min(m.maxPrice);
        }
        return steps(around.multiply(ONE.subtract(slippage)), m.tick, CEILING).max(m.tick);
    }

    /** What the user must have available to create the order (seed 000): a sell its quantity, a buy value and fee. */
    private BigDecimal requirement(Order o) {
        Book m = o.market;
        if (!o.buy() || o.budget != null) {
            return o.buy() ? o.budget : o.quantity;
        }
        if (o.budgetLimited) {
            BigDecimal value = up(o.quotedPrice.multiply(o.quantity), m.quote);
            return value.add(up(value.multiply(m.takerFee), m.quote));
        }
        return limitHold(m, o.price, o.quantity);
    }

    private BigDecimal limitHold(Book m, BigDecimal price, BigDecimal quantity) {
        BigDecimal value = up(price.multiply(quantity), m.quote);
        return value.add(up(value.multiply(m.makerFee.max(m.takerFee)), m.quote));
    }

    private void hold(Order o) {
        BigDecimal amount = !o.buy() || o.budget != null ? requirement(o)
                : o.budgetLimited ? balance(available, o.user, o.market.quote).min(limitHold(o.market, o.price, o.quantity))
                : limitHold(o.market, o.price, o.quantity);
        add(available, o.user, o.reserved(), amount.negate());
        add(held, o.user, o.reserved(), amount);
        o.held = amount;
    }

    /** The held order waits for its trigger, or trades; then the stops its trades fired run, oldest trigger first. */
    private void start(Order o) {
        o.status = OPEN;
        if (o.kind.isStop() && !reached(o, o.market.lastPrice)) {
            o.market.stops.add(o);
            return;
        }
        o.firedAt = o.market.lastPrice;
        firedStops.addFirst(o);
        while (!firedStops.isEmpty()) {
            Order next = firedStops.removeFirst();
            if (next.kind == STOP_MARKET) { // bounded around the trade that fired it: the market may have moved on
                next.price = protection(next.market, next.side, next.firedAt);
                next.budgetLimited = next.buy();
            }
            touched.add(next.id);
            take(next);
        }
    }

    private void take(Order o) {
        Order best = best(o.market, o.buy() ? Side.SELL : Side.BUY);
        if (o.postOnly && best != null && crosses(o, best.price)) {
            end(o, FAILED, POST_ONLY_WOULD_TAKE);
            return;
        }
        if (o.timeInForce == FOK && !canFillEntirely(o)) {
            end(o, CANCELLED, TIME_IN_FORCE);
            return;
        }
        RejectReason stoppedBy = match(o);
        boolean traded = o.filled.signum() > 0;
        if (o.budget != null) {
            o.quantity = o.filled; // it bought what its budget or the book allowed
        }
        if (o.remaining().signum() == 0 && traded) {
            end(o, EXECUTED, null);
        } else if (stoppedBy == null && o.kind.hasLimitPrice() && o.timeInForce == GTC) {
            o.status = traded ? PARTIALLY_FILLED : OPEN;
            o.market.resting.add(o);
        } else {
            RejectReason reason = stoppedBy != null ? stoppedBy : o.kind.hasLimitPrice() ? TIME_IN_FORCE : NO_LIQUIDITY;
            if (traded || reason == TIME_IN_FORCE) {
                end(o, CANCELLED, reason);
            } else {
                end(o, FAILED, reason == BUDGET_EXHAUSTED ? INSUFFICIENT_FUNDS : reason);
            }
        }
    }

    private static boolean crosses(Order o, BigDecimal restingPrice) {
        return o.buy() ? restingPrice.compareTo(o.price) <= 0 : restingPrice.compareTo(o.price) >= 0;
    }

    /** Whether the orders it would meet, in priority, fill it before a worse price or its own order. */
    private boolean canFillEntirely(Order o) {
        BigDecimal needed = o.remaining();
        for (Order resting : inPriority(o.market, o.buy() ? Side.SELL : Side.BUY)) {
            if (needed.signum() == 0) {
                break;
            }
            if (!crosses(o, resting.price) || resting.user == o.user) {
                return false;
            }
            needed = needed.subtract(needed.min(resting.remaining()));
        }
        return needed.signum() == 0;
    }

    /** @return why it stopped while a crossing order was left (self-trade prevention, its budget); else null */
    private RejectReason match(Order taker) {
        while (taker.remaining().signum() > 0) {
            Order maker = best(taker.market, taker.buy() ? Side.SELL : Side.BUY);
            if (maker == null || !crosses(taker, maker.price)) {
                return null;
            }
            if (maker.user == taker.user) {
                return SELF_TRADE_PREVENTED;
            }
            BigDecimal quantity = taker.remaining().min(maker.remaining());
            if (taker.budgetLimited || taker.budget != null) {
                quantity = quantity.min(affordable(taker, maker.price));
                if (quantity.signum() == 0) {
                    return BUDGET_EXHAUSTED;
                }
            }
            fill(taker, maker, quantity);
        }
        return null;
    }

    /**
     * The most, in whole lots, a budget-limited buy can take at {@code price} with what it still holds (H).
     * Paying for more value C (as charged, rounded up) costs C + ceil(F + rate * C) - ceil(F), F being the
     * exact fees so far: at most H exactly when C <= (H + ceil(F) - F) / (1 + rate). A quantity q raises the
     * charged value by ceil(V + price * q) - ceil(V), V the exact value so far: at most C exactly when
     * q <= (ceil(V) + C - V) / price.
     */
    private BigDecimal affordable(Order buy, BigDecimal price) {
        Book m = buy.market;
        BigDecimal value = buy.held.add(up(buy.feesOwed, m.quote)).subtract(buy.feesOwed)
                .divide(ONE.add(m.takerFee), scales.get(m.quote), FLOOR);
        BigDecimal room = up(buy.value, m.quote).add(value).subtract(buy.value);
        return room.divide(price.multiply(m.lot), 0, FLOOR).multiply(m.lot);
    }

    private void fill(Order taker, Order maker, BigDecimal quantity) {
        Book m = taker.market;
        BigDecimal price = maker.price;
        Order buy = taker.buy() ? taker : maker;
        Order sell = taker.buy() ? maker : taker;
        BigDecimal value = price.multiply(quantity);

        BigDecimal buyerPays = up(buy.value.add(value), m.quote).subtract(up(buy.value, m.quote));
        BigDecimal feeOwed = buyerPays.multiply(buy == taker ? m.takerFee : m.makerFee);
        BigDecimal buyerFee = up(buy.feesOwed.add(feeOwed), m.quote).subtract(up(buy.feesOwed, m.quote));
        buy.value = buy.value.add(value);
        buy.feesOwed = buy.feesOwed.add(feeOwed);
        BigDecimal sellerGets = down(value, m.quote);
        BigDecimal sellerFee = up(sellerGets.multiply(sell == taker ? m.takerFee : m.makerFee), m.quote);

        spendHeld(buy, buyerPays.add(buyerFee));
        add(available, buy.user, m.base, quantity);
        spendHeld(sell, quantity);
        add(available, sell.user, m.quote, sellerGets.subtract(sellerFee));
        add(available, Accounts.FEE_ACCOUNT, m.quote, buyerFee.add(sellerFee).add(buyerPays).subtract(sellerGets));
        buy.settled = buy.settled.add(buyerPays);
        buy.fees = buy.fees.add(buyerFee);
        sell.settled = sell.settled.add(sellerGets);
        sell.fees = sell.fees.add(sellerFee);
        maker.filled = maker.filled.add(quantity);
        taker.filled = taker.filled.add(quantity);
        taker.status = PARTIALLY_FILLED;
        touched.add(maker.id);
        m.lastPrice = price;
        trades.add(new Recorder.Trade(++lastTradeId, m.rules.symbol(), minor(price, m.quote), minor(quantity, m.base),
                maker.id, taker.id, minor(maker == buy ? buyerFee : sellerFee, m.quote),
                minor(taker == buy ? buyerFee : sellerFee, m.quote), minor(buyerPays, m.quote), minor(sellerGets, m.quote)));
        if (maker.remaining().signum() == 0) {
            m.resting.remove(maker);
            end(maker, EXECUTED, null);
        } else {
            maker.status = PARTIALLY_FILLED;
        }
        fireStops(m, price);
    }

    /** Buy stops at or below the trade and sell stops at or above it fire: buys, then sells, nearest first. */
    private void fireStops(Book m, BigDecimal price) {
        List<Order> fired = new ArrayList<>();
        for (Order stop : m.stops) {
            if (reached(stop, price)) {
                fired.add(stop);
            }
        }
        // a stable sort: among equal stop prices the one placed first stays first
        fired.sort(Comparator.comparing((Order stop) -> stop.side)
                .thenComparing(stop -> stop.stopPrice.subtract(price).abs()));
        m.stops.removeAll(fired);
        for (Order stop : fired) {
            stop.firedAt = price;
            firedStops.addLast(stop);
        }
    }

    /** A buy stop is reached by a price at or above it, a sell stop by one at or below it. */
    private static boolean reached(Order stop, BigDecimal price) {
        return price != null && (stop.buy() ? price.compareTo(stop.stopPrice) >= 0 : price.compareTo(stop.stopPrice) <= 0);
    }

    private void spendHeld(Order o, BigDecimal amount) {
        add(held, o.user, o.reserved(), amount.negate());
        o.held = o.held.subtract(amount);
    }

    private void end(Order o, OrderStatus status, RejectReason reason) {
        add(held, o.user, o.reserved(), o.held.negate());
        add(available, o.user, o.reserved(), o.held);
        o.held = ZERO;
        o.status = status;
        o.reason = reason;
        touched.add(o.id);
    }

    private Result execute(ExecuteOrder c) {
        Order o = orders.get(c.orderId());
        if (o == null || !o.live() || o.user != c.userId()) {
            return rejected(ORDER_NOT_FOUND);
        }
        if (o.status != PENDING) {
            return rejected(ORDER_NOT_PENDING);
        }
        pending.remove(o);
        if (o.market.halted) {
            end(o, FAILED, MARKET_HALTED);
        } else if (balance(available, o.user, o.reserved()).compareTo(requirement(o)) < 0) {
            end(o, FAILED, INSUFFICIENT_FUNDS);
        } else {
            hold(o);
            start(o);
        }
        return Result.order(o.id);
    }

    private Result cancel(CancelOrder c) {
        Order o = orders.get(c.orderId());
        if (o == null || !o.live() || o.user != c.userId()) {
            return rejected(ORDER_NOT_FOUND);
        }
        pending.remove(o);
        o.market.resting.remove(o);
        o.market.stops.remove(o);
        end(o, CANCELLED, USER_CANCELLED);
        return Result.order(o.id);
    }

    // ---- books and money ----

    /** The resting order on {@code side} that trades next: the best price, the oldest among equals. */
    private static Order best(Book m, Side side) {
        List<Order> queue = inPriority(m, side);
        return queue.isEmpty() ? null : queue.getFirst();
    }

    private static List<Order> inPriority(Book m, Side side) {
        List<Order> queue = new ArrayList<>(m.resting.stream().filter(o -> o.side == side).toList());
        Comparator<Order> byPrice = Comparator.comparing(o -> o.price);
        queue.sort(side == Side.BUY ? byPrice.reversed() : byPrice); // stable: arrival order among equal prices
        return queue;
    }

    private BigDecimal amount(long minor, String asset) { return BigDecimal.valueOf(minor, scales.get(asset)); }
    private long minor(BigDecimal amount, String asset) { return amount.movePointRight(scales.get(asset)).longValueExact(); }
    private BigDecimal up(BigDecimal amount, String asset) { return amount.setScale(scales.get(asset), CEILING); }
    private BigDecimal down(BigDecimal amount, String asset) { return amount.setScale(scales.get(asset), FLOOR); }

    /** {@code amount} as a whole number of {@code step}s, rounded as told. */
    private static BigDecimal steps(BigDecimal amount, BigDecimal step, RoundingMode rounding) {
        return amount.divide(step, 0, rounding).multiply(step);
    }

    private static BigDecimal balance(Map<String, BigDecimal> balances, long account, String asset) {
        return balances.getOrDefault(account + ":" + asset, ZERO);
    }

    private static void add(Map<String, BigDecimal> balances, long account, String asset, BigDecimal amount) {
        balances.merge(account + ":" + asset, amount, BigDecimal::add);
    }
}
