package org.bourse.engine;

import static org.bourse.engine.WireCodes.MARKET_STATUS;
import static org.bourse.engine.WireCodes.ORDER_KIND;
import static org.bourse.engine.WireCodes.ORDER_STATUS;
import static org.bourse.engine.WireCodes.REJECT_REASON;
import static org.bourse.engine.WireCodes.SIDE;
import static org.bourse.engine.WireCodes.TIME_IN_FORCE;
import static org.bourse.engine.util.Wire.readString;
import static org.bourse.engine.util.Wire.writeString;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.StreamCorruptedException;
import java.io.UncheckedIOException;

import org.bourse.engine.account.Account;
import org.bourse.engine.book.BookSide;
import org.bourse.engine.book.Order;
import org.bourse.engine.book.PriceLevel;

/**
 * The whole engine state as bytes, and back. Everything that decides what the next command does is written:
 * configuration, assets, markets with status, last price and book sequence, every price level with its orders
 * in time priority (not id order: an order keeps its place across partial fills), the stop orders in the
 * order they fire, pending orders in expiry order, all balances, the remembered transaction and client order
 * ids oldest first with their expiries, the id and sequence counters, and (format 2) the withdrawal holds and
 * the remembered ends of withdrawals. The engine's {@link Engine#stateHash()}
 * closes the body, and reading checks it, so a field this class forgot to carry shows up as a refused
 * snapshot instead of an engine that silently diverges.
 *
 * <p>The caller owns framing (version, checksum) and must call {@link #write} on the engine thread, or on a
 * stopped engine.
 */
public final class EngineSnapshot {

    /** The body format {@link #write} produces; {@link #read(DataInput, int)} reads this one and every older one. */
    public static final int FORMAT = 2;

    private EngineSnapshot() {
    }

    public static void write(Engine engine, DataOutput out) throws IOException {
        out.writeLong(engine.config().slippagePpm());
        out.writeLong(engine.config().idempotencyRetention());
        out.writeInt(engine.assetList.size());
        for (Asset asset : engine.assetList) {
            writeString(out, asset.code());
            out.writeInt(asset.scale());
            out.writeLong(engine.netDeposits(asset));
        }
        out.writeInt(engine.marketList.size());
        long ordersWritten = 0;
        for (Market market : engine.marketList) {
            writeMarket(out, market);
            ordersWritten += writeSide(out, market.book.bids()) + writeSide(out, market.book.asks());
            out.writeInt(market.stops.size());
            for (Order stop : market.stops.all()) {
                writeOrder(out, stop);
            }
            ordersWritten += market.stops.size();
        }
        out.writeInt(engine.pending.size());
        for (Order order : engine.pending.values()) {
            writeOrder(out, order);
        }
        ordersWritten += engine.pending.size();
        if (ordersWritten != engine.orders.size()) {
            throw new IllegalStateException("the engine knows " + engine.orders.size() + " live orders but only "
                    + ordersWritten + " are in a book, a stop book or pending");
        }
        writeAccounts(out, engine);
        writeRetention(out, engine.transactions);
        writeRetention(out, engine.clientOrderIds);
        out.writeLong(engine.lastOrderId);
        out.writeLong(engine.lastTradeId);
        out.writeLong(engine.lastSequence);
        out.writeLong(engine.lastTimestamp);
        writeWithdrawals(out, engine);
        out.writeLong(engine.stateHash());
    }

    /** Reads the current format. @throws StreamCorruptedException when the bytes do not describe a consistent engine */
    public static Engine read(DataInput in) throws IOException {
        return read(in, FORMAT);
    }

    /**
     * Reads a body of the given format: {@code 1} has no withdrawal holds (there were none before format 2),
     * {@code 2} ends with them.
     *
     * @throws StreamCorruptedException when the bytes do not describe a consistent engine
     */
    public static Engine read(DataInput in, int format) throws IOException {
        if (format < 1 || format > FORMAT) {
            throw new StreamCorruptedException("engine state format " + format + ", this build reads 1 to " + FORMAT);
        }
        Engine engine = new Engine(new EngineConfig(in.readLong(), in.readLong()));
        int assets = count(in);
        for (int i = 0; i < assets; i++) {
            Asset asset = new Asset(i, readString(in), in.readInt());
            engine.addAsset(asset);
            engine.netDeposits[i] = in.readLong();
        }
        int markets = count(in);
        for (int i = 0; i < markets; i++) {
            Market market = readMarket(in, engine, i);
            engine.addMarket(market);
            readSide(in, engine, market.book.bids());
            readSide(in, engine, market.book.asks());
            int stops = count(in);
            for (int s = 0; s < stops; s++) {
                Order stop = readLiveOrder(in, engine, market);
                market.stops.add(stop);
            }
        }
        int pending = count(in);
        for (int i = 0; i < pending; i++) {
            Order order = readLiveOrder(in, engine, null);
            engine.pending.put(order.id, order);
        }
        readAccounts(in, engine);
        readRetention(in, engine.transactions);
        readRetention(in, engine.clientOrderIds);
        engine.lastOrderId = in.readLong();
        engine.lastTradeId = in.readLong();
        engine.lastSequence = in.readLong();
        engine.lastTimestamp = in.readLong();
        if (format >= 2) {
            readWithdrawals(in, engine);
        }
        long expected = in.readLong();
        if (engine.stateHash() != expected) {
            throw new StreamCorruptedException("restored engine's state hash " + engine.stateHash()
                    + " differs from the snapshot's " + expected);
        }
        return engine;
    }

    // ---- markets and books ----

    private static void writeMarket(DataOutput out, Market m) throws IOException {
        writeString(out, m.symbol());
        out.writeInt(m.base().index());
        out.writeInt(m.quote().index());
        out.writeLong(m.tickSize());
        out.writeLong(m.lotSize());
        out.writeLong(m.minQuantity());
        out.writeLong(m.minNotional());
        out.writeLong(m.makerFeePpm());
        out.writeLong(m.takerFeePpm());
        out.writeLong(m.maxPrice());
        out.writeLong(m.maxQuantity());
        MARKET_STATUS.write(out, m.status());
        out.writeLong(m.lastPrice());
        out.writeLong(m.bookSequence());
    }

    private static Market readMarket(DataInput in, Engine engine, int index) throws IOException {
        String symbol = readString(in);
        Asset base = asset(engine, in.readInt());
        Asset quote = asset(engine, in.readInt());
        Market market = new Market(index, symbol, base, quote, in.readLong(), in.readLong(), in.readLong(),
                in.readLong(), in.readLong(), in.readLong(), in.readLong(), in.readLong());
        market.status(MARKET_STATUS.read(in));
        market.lastPrice(in.readLong());
        market.bookSequence(in.readLong());
        return market;
    }

    /** Worst level first, so that restoring appends each level at the best end of the side's array. */
    private static int writeSide(DataOutput out, BookSide side) throws IOException {
        int orders = 0;
        out.writeInt(side.levelCount());
        for (int depth = side.levelCount() - 1; depth >= 0; depth--) {
            PriceLevel level = side.level(depth);
            out.writeLong(level.price());
            out.writeInt(level.orderCount());
            for (Order order = level.first(); order != null; order = order.next()) {
                writeOrder(out, order);
            }
            orders += level.orderCount();
        }
        return orders;
    }

    private static void readSide(DataInput in, Engine engine, BookSide side) throws IOException {
        int levels = count(in);
        for (int l = 0; l < levels; l++) {
            long price = in.readLong();
            int orders = count(in);
            for (int o = 0; o < orders; o++) {
                Order order = readLiveOrder(in, engine, null);
                if (order.price != price || order.isBuy() != side.isBids()) {
                    throw new StreamCorruptedException("order " + order.id + " does not belong to level " + price);
                }
                side.add(order);
            }
        }
    }

    // ---- orders ----

    private static void writeOrder(DataOutput out, Order o) throws IOException {
        out.writeLong(o.id);
        out.writeLong(o.userId);
        out.writeInt(o.market.index());
        SIDE.write(out, o.side);
        ORDER_KIND.write(out, o.kind);
        TIME_IN_FORCE.write(out, o.timeInForce);
        out.writeBoolean(o.postOnly);
        out.writeLong(o.price);
        out.writeLong(o.stopPrice);
        out.writeLong(o.quotedPrice);
        out.writeLong(o.quantity);
        out.writeLong(o.quoteBudget);
        out.writeBoolean(o.budgetLimited);
        out.writeLong(o.filled);
        out.writeLong(o.held);
        out.writeLong(o.notionalUnits);
        out.writeLong(o.notionalFraction);
        out.writeLong(o.settled);
        out.writeLong(o.feeUnits);
        out.writeLong(o.feeFraction);
        out.writeLong(o.fees);
        ORDER_STATUS.write(out, o.status);
        REJECT_REASON.write(out, o.reason);
        writeString(out, o.clientOrderId);
        writeString(out, o.traceId);
        out.writeLong(o.createdAt);
        out.writeLong(o.updatedAt);
    }

    /** Reads an order and registers it as live; {@code expected} is the market whose book holds it, if any. */
    private static Order readLiveOrder(DataInput in, Engine engine, Market expected) throws IOException {
        Order o = new Order();
        o.id = in.readLong();
        o.userId = in.readLong();
        int market = in.readInt();
        if (market < 0 || market >= engine.marketList.size()) {
            throw new StreamCorruptedException("order " + o.id + " names unknown market " + market);
        }
        o.market = engine.marketList.get(market);
        if (expected != null && o.market != expected) {
            throw new StreamCorruptedException("order " + o.id + " filed under the wrong market");
        }
        o.side = SIDE.read(in);
        o.kind = ORDER_KIND.read(in);
        o.timeInForce = TIME_IN_FORCE.read(in);
        o.postOnly = in.readBoolean();
        o.price = in.readLong();
        o.stopPrice = in.readLong();
        o.quotedPrice = in.readLong();
        o.quantity = in.readLong();
        o.quoteBudget = in.readLong();
        o.budgetLimited = in.readBoolean();
        o.filled = in.readLong();
        o.held = in.readLong();
        o.notionalUnits = in.readLong();
        o.notionalFraction = in.readLong();
        o.settled = in.readLong();
        o.feeUnits = in.readLong();
        o.feeFraction = in.readLong();
        o.fees = in.readLong();
        o.status = ORDER_STATUS.read(in);
        o.reason = REJECT_REASON.read(in);
        o.clientOrderId = readString(in);
        o.traceId = readString(in);
        o.createdAt = in.readLong();
        o.updatedAt = in.readLong();
        if (engine.orders.put(o.id, o) != null) {
            throw new StreamCorruptedException("order " + o.id + " appears twice");
        }
        return o;
    }

    // ---- accounts and remembered ids ----

    private static void writeAccounts(DataOutput out, Engine engine) throws IOException {
        out.writeLong(engine.accounts.lastLedgerId());
        writeBalances(out, engine, engine.accounts.fees());
        writeBalances(out, engine, engine.accounts.treasury());
        long[] userIds = engine.accounts.userIds();
        out.writeInt(userIds.length);
        for (long userId : userIds) {
            out.writeLong(userId);
            writeBalances(out, engine, engine.accounts.find(userId));
        }
    }

    private static void writeBalances(DataOutput out, Engine engine, Account account) throws IOException {
        for (Asset asset : engine.assetList) {
            out.writeLong(account.available(asset.index()));
            out.writeLong(account.held(asset.index()));
        }
    }

    private static void readAccounts(DataInput in, Engine engine) throws IOException {
        engine.accounts.lastLedgerId(in.readLong());
        readBalances(in, engine, engine.accounts.fees().id());
        readBalances(in, engine, engine.accounts.treasury().id());
        int users = count(in);
        for (int i = 0; i < users; i++) {
            long userId = in.readLong();
            engine.accounts.open(userId, engine.assetList.size());
            readBalances(in, engine, userId);
        }
    }

    private static void readBalances(DataInput in, Engine engine, long accountId) throws IOException {
        for (int asset = 0; asset < engine.assetList.size(); asset++) {
            engine.accounts.restore(accountId, asset, in.readLong(), in.readLong());
        }
    }

    private static void writeRetention(DataOutput out, Retention<Long> retention) throws IOException {
        out.writeInt(retention.size());
        try {
            retention.forEach((key, entry) -> {
                try {
                    writeString(out, key);
                    out.writeLong(entry.value());
                    out.writeLong(entry.expiresAt());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Oldest first, as written: insertion order is the order {@link Retention#expire} walks. */
    private static void readRetention(DataInput in, Retention<Long> retention) throws IOException {
        int entries = count(in);
        for (int i = 0; i < entries; i++) {
            retention.restore(readString(in), in.readLong(), in.readLong());
        }
    }

    // ---- withdrawals (format 2) ----

    private static void writeWithdrawals(DataOutput out, Engine engine) throws IOException {
        out.writeInt(engine.withdrawalHolds.size());
        for (WithdrawalHold hold : engine.withdrawalHolds.values()) {
            writeString(out, hold.transactionId());
            out.writeLong(hold.userId());
            out.writeInt(hold.asset().index());
            out.writeLong(hold.amount());
            out.writeLong(hold.fee());
            out.writeLong(hold.createdAt());
        }
        writeRetention(out, engine.finishedWithdrawals);
    }

    /** Oldest first, as written. */
    private static void readWithdrawals(DataInput in, Engine engine) throws IOException {
        int holds = count(in);
        for (int i = 0; i < holds; i++) {
            WithdrawalHold hold = new WithdrawalHold(readString(in), in.readLong(), asset(engine, in.readInt()),
                    in.readLong(), in.readLong(), in.readLong());
            if (engine.withdrawalHolds.put(WithdrawalHold.key(hold.userId(), hold.transactionId()), hold) != null) {
                throw new StreamCorruptedException("withdrawal " + hold.transactionId() + " of user " + hold.userId()
                        + " appears twice");
            }
        }
        readRetention(in, engine.finishedWithdrawals);
    }

    // ---- checks ----

    private static Asset asset(Engine engine, int index) throws StreamCorruptedException {
        if (index < 0 || index >= engine.assetList.size()) {
            throw new StreamCorruptedException("unknown asset index " + index);
        }
        return engine.assetList.get(index);
    }

    private static int count(DataInput in) throws IOException {
        int count = in.readInt();
        if (count < 0) {
            throw new StreamCorruptedException("negative count " + count);
        }
        return count;
    }
}
