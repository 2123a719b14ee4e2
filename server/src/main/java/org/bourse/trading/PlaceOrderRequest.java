package org.bourse.trading;

import java.math.BigDecimal;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /orders}, seed 000's vocabulary. Decimals may come as JSON strings or numbers.
 * {@code quoteAmount} is an extension for market buys that spend an amount of the quote asset (fees
 * included) instead of buying a quantity.
 */
record PlaceOrderRequest(
        @NotNull @Pattern(regexp = "buy|sell", message = "must be buy or sell") String type,
        @NotBlank @Size(max = 16) String cryptoSymbol,
        @Size(min = 1, max = 16) String quoteSymbol,
        BigDecimal quantity,
        BigDecimal quoteAmount,
        @NotNull @Pattern(regexp = "market|limit|stop_market|stop_limit",
                message = "must be one of: market, limit, stop_market, stop_limit") String orderKind,
        BigDecimal price,
        BigDecimal stopPrice,
        @Pattern(regexp = "gtc|ioc|fok", message = "must be one of: gtc, ioc, fok") String timeInForce,
        Boolean postOnly,
        @Size(min = 1, max = 64) @Pattern(regexp = "[A-Za-z0-9._:-]+",
                message = "may hold letters, digits and . _ : - only") String clientOrderId,
        Boolean execute) {
}
