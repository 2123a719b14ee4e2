package org.bourse.trading;

import java.math.BigDecimal;

import org.bourse.engine.OrderKind;
import org.bourse.engine.Side;
import org.bourse.engine.TimeInForce;
import org.bourse.engine.command.PlaceOrder;
import org.bourse.exchange.Amounts;
import org.bourse.exchange.MarketSpec;
import org.bourse.platform.ApiException;

/**
 * Turns a validated request into the engine's command: the field combinations the kinds require, and the
 * decimals into minor units of the market's assets (more decimals than the asset has is a 400, never a
 * silent rounding).
 */
final class OrderCommands {

    private OrderCommands() {
    }

    /** @param clientOrderId the body's client_order_id, or the Idempotency-Key standing in for it; may be null */
    static PlaceOrder place(long userId, MarketSpec market, PlaceOrderRequest body, String clientOrderId, String traceId) {
        OrderKind kind = OrderKind.valueOf(body.orderKind().toUpperCase(java.util.Locale.ROOT));
        Side side = "buy".equals(body.type()) ? Side.BUY : Side.SELL;
        boolean byQuoteAmount = body.quoteAmount() != null;
        if (byQuoteAmount && (kind != OrderKind.MARKET || side != Side.BUY)) {
            throw ApiException.invalidField("quote_amount", "is only for market buys");
        }
        if (byQuoteAmount && body.quantity() != null) {
            throw ApiException.invalidField("quantity", "cannot be sent together with quote_amount");
        }
        if (!byQuoteAmount && body.quantity() == null) {
            throw ApiException.invalidField("quantity", "is required");
        }
        long price = 0;
        if (kind.hasLimitPrice()) {
            price = minor("price", required("price", body.price(), kind), market.quoteScale());
        } else if (body.price() != null) {
            throw ApiException.invalidField("price", "is not used by " + body.orderKind() + " orders; leave it out");
        }
        long stopPrice = 0;
        if (kind.isStop()) {
            stopPrice = minor("stop_price", required("stop_price", body.stopPrice(), kind), market.quoteScale());
        } else if (body.stopPrice() != null) {
            throw ApiException.invalidField("stop_price", "is only for stop_market and stop_limit orders");
        }
        if (Boolean.TRUE.equals(body.postOnly()) && kind != OrderKind.LIMIT) {
            throw ApiException.invalidField("post_only", "is only for limit orders");
        }
        long quantity = byQuoteAmount ? 0 : minor("quantity", body.quantity(), market.baseScale());
        long quoteAmount = byQuoteAmount ? minor("quote_amount", body.quoteAmount(), market.quoteScale()) : 0;
        TimeInForce timeInForce = body.timeInForce() == null ? null
                : TimeInForce.valueOf(body.timeInForce().toUpperCase(java.util.Locale.ROOT));
        return new PlaceOrder(userId, clientOrderId, market.symbol(), side, kind, timeInForce,
                Boolean.TRUE.equals(body.postOnly()), price, stopPrice, quantity, quoteAmount,
                Boolean.TRUE.equals(body.execute()), traceId);
    }

    private static BigDecimal required(String field, BigDecimal value, OrderKind kind) {
        if (value == null) {
            throw ApiException.invalidField(field, "is required for " + kind.name().toLowerCase(java.util.Locale.ROOT)
                    + " orders");
        }
        return value;
    }

    private static long minor(String field, BigDecimal value, int scale) {
        return Amounts.positive(field, value, scale);
    }
}
