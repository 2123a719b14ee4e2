package org.bourse.portfolio;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * One FIFO cost-basis lot: what is left of one acquisition. {@code cost} is what the remaining quantity cost, in
 * the book currency, exactly as paid (fees are charged to realized P&L, not to lots); {@code seq} orders the lots
 * of a holding, oldest first. {@code orderId} is null for a deposit or a transfer in.
 */
record Lot(long seq, BigDecimal quantity, BigDecimal cost, long acquiredAt, Long orderId) {

    /** Cost per unit, for display (the exact figure is {@code cost}). */
    BigDecimal price() {
        return quantity.signum() == 0 ? BigDecimal.ZERO : cost.divide(quantity, Money.SCALE, RoundingMode.HALF_EVEN);
    }
}
