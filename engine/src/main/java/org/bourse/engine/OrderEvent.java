package org.bourse.engine;

/** What just happened to an order; see {@link EngineListener#orderChanged}. */
public enum OrderEvent {
    /** created pending: valued and checked, nothing held yet */
    CREATED,
    /** funds held; about to match, resting in the book, or waiting for its trigger */
    ACCEPTED,
    /** a stop order's trigger price was reached: it now executes */
    TRIGGERED,
    PARTIALLY_FILLED,
    FILLED,
    CANCELLED,
    FAILED
}
