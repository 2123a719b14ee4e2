package org.bourse.engine;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Keys remembered for a while (transaction ids, client order ids). Time only moves forward in the engine,
 * so insertion order is expiry order and forgetting is a walk from the oldest entry.
 */
final class Retention<V> {

    record Entry<V>(V value, long expiresAt) {
    }

    private final LinkedHashMap<String, Entry<V>> entries = new LinkedHashMap<>();
    private final long retention;

    Retention(long retention) {
        this.retention = retention;
    }

    V get(String key) {
        Entry<V> entry = entries.get(key);
        return entry == null ? null : entry.value();
    }

    /** A key put again moves to the newest end, so that insertion order stays expiry order. */
    void put(String key, V value, long now) {
        entries.remove(key);
        entries.put(key, new Entry<>(value, now + retention));
    }

    /** Restores an entry from a snapshot, with its original expiry. */
    void restore(String key, V value, long expiresAt) {
        entries.put(key, new Entry<>(value, expiresAt));
    }

    void expire(long now) {
        Iterator<Entry<V>> oldest = entries.values().iterator();
        while (oldest.hasNext() && oldest.next().expiresAt() <= now) {
            oldest.remove();
        }
    }

    int size() {
        return entries.size();
    }

    /** Oldest first. */
    void forEach(BiConsumer<String, Entry<V>> action) {
        for (Map.Entry<String, Entry<V>> e : entries.entrySet()) {
            action.accept(e.getKey(), e.getValue());
        }
    }
}
