package org.bourse.engine.util;

/**
 * A running 64-bit hash of the engine's state, fed field by field in a fixed order, so two engines can be
 * compared in one number (a replayed engine against the original). Not cryptographic; collisions between
 * different states are astronomically unlikely for the purpose of tests and audits.
 */
public final class StateHash {

    private long h = 0x6A09E667F3BCC909L;

    public StateHash add(long value) {
        h = mix(h ^ mix(value + 0x9E3779B97F4A7C15L));
        return this;
    }

    public StateHash add(boolean value) {
        return add(value ? 1 : 2);
    }

    public StateHash add(String value) {
        if (value == null) {
            return add(-1L);
        }
        add(value.length());
        for (int i = 0; i < value.length(); i++) {
            add(value.charAt(i));
        }
        return this;
    }

    public long value() {
        return h;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
