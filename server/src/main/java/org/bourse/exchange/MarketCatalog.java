package org.bourse.exchange;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.bourse.engine.Asset;
import org.bourse.engine.Engine;
import org.bourse.engine.Market;
import org.springframework.stereotype.Component;

/**
 * The markets and assets the engine knows, readable from any thread. Kept current by the engine's own
 * events (listed, halted, resumed), so it never lags a command that changed a market.
 */
@Component
public final class MarketCatalog implements LiveView {

    private final Map<String, MarketSpec> markets = new ConcurrentHashMap<>();
    private final Map<String, Integer> assetScales = new ConcurrentHashMap<>();
    private final Map<String, Integer> indexes = new ConcurrentHashMap<>();
    private volatile List<MarketSpec> ordered = List.of();

    public Optional<MarketSpec> market(String symbol) {
        return Optional.ofNullable(symbol == null ? null : markets.get(symbol));
    }

    /** Listing order. */
    public List<MarketSpec> markets() {
        return ordered;
    }

    public Optional<Integer> assetScale(String asset) {
        return Optional.ofNullable(asset == null ? null : assetScales.get(asset));
    }

    public boolean hasAsset(String asset) {
        return asset != null && assetScales.containsKey(asset);
    }

    @Override
    public void restore(Engine engine) {
        for (Asset asset : engine.assets()) {
            assetScales.put(asset.code(), asset.scale());
        }
        for (Market market : engine.markets()) {
            indexes.put(market.symbol(), market.index());
            markets.put(market.symbol(), MarketSpec.of(market));
        }
        reorder();
    }

    @Override
    public void apply(CommandEvents command) {
        for (ExchangeEvent event : command.events()) {
            switch (event) {
                case ExchangeEvent.AssetDefined asset -> assetScales.put(asset.code(), asset.scale());
                case ExchangeEvent.MarketChanged changed -> {
                    indexes.putIfAbsent(changed.market().symbol(), indexes.size());
                    markets.put(changed.market().symbol(), changed.market());
                    reorder();
                }
                default -> {
                }
            }
        }
    }

    private void reorder() {
        ordered = markets.values().stream().sorted(Comparator.comparingInt(m -> indexes.get(m.symbol()))).toList();
    }
}
