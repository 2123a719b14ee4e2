package org.bourse.portfolio;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * One user's position in one asset (not the book currency): its FIFO lots, oldest first, and what it has realized.
 * Mutable, owned by the projector thread while a batch is applied; it remembers which lots changed so the
 * repository writes only those.
 */
final class Holding {

    final String asset;
    private final Deque<Lot> lots;
    BigDecimal averageBuyPrice;
    BigDecimal realizedPnl;
    BigDecimal feesPaid;
    long transactions;
    private long nextLot;
    /** Lots from here on are not in the database yet. */
    long firstUnsavedLot;
    /** Lots to delete (consumed) and to write (new or partly consumed), by seq. */
    final List<Long> removedLots = new ArrayList<>();
    final List<Lot> writtenLots = new ArrayList<>();
    boolean changed;
    /** Not in the database yet. */
    boolean fresh;

    Holding(String asset, List<Lot> lots, BigDecimal averageBuyPrice, BigDecimal realizedPnl, BigDecimal feesPaid,
            long transactions, long nextLot) {
        this.asset = asset;
        this.lots = new ArrayDeque<>(lots);
        this.averageBuyPrice = averageBuyPrice;
        this.realizedPnl = realizedPnl;
        this.feesPaid = feesPaid;
        this.transactions = transactions;
        this.nextLot = nextLot;
        this.firstUnsavedLot = nextLot;
    }

    static Holding empty(String asset) {
        Holding h = new Holding(asset, List.of(), BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, 0, 1);
        h.fresh = true;
        return h;
    }

    BigDecimal quantity() {
        BigDecimal sum = BigDecimal.ZERO;
        for (Lot lot : lots) {
            sum = sum.add(lot.quantity());
        }
        return sum;
    }

    /** What the quantity held cost: the sum of the lots' costs (the invested amount). */
    BigDecimal cost() {
        BigDecimal sum = BigDecimal.ZERO;
        for (Lot lot : lots) {
            sum = sum.add(lot.cost());
        }
        return sum;
    }

    List<Lot> lots() {
        return List.copyOf(lots);
    }

    long nextLot() {
        return nextLot;
    }

    boolean isEmpty() {
        return lots.isEmpty();
    }

    /**
     * A new lot at the back. On a buy (not on a deposit) the weighted average buy price moves:
     * {@code (old_qty*old_avg + new_qty*new_price)/total_qty}.
     */
    void acquire(BigDecimal quantity, BigDecimal cost, long at, Long orderId, boolean buy) {
        if (quantity.signum() <= 0) {
            return;
        }
        BigDecimal held = quantity();
        if (buy || held.signum() == 0) {
            averageBuyPrice = held.multiply(averageBuyPrice).add(cost)
                    .divide(held.add(quantity), Money.SCALE, RoundingMode.HALF_EVEN);
        }
        Lot lot = new Lot(nextLot++, Money.stored(quantity), Money.stored(cost), at, orderId);
        lots.addLast(lot);
        writtenLots.add(lot);
        changed = true;
    }

    /**
     * Takes {@code quantity} from the oldest lots, the last one partly where needed. @return the cost of what was
     * taken, and in [1] the quantity there were no lots for (a history that began before the portfolio did)
     */
    BigDecimal[] consume(BigDecimal quantity) {
        BigDecimal left = quantity;
        BigDecimal cost = BigDecimal.ZERO;
        while (left.signum() > 0 && !lots.isEmpty()) {
            Lot oldest = lots.peekFirst();
            if (oldest.quantity().compareTo(left) <= 0) {
                lots.pollFirst();
                removedLots.add(oldest.seq());
                writtenLots.removeIf(l -> l.seq() == oldest.seq());
                cost = cost.add(oldest.cost());
                left = left.subtract(oldest.quantity());
            } else {
                // the share of the cost taken is rounded; the rest stays on the lot, so no cost is lost or made up
                BigDecimal share = Money.stored(oldest.cost().multiply(left)
                        .divide(oldest.quantity(), Money.SCALE + 4, RoundingMode.HALF_EVEN));
                Lot rest = new Lot(oldest.seq(), oldest.quantity().subtract(left), oldest.cost().subtract(share),
                        oldest.acquiredAt(), oldest.orderId());
                lots.pollFirst();
                lots.addFirst(rest);
                writtenLots.removeIf(l -> l.seq() == rest.seq());
                writtenLots.add(rest);
                cost = cost.add(share);
                left = BigDecimal.ZERO;
            }
        }
        changed = true;
        if (lots.isEmpty()) {
            averageBuyPrice = BigDecimal.ZERO;
        }
        return new BigDecimal[] {cost, left.max(BigDecimal.ZERO)};
    }

    void clearChanges() {
        firstUnsavedLot = nextLot;
        removedLots.clear();
        writtenLots.clear();
        changed = false;
    }
}
