package org.bourse.engine.command;

/**
 * Lists a market. Prices are quote minor units per whole base unit, quantities base minor units, fee rates
 * parts per million. {@code maxPrice} and {@code maxQuantity} bound every order so that its value and fees
 * can never overflow; the engine refuses a listing whose bounds could.
 */
public record ListMarket(String symbol, String baseAsset, String quoteAsset, long tickSize, long lotSize,
                         long minQuantity, long minNotional, long makerFeePpm, long takerFeePpm, long maxPrice,
                         long maxQuantity, String traceId) implements Command {
}
