package org.bourse.marketdata;

import java.time.Duration;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Hot public reads, in process (Caffeine) and then in the {@link SharedCache}. A key names the version of
 * what it holds (the book sequence, the market's last trade sequence), and {@link LiveMarketData} moves
 * those versions on the engine thread before a command is acknowledged: so a read after an acknowledged
 * command asks for a key no earlier read could have filled, and never sees data older than that command.
 */
@Component
final class MarketDataCache {

    private final Cache<String, Object> local = Caffeine.newBuilder()
            .maximumSize(10_000)
            .expireAfterWrite(Duration.ofSeconds(60))
            .build();
    private final SharedCache shared;
    private final JsonMapper json;

    MarketDataCache(SharedCache shared, JsonMapper json) {
        this.shared = shared;
        this.json = json;
    }

    @SuppressWarnings("unchecked")
    <T> T get(String key, TypeReference<T> type, Supplier<T> load) {
        Object cached = local.getIfPresent(key);
        if (cached != null) {
            return (T) cached;
        }
        T value = shared.get(key).map(text -> json.readValue(text, type)).orElse(null);
        if (value == null) {
            value = load.get();
            shared.put(key, json.writeValueAsString(value));
        }
        local.put(key, value);
        return value;
    }
}
