package org.bourse.trading;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;

import org.bourse.engine.OrderKind;
import org.bourse.engine.OrderStatus;
import org.bourse.engine.Side;
import org.bourse.exchange.MarketSpec;
import org.bourse.exchange.OrderSnapshot;

/**
 * An order as the API shows it, in exact decimals. {@code price} is the limit, or for market orders the
 * price it was valued at when created (seed 000: "the current price is taken"); {@code totalAmount} and
 * {@code fee} are what the fills cost once it traded, and the quoted value and fee before.
 */
public record OrderView(long id, String clientOrderId, long userId, Side side, String baseAsset, String quoteAsset,
                 String symbol, OrderKind kind, String timeInForce, boolean postOnly, BigDecimal quantity,
                 BigDecimal filledQuantity, BigDecimal price, BigDecimal stopPrice, BigDecimal averagePrice,
                 BigDecimal totalAmount, BigDecimal fee, OrderStatus status, String failureReason, Instant createdAt,
                 Instant updatedAt, Instant executedAt, Instant cancelledAt, String traceId, long sequence) {

    static OrderView of(OrderSnapshot o, MarketSpec market) {
        boolean traded = o.filled() > 0;
        BigDecimal quoted = market.price(o.quotedPrice());
        BigDecimal quantity = market.quantity(o.quantity());
        BigDecimal total;
        BigDecimal fee;
        if (traded) {
            total = market.quoteAmount(o.settled());
            fee = market.quoteAmount(o.fees());
        } else {
            // valued at the quoted price, rounded the way the user would be charged (buy up, sell down)
            RoundingMode rounding = o.side() == Side.BUY ? RoundingMode.UP : RoundingMode.DOWN;
            total = quantity.multiply(quoted).setScale(market.quoteScale(), rounding);
            fee = total.multiply(MarketSpec.rate(market.takerFeePpm())).setScale(market.quoteScale(), RoundingMode.UP);
        }
        Instant updated = Instant.ofEpochMilli(o.updatedAt());
        return new OrderView(o.id(), o.clientOrderId(), o.userId(), o.side(), market.baseAsset(), market.quoteAsset(),
                o.symbol(), o.kind(), ApiText.name(o.timeInForce()), o.postOnly(), quantity, market.quantity(o.filled()),
                o.quotedPrice() == 0 ? null : quoted, o.stopPrice() == 0 ? null : market.price(o.stopPrice()),
                market.averagePrice(o.filledNotional(), o.filled()), total, fee, o.status(),
                o.reason() == null || o.status() == OrderStatus.EXECUTED ? null : o.reason().name(),
                Instant.ofEpochMilli(o.createdAt()), updated, o.status() == OrderStatus.EXECUTED ? updated : null,
                o.status() == OrderStatus.CANCELLED ? updated : null, o.traceId(), o.sequence());
    }

    /** The JSON body, with the market's precision on every decimal. */
    OrderResponse response(MarketSpec market) {
        int b = market.baseScale();
        int q = market.quoteScale();
        return new OrderResponse(Long.toString(id), clientOrderId, Long.toString(userId), ApiText.name(side), baseAsset,
                quoteAsset, symbol, ApiText.name(kind), timeInForce, postOnly, ApiText.decimal(quantity, b),
                ApiText.decimal(filledQuantity, b), ApiText.decimal(quantity.subtract(filledQuantity), b),
                ApiText.decimal(price, q), ApiText.decimal(stopPrice, q), ApiText.decimal(averagePrice, q),
                ApiText.decimal(totalAmount, q), ApiText.decimal(fee, q), ApiText.name(status), failureReason,
                ApiText.time(createdAt), ApiText.time(updatedAt), ApiText.time(executedAt), ApiText.time(cancelledAt),
                traceId);
    }

    /** API.md's order object. */
    record OrderResponse(String id, String clientOrderId, String userId, String type, String cryptoSymbol,
                         String quoteSymbol, String symbol, String orderKind, String timeInForce, boolean postOnly,
                         String quantity, String filledQuantity, String remainingQuantity, String price,
                         String stopPrice, String averagePrice, String totalAmount, String fee, String status,
                         String failureReason, String createdAt, String updatedAt, String executedAt,
                         String cancelledAt, String traceId) {
    }
}
