package org.bourse.marketdata;

import java.util.Optional;

import org.springframework.context.annotation.Fallback;
import org.springframework.stereotype.Component;

/** Without Redis, each node has only its in-process cache. */
@Component
@Fallback
final class NoSharedCache implements SharedCache {

    @Override
    public Optional<String> get(String key) {
        return Optional.empty();
    }

    @Override
    public void put(String key, String json) {
    }
}
