package org.bourse.engine;

/** A halted market keeps its book and accepts cancels, but no new order executes on it. */
public enum MarketStatus {
    TRADING, HALTED
}
