package org.bourse.marketdata.ws;

import java.util.ArrayList;
import java.util.List;

/**
 * One socket's subscription to one channel. A channel with a snapshot starts (and restarts, after a gap)
 * awaiting it: updates are buffered meanwhile and, once the snapshot is sent, only those it does not already
 * reflect are passed on. Every field is guarded by the hub's lock.
 */
final class Subscription {

    /** An update as it will be sent, with the sequence that orders it against a snapshot. */
    record Pending(long sequence, String json) {
    }

    final Connection connection;
    final Channel channel;
    /** The owner, for private channels; 0 for public ones. */
    final long userId;
    final String key;
    boolean active = true;
    boolean awaitingSnapshot;
    /** Bumped by every new snapshot request, so that an older request's answer is ignored. */
    int generation;
    /** book: the book sequence of the last level sent; balances: the engine sequence the snapshot reflects. */
    long sequence;
    final List<Pending> buffered = new ArrayList<>();
    boolean overflowed;

    Subscription(Connection connection, Channel channel, long userId) {
        this.connection = connection;
        this.channel = channel;
        this.userId = userId;
        this.key = channel.key(userId);
    }

    boolean hasSnapshot() {
        return switch (channel.kind()) {
            case BOOK, BALANCES, TICKER, CANDLES -> true;
            case TRADES, ORDERS, FILLS, NOTIFICATIONS -> false;
        };
    }
}
