package org.bourse.marketdata;

/** {@link MarketDataScenarios} on the embedded default: H2 read models, in-process cache only. */
class EmbeddedMarketDataTest extends MarketDataScenarios {
}
