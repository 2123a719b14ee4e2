package org.bourse.exchange;

import java.math.BigDecimal;
import java.util.List;

import org.bourse.engine.command.Command;
import org.bourse.engine.command.DefineAsset;
import org.bourse.engine.command.ListMarket;

/**
 * A market to list, in the API's decimals: the assets with their precision and the market's rules. Turns
 * into the engine commands that define the assets (a no-op when already defined alike) and list the market.
 */
public record MarketListing(String baseAsset, int baseScale, String quoteAsset, int quoteScale, BigDecimal tickSize,
                            BigDecimal lotSize, BigDecimal minQuantity, BigDecimal minNotional, BigDecimal makerFee,
                            BigDecimal takerFee, BigDecimal maxPrice, BigDecimal maxQuantity) {

    public String symbol() {
        return baseAsset + "-" + quoteAsset;
    }

    /** @throws ArithmeticException when a decimal has more places than its asset allows */
    public List<Command> commands(String traceId) {
        return List.of(
                new DefineAsset(baseAsset, baseScale, traceId),
                new DefineAsset(quoteAsset, quoteScale, traceId),
                new ListMarket(symbol(), baseAsset, quoteAsset,
                        Amounts.minor(tickSize, quoteScale), Amounts.minor(lotSize, baseScale),
                        Amounts.minor(minQuantity, baseScale), Amounts.minor(minNotional, quoteScale),
                        Amounts.minor(makerFee, 6), Amounts.minor(takerFee, 6),
                        Amounts.minor(maxPrice, quoteScale), Amounts.minor(maxQuantity, baseScale), traceId));
    }

    /**
     * The markets every Bourse lists at first start (API.md's start-up facts), demo or not. Fees 0.1 % maker
     * and taker; bounds chosen so that the largest order's value stays exact (see the engine's Money).
     */
    public static List<MarketListing> initial() {
        return List.of(
                listing("BTC", 8, "USD", 2, "0.01", "0.00001", "0.00001", "1.00", "10000000.00", "10000"),
                listing("ETH", 8, "USD", 2, "0.01", "0.0001", "0.0001", "1.00", "1000000.00", "100000"),
                listing("SOL", 8, "USD", 2, "0.01", "0.001", "0.001", "1.00", "100000.00", "1000000"),
                listing("ETH", 8, "BTC", 8, "0.00001", "0.0001", "0.0001", "0.0001", "10.00000", "100000"),
                listing("VIB", 8, "BRL", 2, "0.01", "0.01", "0.01", "1.00", "10000000.00", "10000000"));
    }

    private static MarketListing listing(String base, int baseScale, String quote, int quoteScale, String tick,
                                         String lot, String minQuantity, String minNotional, String maxPrice,
                                         String maxQuantity) {
        BigDecimal fee = new BigDecimal("0.001");
        return new MarketListing(base, baseScale, quote, quoteScale, new BigDecimal(tick), new BigDecimal(lot),
                new BigDecimal(minQuantity), new BigDecimal(minNotional), fee, fee, new BigDecimal(maxPrice),
                new BigDecimal(maxQuantity));
    }
}
