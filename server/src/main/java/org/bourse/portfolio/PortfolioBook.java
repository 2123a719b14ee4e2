package org.bourse.portfolio;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One user's portfolio as the fills and cash flows made it, every amount in the book currency (USD by default).
 *
 * <p>The invariant every operation keeps, whatever the prices: {@code cash - netInvested = realizedPnl - sum of
 * the lots' costs}. So at any prices, {@code value - netInvested = realized + unrealized}, where value is the cash
 * plus the holdings at those prices and unrealized is each holding's value less its cost.
 *
 * <p>Fees are charged to realized P&L when paid (on buys too), so lots carry what the user paid for the asset and
 * the average buy price is the traded price.
 */
final class PortfolioBook {

    final long userId;
    final String bookCurrency;
    BigDecimal cash;
    BigDecimal netInvested;
    BigDecimal realizedPnl;
    BigDecimal feesPaid;
    long transactions;
    long lastSequence;
    long lastOrderId;
    long updatedAt;
    /** Set when the history could not be followed exactly (see docs/portfolio.md, "needs_recalculation"). */
    boolean needsRecalculation;
    final Map<String, Holding> holdings = new TreeMap<>();
    /** Holdings that reached zero in this batch: their rows are deleted (before a fresh one of the asset is written). */
    final List<String> closed = new ArrayList<>();
    boolean isNew;

    PortfolioBook(long userId, String bookCurrency, BigDecimal cash, BigDecimal netInvested, BigDecimal realizedPnl,
                  BigDecimal feesPaid, long transactions, long lastSequence, long lastOrderId, long updatedAt,
                  boolean needsRecalculation) {
        this.userId = userId;
        this.bookCurrency = bookCurrency;
        this.cash = cash;
        this.netInvested = netInvested;
        this.realizedPnl = realizedPnl;
        this.feesPaid = feesPaid;
        this.transactions = transactions;
        this.lastSequence = lastSequence;
        this.lastOrderId = lastOrderId;
        this.updatedAt = updatedAt;
        this.needsRecalculation = needsRecalculation;
    }

    static PortfolioBook empty(long userId, String bookCurrency) {
        PortfolioBook book = new PortfolioBook(userId, bookCurrency, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO,
                BigDecimal.ZERO, 0, 0, 0, 0, false);
        book.isNew = true;
        return book;
    }

    /** Quantity held of an asset, the book currency included. */
    BigDecimal quantity(String asset) {
        if (asset.equals(bookCurrency)) {
            return cash;
        }
        Holding h = holdings.get(asset);
        return h == null ? BigDecimal.ZERO : h.quantity();
    }

    /** The sum of every lot's cost. */
    BigDecimal cost() {
        BigDecimal sum = BigDecimal.ZERO;
        for (Holding h : holdings.values()) {
            sum = sum.add(h.cost());
        }
        return sum;
    }

    /**
     * A buy of {@code quantity} of {@code asset} that cost {@code cost} (book currency, before the fee) and a fee
     * of {@code fee} (book currency); the quote side is {@link #spend}.
     */
    void bought(String asset, BigDecimal quantity, BigDecimal cost, BigDecimal fee, long at, long orderId) {
        Holding h = holding(asset);
        h.acquire(quantity, cost, at, orderId, true);
        h.transactions++;
        chargeFee(h, fee);
        traded(orderId);
    }

    /** A sell of {@code quantity} for {@code proceeds} (book currency, before the fee); the quote side is {@link #receive}. */
    void sold(String asset, BigDecimal quantity, BigDecimal proceeds, BigDecimal fee, long orderId) {
        Holding h = holding(asset);
        BigDecimal cost = take(h, quantity);
        realize(h, proceeds.subtract(cost));
        h.transactions++;
        chargeFee(h, fee);
        traded(orderId);
        closeIfEmpty(h);
    }

    /** The quote side of a buy: {@code amount} of {@code asset} paid away, worth {@code value} in the book currency. */
    void spend(String asset, BigDecimal amount, BigDecimal value) {
        if (asset.equals(bookCurrency)) {
            cash = cash.subtract(amount);
            return;
        }
        Holding h = holding(asset);
        realize(h, value.subtract(take(h, amount)));
        closeIfEmpty(h);
    }

    /** The quote side of a sell: {@code amount} of {@code asset} received, worth {@code value}. */
    void receive(String asset, BigDecimal amount, BigDecimal value, long at, long orderId) {
        if (asset.equals(bookCurrency)) {
            cash = cash.add(amount);
            return;
        }
        holding(asset).acquire(amount, value, at, orderId, false);
    }

    /** A deposit or transfer in: money put into the portfolio, worth {@code value} when it came. */
    void flowedIn(String asset, BigDecimal amount, BigDecimal value, long at) {
        netInvested = netInvested.add(value);
        transactions++;
        if (asset.equals(bookCurrency)) {
            cash = cash.add(amount);
            return;
        }
        holding(asset).acquire(amount, value, at, null, false);
    }

    /** A withdrawal or transfer out: money taken out, worth {@code value} when it left; the lots go FIFO. */
    void flowedOut(String asset, BigDecimal amount, BigDecimal value) {
        netInvested = netInvested.subtract(value);
        transactions++;
        if (asset.equals(bookCurrency)) {
            cash = cash.subtract(amount);
            return;
        }
        Holding h = holding(asset);
        realize(h, value.subtract(take(h, amount)));
        closeIfEmpty(h);
    }

    /** A fee outside a trade (a withdrawal's network fee): the units are given away, their cost is lost. */
    void paidFee(String asset, BigDecimal amount) {
        if (asset.equals(bookCurrency)) {
            cash = cash.subtract(amount);
            realizedPnl = realizedPnl.subtract(amount);
            feesPaid = feesPaid.add(amount);
            return;
        }
        Holding h = holding(asset);
        BigDecimal cost = take(h, amount);
        realize(h, cost.negate());
        h.feesPaid = h.feesPaid.add(cost);
        feesPaid = feesPaid.add(cost);
        closeIfEmpty(h);
    }

    private BigDecimal take(Holding h, BigDecimal quantity) {
        BigDecimal[] taken = h.consume(quantity);
        if (taken[1].signum() > 0) {
            needsRecalculation = true; // more went out than the portfolio saw come in
        }
        return taken[0];
    }

    private void chargeFee(Holding h, BigDecimal fee) {
        h.feesPaid = h.feesPaid.add(fee);
        feesPaid = feesPaid.add(fee);
        realize(h, fee.negate());
    }

    private void realize(Holding h, BigDecimal pnl) {
        h.realizedPnl = h.realizedPnl.add(pnl);
        realizedPnl = realizedPnl.add(pnl);
    }

    private void traded(long orderId) {
        transactions++;
        lastOrderId = Math.max(lastOrderId, orderId);
    }

    private Holding holding(String asset) {
        return holdings.computeIfAbsent(asset, Holding::empty);
    }

    private void closeIfEmpty(Holding h) {
        if (h.isEmpty()) {
            holdings.remove(h.asset);
            closed.add(h.asset);
        }
    }
}
