package org.bourse.engine.util;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * A {@code long → V} hash map without boxing: open addressing, linear probing, deletion by backward shift
 * (no tombstones), capacity a power of two kept at most half full. Iteration order depends on the hash, so
 * callers that need a deterministic order (snapshots, state hashes) sort what they read.
 */
public final class LongObjectMap<V> {

    private long[] keys;
    private Object[] values;
    private int size;
    private int mask;

    public LongObjectMap() {
        this(16);
    }

    public LongObjectMap(int expected) {
        int capacity = Integer.highestOneBit(Math.max(4, expected) * 2 - 1) << 1;
        keys = new long[capacity];
        values = new Object[capacity];
        mask = capacity - 1;
    }

    public int size() {
        return size;
    }

    @SuppressWarnings("unchecked")
    public V get(long key) {
        int i = slot(key);
        while (values[i] != null) {
            if (keys[i] == key) {
                return (V) values[i];
            }
            i = (i + 1) & mask;
        }
        return null;
    }

    /** @return the previous value, or null */
    @SuppressWarnings("unchecked")
    public V put(long key, V value) {
        if (value == null) {
            throw new IllegalArgumentException("null values are not stored");
        }
        int i = slot(key);
        while (values[i] != null) {
            if (keys[i] == key) {
                V previous = (V) values[i];
                values[i] = value;
                return previous;
            }
            i = (i + 1) & mask;
        }
        keys[i] = key;
        values[i] = value;
        if (++size * 2 > keys.length) {
            grow();
        }
        return null;
    }

    /** @return the removed value, or null */
    @SuppressWarnings("unchecked")
    public V remove(long key) {
        int i = slot(key);
        while (values[i] != null) {
            if (keys[i] == key) {
                V removed = (V) values[i];
                shiftBack(i);
                size--;
                return removed;
            }
            i = (i + 1) & mask;
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    public void forEachValue(Consumer<? super V> action) {
        for (Object value : values) {
            if (value != null) {
                action.accept((V) value);
            }
        }
    }

    /** The keys, sorted ascending. */
    public long[] sortedKeys() {
        long[] out = new long[size];
        int n = 0;
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null) {
                out[n++] = keys[i];
            }
        }
        Arrays.sort(out);
        return out;
    }

    public void clear() {
        Arrays.fill(values, null);
        size = 0;
    }

    private void shiftBack(int hole) {
        int i = hole;
        while (true) {
            i = (i + 1) & mask;
            if (values[i] == null) {
                break;
            }
            int home = slot(keys[i]);
            // move the entry into the hole unless its home lies cyclically in (hole, i]
            boolean stays = hole <= i ? (hole < home && home <= i) : (hole < home || home <= i);
            if (!stays) {
                keys[hole] = keys[i];
                values[hole] = values[i];
                hole = i;
            }
        }
        values[hole] = null;
    }

    private void grow() {
        long[] oldKeys = keys;
        Object[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new Object[oldValues.length * 2];
        mask = keys.length - 1;
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldValues[i] != null) {
                @SuppressWarnings("unchecked") V value = (V) oldValues[i];
                put(oldKeys[i], value);
            }
        }
    }

    private int slot(long key) {
        long h = key * 0x9E3779B97F4A7C15L; // Fibonacci hashing spreads sequential ids
        return (int) (h ^ (h >>> 32)) & mask;
    }
}
