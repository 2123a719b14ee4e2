package org.bourse.engine;

import org.bourse.engine.command.PlaceOrder;

/** The checks an order must pass before anything is valued or held; each failure has its own reason. */
final class OrderRules {

    private OrderRules() {
    }

    /** @return why the order cannot be placed on this market, or null when it can */
    static RejectReason check(Market market, PlaceOrder c, TimeInForce timeInForce) {
        if (c.side() == null || c.kind() == null || c.userId() <= 0) {
            return RejectReason.INVALID_ORDER;
        }
        OrderKind kind = c.kind();
        boolean marketPriced = !kind.hasLimitPrice();
        if (marketPriced && timeInForce == TimeInForce.GTC) {
            return RejectReason.INVALID_ORDER; // a market order never rests
        }
        if (kind == OrderKind.STOP_MARKET && timeInForce == TimeInForce.FOK) {
            return RejectReason.INVALID_ORDER; // its price is only known when it fires, so all-or-nothing cannot be held for
        }
        if (c.postOnly() && (kind != OrderKind.LIMIT || timeInForce != TimeInForce.GTC)) {
            return RejectReason.INVALID_ORDER;
        }
        RejectReason amount = c.quoteBudget() != 0 ? checkBudget(market, c, timeInForce) : checkQuantity(market, c.quantity());
        if (amount != null) {
            return amount;
        }
        if (kind.hasLimitPrice() && !validPrice(market, c.price())) {
            return RejectReason.INVALID_PRICE;
        }
        if (kind.isStop() && !validPrice(market, c.stopPrice())) {
            return RejectReason.INVALID_STOP_PRICE;
        }
        if (kind.hasLimitPrice()
                && Money.notionalFloor(c.price(), c.quantity(), market.base().unit()) < market.minNotional()) {
            return RejectReason.BELOW_MIN_NOTIONAL;
        }
        return null;
    }

    private static RejectReason checkQuantity(Market market, long quantity) {
        if (quantity <= 0 || quantity % market.lotSize() != 0 || quantity < market.minQuantity()
                || quantity > market.maxQuantity()) {
            return RejectReason.INVALID_QUANTITY;
        }
        return null;
    }

    /** Only an immediate market buy may name the quote amount to spend instead of a quantity. */
    private static RejectReason checkBudget(Market market, PlaceOrder c, TimeInForce timeInForce) {
        if (c.kind() != OrderKind.MARKET || c.side() != Side.BUY || timeInForce != TimeInForce.IOC || c.quantity() != 0) {
            return RejectReason.INVALID_ORDER;
        }
        long largest = OrderExecution.limitHold(market, market.maxPrice(), market.maxQuantity());
        if (c.quoteBudget() < 0 || c.quoteBudget() > largest) {
            return RejectReason.INVALID_AMOUNT;
        }
        if (c.quoteBudget() < Math.max(1, market.minNotional())) {
            return RejectReason.BELOW_MIN_NOTIONAL;
        }
        return null;
    }

    private static boolean validPrice(Market market, long price) {
        return price > 0 && price % market.tickSize() == 0 && price <= market.maxPrice();
    }
}
