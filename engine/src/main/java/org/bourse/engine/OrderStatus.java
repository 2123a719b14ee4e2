package org.bourse.engine;

/**
 * The life of an order, in the API's words: {@code PENDING} (created, nothing held) → {@code OPEN} (in the
 * book, or waiting for its trigger) → {@code PARTIALLY_FILLED} → {@code EXECUTED}; or {@code CANCELLED}
 * (by the user or by time in force, possibly after some fills), or {@code FAILED} (could not execute).
 */
public enum OrderStatus {
    PENDING, OPEN, PARTIALLY_FILLED, EXECUTED, CANCELLED, FAILED;

    public boolean isFinal() {
        return this == EXECUTED || this == CANCELLED || this == FAILED;
    }
}
