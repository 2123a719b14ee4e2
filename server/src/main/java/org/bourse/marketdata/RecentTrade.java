package org.bourse.marketdata;

import org.bourse.engine.Side;

/** A trade of the in-memory tape, minor units. */
record RecentTrade(long id, long price, long quantity, Side takerSide, long executedAt) {
}
