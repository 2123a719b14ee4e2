package org.bourse.engine;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bourse.engine.account.Account;
import org.bourse.engine.account.Accounts;
import org.bourse.engine.book.Order;
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
import org.bourse.engine.util.LongObjectMap;

/**
 * The exchange's state machine: commands in, events out, one thread. It owns every asset, market, book,
 * account and live order. It is deterministic: the same commands with the same sequence numbers and
 * timestamps produce the same state ({@link #stateHash()}) and the same events, so a journal replays to the
 * identical engine. Time comes only from the commands' timestamps (epoch milliseconds).
 *
 * <p>Not thread-safe by design: exactly one thread calls {@link #apply}, and the query methods are for that
 * thread (or for a stopped engine, as in tests and snapshots).
 */
public final class Engine {

    private final EngineConfig config;
    private EngineListener listener = EngineListener.NONE;

    final Map<String, Asset> assets = new HashMap<>();
    final List<Asset> assetList = new ArrayList<>();
    final Map<String, Market> markets = new HashMap<>();
    final List<Market> marketList = new ArrayList<>();
    final Accounts accounts = new Accounts();
    /** Every live order: pending, resting, waiting for a trigger. Finished orders leave the engine. */
    final LongObjectMap<Order> orders = new LongObjectMap<>(1 << 16);
    /** Pending orders in creation order, which is also expiry order. */
    final LinkedHashMap<Long, Order> pending = new LinkedHashMap<>();
    /** {@code userId:transactionId} → the fingerprint of the transaction that used it. */
    final Retention<Long> transactions;
    /** {@code userId:clientOrderId} → order id. */
    final Retention<Long> clientOrderIds;
    /** {@code userId:transactionId} → the funds held for a withdrawal not yet paid out, oldest first. */
    final LinkedHashMap<String, WithdrawalHold> withdrawalHolds = new LinkedHashMap<>();
    /** {@code userId:transactionId} → how a withdrawal ended (settled with a reference, or released), for replays. */
    final Retention<Long> finishedWithdrawals;
    /** Per asset index: deposits minus withdrawals, what users and the fee account must hold in total. */
    long[] netDeposits = new long[8];
    long lastOrderId;
    long lastTradeId;
    long lastSequence;
    long lastTimestamp;

    // the command being applied
    long now;
    String traceId;

    private final OrderExecution execution;

    public Engine(EngineConfig config) {
        this.config = config;
        this.transactions = new Retention<>(config.idempotencyRetention());
        this.clientOrderIds = new Retention<>(config.idempotencyRetention());
        this.finishedWithdrawals = new Retention<>(config.idempotencyRetention());
        this.execution = new OrderExecution(this);
    }

    public Engine() {
        this(EngineConfig.DEFAULT);
    }

    public void listener(EngineListener listener) {
        this.listener = listener == null ? EngineListener.NONE : listener;
        accounts.listener(this.listener);
    }

    EngineListener listener() {
        return listener;
    }

    public EngineConfig config() {
        return config;
    }

    /**
     * Applies one command. {@code sequence} must be greater than the last applied one (gaps are allowed: a
     * journal may hold commands this engine never sees); {@code timestamp} never goes backwards.
     */
    public Result apply(long sequence, long timestamp, Command command) {
        if (sequence <= lastSequence) {
            throw new IllegalStateException("sequence " + sequence + " after " + lastSequence);
        }
        lastSequence = sequence;
        lastTimestamp = Math.max(lastTimestamp, timestamp);
        now = lastTimestamp;
        traceId = command.traceId();
        transactions.expire(now);
        clientOrderIds.expire(now);
        finishedWithdrawals.expire(now);
        listener.commandStarted(sequence, now, command);
        Result result = switch (command) {
            case PlaceOrder place -> execution.place(place);
            case CancelOrder cancel -> execution.cancel(cancel);
            case ExecuteOrder execute -> execution.execute(execute);
            case ExpirePendingOrders expire -> execution.expire(expire);
            case Deposit deposit -> deposit(deposit);
            case Withdraw withdraw -> withdraw(withdraw);
            case Transfer transfer -> transfer(transfer);
            case OpenAccount open -> openAccount(open);
            case OpenFundedAccount open -> openFundedAccount(open);
            case DefineAsset define -> defineAsset(define);
            case ListMarket list -> listMarket(list);
            case SetMarketStatus status -> setMarketStatus(status);
            case HoldWithdrawal hold -> holdWithdrawal(hold);
            case SettleWithdrawal settle -> settleWithdrawal(settle);
            case ReleaseWithdrawal release -> releaseWithdrawal(release);
        };
        listener.commandCompleted(sequence, command, result);
        return result;
    }

    // ---- queries (engine thread only) ----

    public long lastSequence() {
        return lastSequence;
    }

    public long lastTimestamp() {
        return lastTimestamp;
    }

    /** The id of the newest ledger line: every line up to it is reflected in the balances now. */
    public long lastLedgerId() {
        return accounts.lastLedgerId();
    }

    public Market market(String symbol) {
        return markets.get(symbol);
    }

    public List<Market> markets() {
        return Collections.unmodifiableList(marketList);
    }

    public Asset asset(String code) {
        return assets.get(code);
    }

    public List<Asset> assets() {
        return Collections.unmodifiableList(assetList);
    }

    /** The account of a user (or {@link Accounts#FEE_ACCOUNT}, {@link Accounts#TREASURY}); null if never opened. */
    public Account account(long accountId) {
        return accounts.find(accountId);
    }

    public long[] userIds() {
        return accounts.userIds();
    }

    /** A live order, or null when unknown or finished. */
    public OrderState order(long orderId) {
        return orders.get(orderId);
    }

    public int liveOrderCount() {
        return orders.size();
    }

    /** Every live order (pending, resting, waiting for its trigger), in no particular order. */
    public void forEachLiveOrder(java.util.function.Consumer<? super OrderState> action) {
        orders.forEachValue(action);
    }

    /** The order a user's client order id named, while the engine remembers it; 0 when it does not. */
    public long orderIdOfClientOrderId(long userId, String clientOrderId) {
        Long id = clientOrderIds.get(userId + ":" + clientOrderId);
        return id == null ? 0 : id;
    }

    /** The funds held for the user's withdrawal {@code transactionId}, or null when none is held (any more). */
    public WithdrawalHold withdrawalHold(long userId, String transactionId) {
        return withdrawalHolds.get(WithdrawalHold.key(userId, transactionId));
    }

    /** Every withdrawal hold, oldest first. */
    public List<WithdrawalHold> withdrawalHolds() {
        return List.copyOf(withdrawalHolds.values());
    }

    public long netDeposits(Asset asset) {
        return asset.index() < netDeposits.length ? netDeposits[asset.index()] : 0;
    }

    public StateReport report() {
        return StateReport.of(this);
    }

    public long stateHash() {
        return EngineState.hash(this);
    }

    // ---- assets and markets ----

    private Result defineAsset(DefineAsset c) {
        Asset existing = assets.get(c.code());
        if (existing != null) {
            return existing.scale() == c.scale() ? Result.OK : Result.rejected(RejectReason.ALREADY_EXISTS);
        }
        if (c.code() == null || c.code().isBlank() || c.scale() < 0 || c.scale() > Asset.MAX_SCALE) {
            return Result.rejected(RejectReason.INVALID_AMOUNT);
        }
        Asset asset = new Asset(assetList.size(), c.code(), c.scale());
        addAsset(asset);
        listener.assetDefined(asset);
        return Result.OK;
    }

    void addAsset(Asset asset) {
        assets.put(asset.code(), asset);
        assetList.add(asset);
        if (asset.index() >= netDeposits.length) {
            netDeposits = java.util.Arrays.copyOf(netDeposits, Math.max(asset.index() + 1, netDeposits.length * 2));
        }
    }

    private Result listMarket(ListMarket c) {
        Market existing = markets.get(c.symbol());
        if (existing != null) {
            return sameListing(existing, c) ? Result.OK : Result.rejected(RejectReason.ALREADY_EXISTS);
        }
        Asset base = assets.get(c.baseAsset());
        Asset quote = assets.get(c.quoteAsset());
        if (base == null || quote == null) {
            return Result.rejected(RejectReason.ASSET_NOT_FOUND);
        }
        if (!validListing(c, base, quote)) {
            return Result.rejected(RejectReason.INVALID_MARKET);
        }
        Market market = new Market(marketList.size(), c.symbol(), base, quote, c.tickSize(), c.lotSize(),
                c.minQuantity(), c.minNotional(), c.makerFeePpm(), c.takerFeePpm(), c.maxPrice(), c.maxQuantity());
        addMarket(market);
        listener.marketChanged(market);
        return Result.OK;
    }

    void addMarket(Market market) {
        markets.put(market.symbol(), market);
        marketList.add(market);
    }

    private static boolean sameListing(Market m, ListMarket c) {
        return m.base().code().equals(c.baseAsset()) && m.quote().code().equals(c.quoteAsset())
                && m.tickSize() == c.tickSize() && m.lotSize() == c.lotSize() && m.minQuantity() == c.minQuantity()
                && m.minNotional() == c.minNotional() && m.makerFeePpm() == c.makerFeePpm()
                && m.takerFeePpm() == c.takerFeePpm() && m.maxPrice() == c.maxPrice()
                && m.maxQuantity() == c.maxQuantity();
    }

    /**
     * The bounds that make every order's arithmetic exact: {@code maxPrice * baseUnit} fits a long (the split
     * products in {@link Money}), and the largest order's value plus fees stays far below overflow.
     */
    private static boolean validListing(ListMarket c, Asset base, Asset quote) {
        if (c.symbol() == null || c.symbol().isBlank() || base == quote) {
            return false;
        }
        if (c.tickSize() <= 0 || c.lotSize() <= 0 || c.minQuantity() < c.lotSize() || c.minQuantity() % c.lotSize() != 0
                || c.minNotional() < 0 || c.makerFeePpm() < 0 || c.takerFeePpm() < 0
                || c.makerFeePpm() > Money.PPM / 10 || c.takerFeePpm() > Money.PPM / 10
                || c.maxPrice() < c.tickSize() || c.maxPrice() % c.tickSize() != 0
                || c.maxQuantity() < c.minQuantity() || c.maxQuantity() % c.lotSize() != 0) {
            return false;
        }
        BigInteger limit = BigInteger.valueOf(Long.MAX_VALUE / 8);
        BigInteger unit = BigInteger.valueOf(base.unit());
        BigInteger maxPrice = BigInteger.valueOf(c.maxPrice());
        BigInteger largestValue = maxPrice.multiply(BigInteger.valueOf(c.maxQuantity())).divide(unit).add(BigInteger.ONE);
        return maxPrice.multiply(unit).compareTo(limit) < 0
                && BigInteger.valueOf(c.maxQuantity()).multiply(maxPrice).compareTo(limit.multiply(unit)) < 0
                && largestValue.multiply(BigInteger.TWO).compareTo(limit) < 0;
    }

    private Result setMarketStatus(SetMarketStatus c) {
        Market market = markets.get(c.symbol());
        if (market == null) {
            return Result.rejected(RejectReason.MARKET_NOT_FOUND);
        }
        if (c.status() == null) {
            return Result.rejected(RejectReason.INVALID_MARKET);
        }
        if (market.status() != c.status()) {
            market.status(c.status());
            listener.marketChanged(market);
        }
        return Result.OK;
    }

    // ---- accounts and transactions ----

    private Result openAccount(OpenAccount c) {
        if (c.userId() <= 0) {
            return Result.rejected(RejectReason.INVALID_ACCOUNT);
        }
        accounts.open(c.userId(), assetList.size());
        return Result.OK;
    }

    private Result openFundedAccount(OpenFundedAccount c) {
        if (c.userId() <= 0) {
            return Result.rejected(RejectReason.INVALID_ACCOUNT);
        }
        if (accounts.find(c.userId()) != null) {
            return Result.REPLAYED; // opened before, with its opening balance then
        }
        if (c.amount() == 0) {
            accounts.open(c.userId(), assetList.size());
            return Result.OK;
        }
        return credit(c.userId(), c.asset(), c.amount(), OpenFundedAccount.TRANSACTION_ID);
    }

    private Result deposit(Deposit c) {
        long fingerprint = EngineState.fingerprint(LedgerType.DEPOSIT, c.userId(), 0, c.asset(), c.amount(), null);
        Result replay = replayed(c.userId(), c.transactionId(), fingerprint);
        if (replay != null) {
            return replay;
        }
        Result result = credit(c.userId(), c.asset(), c.amount(), c.transactionId());
        if (result.accepted()) {
            remember(c.userId(), c.transactionId(), fingerprint);
        }
        return result;
    }

    /** A deposit from the treasury (the outside world), opening the account when it is not open yet. */
    private Result credit(long userId, String assetCode, long amount, String transactionId) {
        Asset asset = assets.get(assetCode);
        if (asset == null) {
            return Result.rejected(RejectReason.ASSET_NOT_FOUND);
        }
        if (userId <= 0) {
            return Result.rejected(RejectReason.INVALID_ACCOUNT);
        }
        Account existing = accounts.find(userId);
        long userTotal = existing == null ? 0 : existing.total(asset.index());
        Account treasury = accounts.treasury();
        if (amount <= 0 || amount > Accounts.MAX_BALANCE - userTotal
                || amount > Accounts.MAX_BALANCE + treasury.total(asset.index())) {
            return Result.rejected(RejectReason.INVALID_AMOUNT); // refused: not even an empty account is opened
        }
        Account user = accounts.open(userId, assetList.size());
        accounts.post(treasury, asset, -amount, LedgerType.DEPOSIT, 0, 0, transactionId, traceId);
        accounts.post(user, asset, amount, LedgerType.DEPOSIT, 0, 0, transactionId, traceId);
        netDeposits[asset.index()] += amount;
        listener.transactionCompleted(LedgerType.DEPOSIT, transactionId, Accounts.TREASURY, userId, asset, amount, null);
        return Result.OK;
    }

    private Result withdraw(Withdraw c) {
        long fingerprint = EngineState.fingerprint(LedgerType.WITHDRAWAL, c.userId(), 0, c.asset(), c.amount(), null);
        Result replay = replayed(c.userId(), c.transactionId(), fingerprint);
        if (replay != null) {
            return replay;
        }
        Asset asset = assets.get(c.asset());
        if (asset == null) {
            return Result.rejected(RejectReason.ASSET_NOT_FOUND);
        }
        if (c.amount() <= 0) {
            return Result.rejected(RejectReason.INVALID_AMOUNT);
        }
        Account user = accounts.find(c.userId());
        if (user == null || c.userId() <= 0 || user.available(asset.index()) < c.amount()) {
            return Result.rejected(RejectReason.INSUFFICIENT_FUNDS);
        }
        accounts.post(user, asset, -c.amount(), LedgerType.WITHDRAWAL, 0, 0, c.transactionId(), traceId);
        accounts.post(accounts.treasury(), asset, c.amount(), LedgerType.WITHDRAWAL, 0, 0, c.transactionId(), traceId);
        netDeposits[asset.index()] -= c.amount();
        remember(c.userId(), c.transactionId(), fingerprint);
        listener.transactionCompleted(LedgerType.WITHDRAWAL, c.transactionId(), c.userId(), Accounts.TREASURY, asset,
                c.amount(), null);
        return Result.OK;
    }

    private Result transfer(Transfer c) {
        long fingerprint = EngineState.fingerprint(LedgerType.TRANSFER_OUT, c.fromUserId(), c.toUserId(), c.asset(),
                c.amount(), c.memo());
        Result replay = replayed(c.fromUserId(), c.transactionId(), fingerprint);
        if (replay != null) {
            return replay;
        }
        Asset asset = assets.get(c.asset());
        if (asset == null) {
            return Result.rejected(RejectReason.ASSET_NOT_FOUND);
        }
        if (c.amount() <= 0) {
            return Result.rejected(RejectReason.INVALID_AMOUNT);
        }
        if (c.fromUserId() == c.toUserId()) {
            return Result.rejected(RejectReason.SAME_ACCOUNT);
        }
        Account from = accounts.find(c.fromUserId());
        if (from == null || c.fromUserId() <= 0 || from.available(asset.index()) < c.amount()) {
            return Result.rejected(RejectReason.INSUFFICIENT_FUNDS);
        }
        if (c.toUserId() <= 0) {
            return Result.rejected(RejectReason.INVALID_ACCOUNT);
        }
        Account to = accounts.open(c.toUserId(), assetList.size());
        accounts.post(from, asset, -c.amount(), LedgerType.TRANSFER_OUT, 0, 0, c.transactionId(), traceId);
        accounts.post(to, asset, c.amount(), LedgerType.TRANSFER_IN, 0, 0, c.transactionId(), traceId);
        remember(c.fromUserId(), c.transactionId(), fingerprint);
        listener.transactionCompleted(LedgerType.TRANSFER_OUT, c.transactionId(), c.fromUserId(), c.toUserId(), asset,
                c.amount(), c.memo());
        return Result.OK;
    }

    // ---- withdrawals: held at once, paid out or released later ----

    private Result holdWithdrawal(HoldWithdrawal c) {
        String key = WithdrawalHold.key(c.userId(), c.transactionId());
        WithdrawalHold live = withdrawalHolds.get(key);
        if (live != null) {
            boolean same = live.asset().code().equals(c.asset()) && live.amount() == c.amount() && live.fee() == c.fee();
            return same ? Result.REPLAYED : Result.rejected(RejectReason.TRANSACTION_ID_REUSED);
        }
        long fingerprint = EngineState.fingerprint(LedgerType.WITHDRAWAL, c.userId(), c.fee(), c.asset(), c.amount(),
                "hold");
        Result replay = replayed(c.userId(), c.transactionId(), fingerprint);
        if (replay != null) {
            return replay;
        }
        if (c.transactionId() == null) {
            return Result.rejected(RejectReason.INVALID_TRANSACTION_ID);
        }
        Asset asset = assets.get(c.asset());
        if (asset == null) {
            return Result.rejected(RejectReason.ASSET_NOT_FOUND);
        }
        // each below MAX_BALANCE, so their sum cannot overflow
        if (c.amount() <= 0 || c.fee() < 0 || c.amount() > Accounts.MAX_BALANCE || c.fee() > Accounts.MAX_BALANCE) {
            return Result.rejected(RejectReason.INVALID_AMOUNT);
        }
        Account user = accounts.find(c.userId());
        if (user == null || c.userId() <= 0 || !accounts.hold(user, asset, c.amount() + c.fee())) {
            return Result.rejected(RejectReason.INSUFFICIENT_FUNDS);
        }
        withdrawalHolds.put(key, new WithdrawalHold(c.transactionId(), c.userId(), asset, c.amount(), c.fee(), now));
        remember(c.userId(), c.transactionId(), fingerprint);
        return Result.OK;
    }

    /**
     * The amount to the treasury and the fee to the fee account, both out of the hold; four ledger lines carrying the
     * reference. Not told as a completed transaction: the withdrawal's own record is kept where it was requested,
     * and the wallet's transaction records are keyed by ids users choose, which a reference must not collide with.
     */
    private Result settleWithdrawal(SettleWithdrawal c) {
        String key = WithdrawalHold.key(c.userId(), c.transactionId());
        long outcome = EngineState.withdrawalOutcome(true, c.reference());
        WithdrawalHold hold = withdrawalHolds.remove(key);
        if (hold == null) {
            return finished(key, outcome);
        }
        Account user = accounts.find(hold.userId());
        Asset asset = hold.asset();
        accounts.spendHeld(user, asset, hold.amount(), LedgerType.WITHDRAWAL, 0, 0, c.reference(), traceId);
        accounts.post(accounts.treasury(), asset, hold.amount(), LedgerType.WITHDRAWAL, 0, 0, c.reference(), traceId);
        accounts.spendHeld(user, asset, hold.fee(), LedgerType.FEE, 0, 0, c.reference(), traceId);
        accounts.post(accounts.fees(), asset, hold.fee(), LedgerType.FEE, 0, 0, c.reference(), traceId);
        netDeposits[asset.index()] -= hold.amount();
        finishedWithdrawals.put(key, outcome, now);
        return Result.OK;
    }

    private Result releaseWithdrawal(ReleaseWithdrawal c) {
        String key = WithdrawalHold.key(c.userId(), c.transactionId());
        long outcome = EngineState.withdrawalOutcome(false, null);
        WithdrawalHold hold = withdrawalHolds.remove(key);
        if (hold == null) {
            return finished(key, outcome);
        }
        accounts.release(accounts.find(hold.userId()), hold.asset(), hold.total());
        finishedWithdrawals.put(key, outcome, now);
        return Result.OK;
    }

    /** A settle or release of a withdrawal no longer held: a replay when it ended that same way. */
    private Result finished(String key, long outcome) {
        Long ended = finishedWithdrawals.get(key);
        return ended != null && ended == outcome ? Result.REPLAYED : Result.rejected(RejectReason.WITHDRAWAL_NOT_FOUND);
    }

    /** The first outcome of a transaction id already used by this user, or null when it is new. */
    private Result replayed(long userId, String transactionId, long fingerprint) {
        if (transactionId == null) {
            return null;
        }
        Long used = transactions.get(userId + ":" + transactionId);
        if (used == null) {
            return null;
        }
        return used == fingerprint ? Result.REPLAYED : Result.rejected(RejectReason.TRANSACTION_ID_REUSED);
    }

    /** Only transactions that moved funds are remembered: a refused one did not happen and may be retried. */
    private void remember(long userId, String transactionId, long fingerprint) {
        if (transactionId != null) {
            transactions.put(userId + ":" + transactionId, fingerprint, now);
        }
    }
}
