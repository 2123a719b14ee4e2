package org.bourse.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;

import org.bourse.engine.account.Account;
import org.bourse.engine.account.Accounts;
import org.bourse.engine.book.BookSide;
import org.bourse.engine.book.Order;
import org.bourse.engine.book.PriceLevel;
import org.bourse.engine.command.CancelOrder;
import org.bourse.engine.command.ExecuteOrder;
import org.bourse.engine.command.ExpirePendingOrders;
import org.bourse.engine.command.PlaceOrder;

/**
 * The life of an order inside the engine: validation, valuation, holds, matching at price-time priority,
 * settlement of every fill, stop triggers, cancellation. Works on the {@link Engine}'s state, on its thread.
 *
 * <p>How money stays exact and covered: a buy order holds {@code ceil(price * quantity) + ceil(that * max fee
 * rate)} of the quote asset. Its fills are charged cumulatively: after each fill the order has paid
 * {@code ceil(exact value traded so far)} plus {@code ceil(exact fees so far)}, so rounding never adds up
 * across fills and the total charged can never pass the hold. A seller receives each fill's value rounded
 * down, less its fee rounded up. What the rounding leaves between buyer and seller goes to the fee account,
 * so every fill's ledger lines sum to zero per asset.
 */
final class OrderExecution {

    private static final long PPM = Money.PPM;

    private final Engine engine;
    /** Stops fired by trades, in trade order, waiting to execute once the order that traded is done. */
    private final ArrayDeque<Order> firedStops = new ArrayDeque<>();
    private final ArrayList<Order> fired = new ArrayList<>();

    OrderExecution(Engine engine) {
        this.engine = engine;
    }

    // ---- commands ----

    Result place(PlaceOrder c) {
        Market market = engine.markets.get(c.market());
        if (market == null) {
            return rejected(c, RejectReason.MARKET_NOT_FOUND);
        }
        String clientKey = c.clientOrderId() == null ? null : c.userId() + ":" + c.clientOrderId();
        if (clientKey != null) {
            Long existing = engine.clientOrderIds.get(clientKey);
            if (existing != null) {
                return Result.existingOrder(existing);
            }
        }
        TimeInForce timeInForce = c.timeInForce() != null ? c.timeInForce()
                : c.kind() != null && c.kind().hasLimitPrice() ? TimeInForce.GTC : TimeInForce.IOC;
        RejectReason invalid = OrderRules.check(market, c, timeInForce);
        if (invalid != null) {
            return rejected(c, invalid);
        }
        Account account = engine.accounts.find(c.userId());
        if (account == null) {
            return rejected(c, RejectReason.INSUFFICIENT_FUNDS);
        }
        Order order = newOrder(market, c, timeInForce);
        if (market.status() == MarketStatus.HALTED) {
            return createdFailed(order, clientKey, RejectReason.MARKET_HALTED);
        }
        if (!value(order)) {
            return createdFailed(order, clientKey, RejectReason.NO_LIQUIDITY);
        }
        if (order.quoteBudget == 0 && Money.notionalFloor(order.quotedPrice, order.quantity, market.base().unit())
                < market.minNotional()) {
            return rejected(c, RejectReason.BELOW_MIN_NOTIONAL);
        }
        if (account.available(reservedAsset(order).index()) < creationRequirement(order)) {
            return rejected(c, RejectReason.INSUFFICIENT_FUNDS);
        }
        register(order, clientKey);
        if (!c.execute()) {
            order.status = OrderStatus.PENDING;
            engine.orders.put(order.id, order);
            engine.pending.put(order.id, order);
            changed(order, OrderEvent.CREATED);
            return Result.order(order.id);
        }
        engine.orders.put(order.id, order);
        hold(order, account); // cannot fail: the requirement was just checked
        start(order);
        runFiredStops();
        return Result.order(order.id);
    }

    Result execute(ExecuteOrder c) {
        Order order = engine.orders.get(c.orderId());
        if (order == null || order.userId != c.userId()) {
            return Result.rejected(RejectReason.ORDER_NOT_FOUND);
        }
        if (order.status != OrderStatus.PENDING) {
            return Result.rejected(RejectReason.ORDER_NOT_PENDING);
        }
        engine.pending.remove(order.id);
        if (order.market.status() == MarketStatus.HALTED) {
            end(order, OrderStatus.FAILED, RejectReason.MARKET_HALTED);
            return Result.order(order.id);
        }
        Account account = engine.accounts.find(order.userId);
        if (account.available(reservedAsset(order).index()) < creationRequirement(order)) {
            end(order, OrderStatus.FAILED, RejectReason.INSUFFICIENT_FUNDS);
            return Result.order(order.id);
        }
        hold(order, account);
        start(order);
        runFiredStops();
        return Result.order(order.id);
    }

    Result cancel(CancelOrder c) {
        Order order = engine.orders.get(c.orderId());
        if (order == null || order.userId != c.userId()) {
            return Result.rejected(RejectReason.ORDER_NOT_FOUND);
        }
        if (order.status == OrderStatus.PENDING) {
            engine.pending.remove(order.id);
        } else if (order.isResting()) {
            takeFromBook(order);
        } else {
            order.market.stops.remove(order);
        }
        end(order, OrderStatus.CANCELLED, RejectReason.USER_CANCELLED);
        return Result.order(order.id);
    }

    Result expire(ExpirePendingOrders c) {
        Iterator<Order> oldest = engine.pending.values().iterator();
        ArrayList<Order> expired = new ArrayList<>();
        while (oldest.hasNext()) {
            Order order = oldest.next();
            if (order.createdAt > c.createdAtOrBefore()) {
                break;
            }
            oldest.remove();
            expired.add(order);
        }
        for (Order order : expired) {
            end(order, OrderStatus.CANCELLED, RejectReason.EXPIRED);
        }
        return Result.OK;
    }

    // ---- creation ----

    private Order newOrder(Market market, PlaceOrder c, TimeInForce timeInForce) {
        Order order = new Order();
        order.userId = c.userId();
        order.market = market;
        order.side = c.side();
        order.kind = c.kind();
        order.timeInForce = timeInForce;
        order.postOnly = c.postOnly();
        order.price = c.kind().hasLimitPrice() ? c.price() : 0;
        order.stopPrice = c.kind().isStop() ? c.stopPrice() : 0;
        order.quoteBudget = c.quoteBudget();
        // a buy by quote amount has no quantity of its own: the market's bound stands in until it is done
        order.quantity = c.quoteBudget() > 0 ? market.maxQuantity() : c.quantity();
        order.clientOrderId = c.clientOrderId();
        order.traceId = c.traceId();
        order.createdAt = engine.now;
        order.updatedAt = engine.now;
        return order;
    }

    private void register(Order order, String clientKey) {
        order.id = ++engine.lastOrderId;
        if (clientKey != null) {
            engine.clientOrderIds.put(clientKey, order.id, engine.now);
        }
    }

    /** An order that exists (the user sees it) but could not run: on a halted market, or unpriceable. */
    private Result createdFailed(Order order, String clientKey, RejectReason reason) {
        register(order, clientKey);
        if (order.quoteBudget > 0) {
            order.quantity = 0;
        }
        order.status = OrderStatus.FAILED;
        order.reason = reason;
        changed(order, OrderEvent.FAILED);
        return Result.order(order.id);
    }

    /**
     * Sets the price the order is valued at and the worst price it may trade at. Market orders take the
     * market's price (the best opposite price, else the last trade) and may trade up to the slippage bound
     * from it; stop-market orders the same around their stop price. @return false when there is no price
     */
    private boolean value(Order order) {
        Market market = order.market;
        switch (order.kind) {
            case LIMIT, STOP_LIMIT -> order.quotedPrice = order.price;
            case STOP_MARKET -> {
                // held for up to the slippage bound around the stop; re-bounded around the trigger when it fires
                order.quotedPrice = order.stopPrice;
                order.price = protectionPrice(market, order.side, order.stopPrice);
            }
            case MARKET -> {
                long best = order.isBuy() ? market.bestAsk() : market.bestBid();
                long quote = best != 0 ? best : market.lastPrice();
                if (quote == 0) {
                    return false;
                }
                order.quotedPrice = quote;
                order.price = protectionPrice(market, order.side, quote);
                // an IOC market buy may stop early when its funds run out; FOK must hold for all of it
                order.budgetLimited = order.isBuy() && order.timeInForce == TimeInForce.IOC;
            }
        }
        return true;
    }

    /**
     * The worst price an order may trade at: the slippage bound around {@code reference}, rounded to the tick
     * inside the bound, so that it never trades further from its reference than the slippage allows (API.md).
     * The reference is on a tick, so the result is never on the wrong side of it.
     */
    private long protectionPrice(Market market, Side side, long reference) {
        long tick = market.tickSize();
        long slippage = engine.config().slippagePpm();
        if (side == Side.BUY) {
            long worst = Money.mulDivFloor(reference, PPM + slippage, PPM);
            return Math.min(worst / tick * tick, market.maxPrice());
        }
        long worst = Money.mulDivCeil(reference, PPM - slippage, PPM);
        long rounded = (worst + tick - 1) / tick * tick;
        return Math.max(rounded, tick);
    }

    private static Asset reservedAsset(Order order) {
        return order.isBuy() ? order.market.quote() : order.market.base();
    }

    /**
     * What the user must have available for the order to be created (seed 000's check): a sell its quantity;
     * a buy its value plus the fee, at its limit, or for a market buy at the quoted price.
     */
    private static long creationRequirement(Order order) {
        Market market = order.market;
        if (!order.isBuy()) {
            return order.quantity;
        }
        if (order.quoteBudget > 0) {
            return order.quoteBudget;
        }
        if (order.budgetLimited) {
            long value = Money.notionalCeil(order.quotedPrice, order.quantity, market.base().unit());
            return value + Money.feeCeil(value, market.takerFeePpm());
        }
        return limitHold(market, order.price, order.quantity);
    }

    /** The most a buy at {@code price} can cost, fees included, whether it ends up maker or taker. */
    static long limitHold(Market market, long price, long quantity) {
        long value = Money.notionalCeil(price, quantity, market.base().unit());
        return value + Money.feeCeil(value, market.maxFeePpm());
    }

    private void hold(Order order, Account account) {
        Asset asset = reservedAsset(order);
        long amount;
        if (!order.isBuy()) {
            amount = order.quantity;
        } else if (order.quoteBudget > 0) {
            amount = order.quoteBudget;
        } else if (order.budgetLimited) {
            // up to the protection price if the funds allow, else what is available (at least the quoted cost)
            amount = Math.min(account.available(asset.index()), limitHold(order.market, order.price, order.quantity));
        } else {
            amount = limitHold(order.market, order.price, order.quantity);
        }
        engine.accounts.hold(account, asset, amount);
        order.held = amount;
    }

    // ---- execution ----

    /** A held order begins: it waits for its trigger, or it trades. */
    private void start(Order order) {
        order.status = OrderStatus.OPEN;
        order.updatedAt = engine.now;
        changed(order, OrderEvent.ACCEPTED);
        if (order.kind.isStop()) {
            long last = order.market.lastPrice();
            boolean reached = last != 0 && (order.isBuy() ? last >= order.stopPrice : last <= order.stopPrice);
            if (!reached) {
                order.market.stops.add(order);
                return;
            }
            fire(order, last);
            trigger(order);
        }
        take(order);
    }

    /** The order takes liquidity, then rests, completes, or has its remainder cancelled. */
    private void take(Order order) {
        if (order.postOnly && crossesBest(order)) {
            end(order, OrderStatus.FAILED, RejectReason.POST_ONLY_WOULD_TAKE);
            return;
        }
        if (order.timeInForce == TimeInForce.FOK && !canFillEntirely(order)) {
            end(order, OrderStatus.CANCELLED, RejectReason.TIME_IN_FORCE);
            return;
        }
        RejectReason stoppedBy = match(order);
        if (order.quoteBudget > 0) {
            finishQuoteBudget(order, stoppedBy);
            return;
        }
        if (order.remaining() == 0) {
            end(order, OrderStatus.EXECUTED, null);
            return;
        }
        if (stoppedBy == null && order.kind.hasLimitPrice() && order.timeInForce == TimeInForce.GTC) {
            rest(order);
            return;
        }
        RejectReason reason = stoppedBy != null ? stoppedBy
                : order.kind.hasLimitPrice() ? RejectReason.TIME_IN_FORCE : RejectReason.NO_LIQUIDITY;
        if (order.filled > 0 || reason == RejectReason.TIME_IN_FORCE) {
            end(order, OrderStatus.CANCELLED, reason);
        } else {
            // nothing traded at all: the order could not execute
            end(order, OrderStatus.FAILED,
                    reason == RejectReason.BUDGET_EXHAUSTED ? RejectReason.INSUFFICIENT_FUNDS : reason);
        }
    }

    /** A buy by quote amount is done when it has bought what its budget or the book allowed. */
    private void finishQuoteBudget(Order order, RejectReason stoppedBy) {
        order.quantity = order.filled;
        if (order.filled > 0) {
            end(order, OrderStatus.EXECUTED, null);
        } else {
            end(order, OrderStatus.FAILED, stoppedBy == RejectReason.BUDGET_EXHAUSTED
                    ? RejectReason.INSUFFICIENT_FUNDS : stoppedBy != null ? stoppedBy : RejectReason.NO_LIQUIDITY);
        }
    }

    private boolean crossesBest(Order order) {
        BookSide opposite = order.market.book.side(!order.isBuy());
        return opposite.levelCount() > 0 && crosses(order, opposite.bestPrice());
    }

    private static boolean crosses(Order order, long restingPrice) {
        return order.isBuy() ? restingPrice <= order.price : restingPrice >= order.price;
    }

    /** Whether the book holds enough at acceptable prices, before reaching one of the user's own orders. */
    private boolean canFillEntirely(Order order) {
        BookSide opposite = order.market.book.side(!order.isBuy());
        long needed = order.remaining();
        for (int depth = 0; depth < opposite.levelCount() && needed > 0; depth++) {
            PriceLevel level = opposite.level(depth);
            if (!crosses(order, level.price())) {
                return false;
            }
            for (Order resting = level.first(); resting != null && needed > 0; resting = resting.next()) {
                if (resting.userId == order.userId) {
                    return false;
                }
                needed -= Math.min(needed, resting.remaining());
            }
        }
        return needed == 0;
    }

    /**
     * Trades the order against the opposite side, best price first, oldest order first at each price.
     * @return why it stopped before running out of acceptable prices: self-trade prevention or its budget; else null
     */
    private RejectReason match(Order taker) {
        Market market = taker.market;
        BookSide opposite = market.book.side(!taker.isBuy());
        while (taker.remaining() > 0) {
            PriceLevel level = opposite.best();
            if (level == null || !crosses(taker, level.price())) {
                return null;
            }
            Order maker = level.first();
            if (maker.userId == taker.userId) {
                return RejectReason.SELF_TRADE_PREVENTED;
            }
            long quantity = Math.min(taker.remaining(), maker.remaining());
            if (taker.budgetLimited || taker.quoteBudget > 0) {
                quantity = affordable(taker, level.price(), quantity);
                if (quantity == 0) {
                    return RejectReason.BUDGET_EXHAUSTED;
                }
            }
            fill(taker, maker, opposite, level, quantity);
        }
        return null;
    }

    /**
     * The most (in whole lots, up to {@code most}) a budget-limited buy can pay for at {@code price}. The charge
     * grows with the quantity, but rounding makes it step unevenly, so the answer is searched, not estimated.
     */
    private long affordable(Order buy, long price, long most) {
        Market market = buy.market;
        long lot = market.lotSize();
        long rate = market.takerFeePpm();
        long low = 0;              // lots known affordable
        long high = most / lot;    // lots not yet known unaffordable
        if (charge(buy, price, high * lot, rate) <= buy.held) {
            return high * lot;
        }
        while (high - low > 1) {
            long mid = (low + high) >>> 1;
            if (charge(buy, price, mid * lot, rate) <= buy.held) {
                low = mid;
            } else {
                high = mid;
            }
        }
        return low * lot;
    }

    /** What buying {@code quantity} at {@code price} would cost the order now, fees included, without doing it. */
    private static long charge(Order buy, long price, long quantity, long rate) {
        long units = buy.notionalUnits;
        long fraction = buy.notionalFraction;
        long feeUnits = buy.feeUnits;
        long feeFraction = buy.feeFraction;
        long cost = accrueValue(buy, price, quantity);
        long fee = accrueFee(buy, cost, rate);
        buy.notionalUnits = units;
        buy.notionalFraction = fraction;
        buy.feeUnits = feeUnits;
        buy.feeFraction = feeFraction;
        return cost + fee;
    }

    /**
     * Adds {@code price * quantity / baseUnit} to the order's exact traded value.
     * @return how much the rounded-up value grew: what a buyer pays for this fill
     */
    private static long accrueValue(Order order, long price, long quantity) {
        long unit = order.market.base().unit();
        long before = order.notionalUnits + (order.notionalFraction > 0 ? 1 : 0);
        long part = (quantity % unit) * price;
        long fraction = order.notionalFraction + part % unit;
        order.notionalUnits += (quantity / unit) * price + part / unit + fraction / unit;
        order.notionalFraction = fraction % unit;
        return order.notionalUnits + (order.notionalFraction > 0 ? 1 : 0) - before;
    }

    /** Adds {@code cost * rate} to the order's exact fees. @return how much the rounded-up fees grew */
    private static long accrueFee(Order order, long cost, long ratePpm) {
        long before = order.feeUnits + (order.feeFraction > 0 ? 1 : 0);
        long part = (cost % PPM) * ratePpm;
        long fraction = order.feeFraction + part % PPM;
        order.feeUnits += (cost / PPM) * ratePpm + part / PPM + fraction / PPM;
        order.feeFraction = fraction % PPM;
        return order.feeUnits + (order.feeFraction > 0 ? 1 : 0) - before;
    }

    /** One trade at the maker's price: settle both sides from their holds, update the book, note stop triggers. */
    private void fill(Order taker, Order maker, BookSide makerSide, PriceLevel level, long quantity) {
        Market market = taker.market;
        long price = level.price();
        long tradeId = ++engine.lastTradeId;
        Order buy = taker.isBuy() ? taker : maker;
        Order sell = taker.isBuy() ? maker : taker;
        long buyRate = buy == taker ? market.takerFeePpm() : market.makerFeePpm();
        long sellRate = sell == taker ? market.takerFeePpm() : market.makerFeePpm();

        long buyerPays = accrueValue(buy, price, quantity);
        long buyerFee = accrueFee(buy, buyerPays, buyRate);
        accrueValue(sell, price, quantity);
        long sellerGets = Money.notionalFloor(price, quantity, market.base().unit());
        long sellerFee = Money.feeCeil(sellerGets, sellRate);
        settle(buy, sell, tradeId, quantity, buyerPays, buyerFee, sellerGets, sellerFee);

        makerSide.filled(maker, quantity);
        taker.filled += quantity;
        taker.status = OrderStatus.PARTIALLY_FILLED; // until it ends, whichever way
        taker.updatedAt = engine.now;
        maker.updatedAt = engine.now;
        market.lastPrice(price);
        long makerFee = maker == buy ? buyerFee : sellerFee;
        long takerFee = taker == buy ? buyerFee : sellerFee;
        engine.listener().trade(tradeId, market, price, quantity, maker, taker, makerFee, takerFee, buyerPays, sellerGets);

        if (maker.remaining() == 0) {
            makerSide.remove(maker);
            end(maker, OrderStatus.EXECUTED, null);
        } else {
            maker.status = OrderStatus.PARTIALLY_FILLED;
            changed(maker, OrderEvent.PARTIALLY_FILLED);
        }
        levelChanged(market, maker.side, level);

        fired.clear();
        market.stops.takeTriggered(price, fired);
        for (int i = 0; i < fired.size(); i++) {
            fire(fired.get(i), price);
        }
        firedStops.addAll(fired);
    }

    private void settle(Order buy, Order sell, long tradeId, long quantity, long buyerPays, long buyerFee,
                        long sellerGets, long sellerFee) {
        Accounts accounts = engine.accounts;
        Market market = buy.market;
        Asset base = market.base();
        Asset quote = market.quote();
        String trace = engine.traceId;
        Account buyer = accounts.find(buy.userId);
        Account seller = accounts.find(sell.userId);

        accounts.spendHeld(buyer, quote, buyerPays, LedgerType.TRADE, buy.id, tradeId, trace);
        accounts.spendHeld(buyer, quote, buyerFee, LedgerType.FEE, buy.id, tradeId, trace);
        buy.held -= buyerPays + buyerFee;
        accounts.post(buyer, base, quantity, LedgerType.TRADE, buy.id, tradeId, null, trace);

        accounts.spendHeld(seller, base, quantity, LedgerType.TRADE, sell.id, tradeId, trace);
        sell.held -= quantity;
        accounts.post(seller, quote, sellerGets, LedgerType.TRADE, sell.id, tradeId, null, trace);
        accounts.post(seller, quote, -sellerFee, LedgerType.FEE, sell.id, tradeId, null, trace);

        // the fees, and the rounding between what the buyer paid and the seller received
        long exchangeTake = buyerFee + sellerFee + (buyerPays - sellerGets);
        accounts.post(accounts.fees(), quote, exchangeTake, LedgerType.FEE, 0, tradeId, null, trace);

        buy.settled += buyerPays;
        buy.fees += buyerFee;
        sell.settled += sellerGets;
        sell.fees += sellerFee;
    }

    private void rest(Order order) {
        order.status = order.filled > 0 ? OrderStatus.PARTIALLY_FILLED : OrderStatus.OPEN;
        PriceLevel level = order.market.book.side(order.isBuy()).add(order);
        if (order.filled > 0) {
            changed(order, OrderEvent.PARTIALLY_FILLED);
        }
        levelChanged(order.market, order.side, level);
    }

    private void takeFromBook(Order order) {
        PriceLevel level = order.market.book.side(order.isBuy()).remove(order);
        levelChanged(order.market, order.side, level);
    }

    /** Runs the stops that trades fired, oldest trigger first; their own trades may fire more. */
    private void runFiredStops() {
        Order stop;
        while ((stop = firedStops.pollFirst()) != null) {
            trigger(stop);
            take(stop);
        }
    }

    /**
     * A stop fires at {@code firedAt}, the price of the trade that reached its stop. A stop-market order becomes
     * a market order bounded by the slippage around that price: the market may have gapped past the stop, and
     * may move on before the stop's turn comes (stops fired by a sweep run after it). A buy then spends at most
     * what it holds.
     */
    private void fire(Order stop, long firedAt) {
        if (stop.kind == OrderKind.STOP_MARKET) {
            stop.price = protectionPrice(stop.market, stop.side, firedAt);
            stop.budgetLimited = stop.isBuy();
        }
    }

    /** A fired stop's turn has come: it executes now. */
    private void trigger(Order stop) {
        stop.updatedAt = engine.now;
        changed(stop, OrderEvent.TRIGGERED);
    }

    /** The order is finished: its unused hold goes back to available, and it leaves the engine. */
    private void end(Order order, OrderStatus status, RejectReason reason) {
        if (order.held > 0) {
            engine.accounts.release(engine.accounts.find(order.userId), reservedAsset(order), order.held);
            order.held = 0;
        }
        order.status = status;
        order.reason = reason;
        order.updatedAt = engine.now;
        engine.orders.remove(order.id);
        changed(order, switch (status) {
            case EXECUTED -> OrderEvent.FILLED;
            case FAILED -> OrderEvent.FAILED;
            default -> OrderEvent.CANCELLED;
        });
    }

    private void changed(Order order, OrderEvent event) {
        engine.listener().orderChanged(order, event);
    }

    private void levelChanged(Market market, Side side, PriceLevel level) {
        engine.listener().levelChanged(market, side, level.price(), level.totalQuantity(), level.orderCount(),
                market.nextBookSequence());
    }

    private Result rejected(PlaceOrder c, RejectReason reason) {
        engine.listener().orderRejected(c.userId(), c.clientOrderId(), c.market(), reason);
        return Result.rejected(reason);
    }
}
