package org.bourse.binance;

import java.util.Locale;

import org.bourse.exchange.MarketCatalog;
import org.bourse.exchange.MarketSpec;
import org.springframework.stereotype.Component;

/** Binance's market names: {@code BTC-USD} is {@code BTCUSD}, base and quote codes run together. */
@Component
final class BinanceSymbols {

    private final MarketCatalog catalog;

    BinanceSymbols(MarketCatalog catalog) {
        this.catalog = catalog;
    }

    static String of(MarketSpec market) {
        return market.baseAsset() + market.quoteAsset();
    }

    /** The market named {@code symbol} (case-insensitive); {@code -1121 Invalid symbol} when there is none. */
    MarketSpec market(String symbol) {
        if (symbol == null || symbol.isBlank()) {
            throw BinanceException.missing("symbol");
        }
        String wanted = symbol.strip().toUpperCase(Locale.ROOT);
        for (MarketSpec market : catalog.markets()) {
            if (of(market).equals(wanted)) {
                return market;
            }
        }
        throw new BinanceException(BinanceError.BAD_SYMBOL);
    }
}
