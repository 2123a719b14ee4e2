package org.bourse.exchange;

import java.util.List;

import org.bourse.engine.RejectReason;
import org.bourse.platform.ApiException;
import org.bourse.platform.FieldViolation;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * The HTTP answer to a command the engine refused. Input the engine judged invalid (a quantity off the lot,
 * a price off the tick) is a 400 naming the field, like any other validation failure; business refusals
 * have their own codes.
 */
public final class EngineRejections {

    public static final String INSUFFICIENT_FUNDS = "INSUFFICIENT_FUNDS";
    public static final String MARKET_NOT_FOUND = "MARKET_NOT_FOUND";
    public static final String ORDER_NOT_FOUND = "ORDER_NOT_FOUND";
    public static final String ORDER_NOT_PENDING = "ORDER_NOT_PENDING";
    public static final String ORDER_NOT_CANCELLABLE = "ORDER_NOT_CANCELLABLE";
    public static final String TRANSACTION_ID_REUSED = "TRANSACTION_ID_REUSED";

    private EngineRejections() {
    }

    /** @param market the market the command was for, to explain its rules; may be null */
    public static ApiException toApi(RejectReason reason, MarketSpec market) {
        return switch (reason) {
            case INSUFFICIENT_FUNDS -> new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, INSUFFICIENT_FUNDS,
                    "The available balance does not cover this");
            case MARKET_NOT_FOUND -> ApiException.notFound(MARKET_NOT_FOUND, "There is no such market");
            case ORDER_NOT_FOUND -> ApiException.notFound(ORDER_NOT_FOUND, "There is no such order");
            case ORDER_NOT_PENDING -> new ApiException(HttpStatus.CONFLICT, ORDER_NOT_PENDING,
                    "Only a pending order can be executed");
            case ORDER_NOT_CANCELLABLE -> new ApiException(HttpStatus.CONFLICT, ORDER_NOT_CANCELLABLE,
                    "The order is already finished");
            case TRANSACTION_ID_REUSED -> new ApiException(HttpStatus.CONFLICT, TRANSACTION_ID_REUSED,
                    "This transaction_id was already used for a different request");
            case INVALID_QUANTITY -> ApiException.invalidField("quantity", market == null ? "is not a valid quantity"
                    : "must be a multiple of " + market.quantity(market.lotSize()).toPlainString() + " between "
                    + market.quantity(market.minQuantity()).toPlainString() + " and "
                    + market.quantity(market.maxQuantity()).toPlainString());
            case INVALID_PRICE -> ApiException.invalidField("price", priceRule(market));
            case INVALID_STOP_PRICE -> ApiException.invalidField("stop_price", priceRule(market));
            case BELOW_MIN_NOTIONAL -> ApiException.invalidField("quantity", market == null ? "is too small"
                    : "gives an order value below the market's minimum of "
                    + market.quoteAmount(market.minNotional()).toPlainString() + " " + market.quoteAsset());
            case INVALID_AMOUNT -> ApiException.invalidField("amount", "must be positive and within the asset's limits");
            case INVALID_ORDER -> ApiException.invalidField("order_kind",
                    "this combination of order_kind, time_in_force and post_only is not allowed");
            case SAME_ACCOUNT -> ApiException.invalidField("to_username", "cannot be yourself");
            case ASSET_NOT_FOUND -> ApiException.invalidField("asset", "is not an asset of this exchange");
            case INVALID_ACCOUNT -> ApiException.notFound("USER_NOT_FOUND", "There is no such user");
            case ALREADY_EXISTS -> new ApiException(HttpStatus.CONFLICT, "ALREADY_EXISTS", "It exists already, differently");
            case INVALID_MARKET -> ApiException.invalidField("body", "the market's rules are inconsistent or too large");
            default -> new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, reason.name(), "The exchange refused this: "
                    + reason.name(), List.<FieldViolation>of(), HttpHeaders.EMPTY);
        };
    }

    private static String priceRule(MarketSpec market) {
        return market == null ? "is not a valid price"
                : "must be a positive multiple of " + market.price(market.tickSize()).toPlainString() + " up to "
                + market.price(market.maxPrice()).toPlainString();
    }

}
