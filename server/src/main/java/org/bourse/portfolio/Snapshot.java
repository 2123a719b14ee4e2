package org.bourse.portfolio;

import java.math.BigDecimal;

/**
 * A portfolio's value at one time, in the book currency: {@code invested} is the net invested (deposits and
 * transfers in less withdrawals and transfers out, at their value when they moved); {@code benchmark} the BTC
 * price in the book currency then (null when there was none), for beta and alpha.
 */
record Snapshot(long at, BigDecimal value, BigDecimal invested, BigDecimal benchmark) {

    BigDecimal profitLoss() {
        return value.subtract(invested);
    }
}
