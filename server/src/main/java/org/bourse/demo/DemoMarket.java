package org.bourse.demo;

import java.math.BigDecimal;
import java.util.List;

/**
 * How the bots treat one market: where its simulated price starts on a fresh exchange and how much value a
 * level of the maker's ladder carries, in the market's quote asset.
 */
record DemoMarket(String symbol, BigDecimal startPrice, BigDecimal levelNotional) {

    /** The markets listed at first start (API.md), at prices of their kind in late 2026; VIB is seed 001's Vibranium. */
    static List<DemoMarket> all() {
        return List.of(
                new DemoMarket("BTC-USD", new BigDecimal("90000.00"), new BigDecimal("2000.00")),
                new DemoMarket("ETH-USD", new BigDecimal("3000.00"), new BigDecimal("1500.00")),
                new DemoMarket("SOL-USD", new BigDecimal("140.00"), new BigDecimal("800.00")),
                new DemoMarket("ETH-BTC", new BigDecimal("0.03330"), new BigDecimal("0.02000000")),
                new DemoMarket("VIB-BRL", new BigDecimal("125.00"), new BigDecimal("3000.00")));
    }
}
