package org.bourse.marketdata;

import java.util.ArrayList;
import java.util.List;

import org.bourse.exchange.MarketSpec;
import org.springframework.stereotype.Component;

import tools.jackson.core.type.TypeReference;

/**
 * A market's book aggregated per price level, at most a given depth, for {@code GET /book} and the WebSocket
 * book channel's snapshot alike. It is read from the live mirror of the book ({@link MarketState}), never on
 * the engine thread, and cached per (market, depth, book sequence): however many clients ask for one version,
 * it is built once.
 */
@Component
public final class OrderBooks {

    /** The deepest book anyone may ask for, per side. */
    public static final int MAX_DEPTH = 1000;

    /** {@code bids}/{@code asks}: {@code [price, quantity]} decimals, best first; {@code sequence}: the book sequence. */
    public record Book(String symbol, long sequence, List<List<String>> bids, List<List<String>> asks) {
    }

    private static final TypeReference<Book> BOOK = new TypeReference<>() {
    };

    private final LiveMarketData live;
    private final MarketDataCache cache;

    OrderBooks(LiveMarketData live, MarketDataCache cache) {
        this.live = live;
        this.cache = cache;
    }

    /** @param depth levels per side, 1 to {@link #MAX_DEPTH} */
    public Book book(MarketSpec market, int depth) {
        if (depth < 1 || depth > MAX_DEPTH) {
            throw new IllegalArgumentException("depth must be 1 to " + MAX_DEPTH + ", got " + depth);
        }
        MarketState state = live.market(market.symbol()).orElseThrow();
        // the key's version is read first: what is stored under it is that version or newer, never older
        long version = state.bookSequence();
        return cache.get("md:book:" + market.symbol() + ":" + depth + ":" + version, BOOK, () -> {
            MarketState.Book cut = state.book(depth);
            return new Book(market.symbol(), cut.sequence(), decimals(cut.bids(), market), decimals(cut.asks(), market));
        });
    }

    private static List<List<String>> decimals(long[][] levels, MarketSpec market) {
        List<List<String>> out = new ArrayList<>(levels.length);
        for (long[] level : levels) {
            out.add(List.of(market.price(level[0]).toPlainString(), market.quantity(level[1]).toPlainString()));
        }
        return out;
    }
}
