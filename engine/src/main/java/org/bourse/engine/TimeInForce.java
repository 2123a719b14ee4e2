package org.bourse.engine;

/** GTC rests in the book until filled or cancelled; IOC cancels what it cannot fill at once; FOK fills entirely or not at all. */
public enum TimeInForce {
    GTC, IOC, FOK
}
