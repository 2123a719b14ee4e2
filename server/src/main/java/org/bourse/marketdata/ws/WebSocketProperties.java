package org.bourse.marketdata.ws;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The WebSocket's limits ({@code bourse.ws.*}).
 *
 * @param sendQueue    messages waiting to be written to one socket; a client that lets more pile up is closed
 *                     (1008 "slow consumer") instead of growing server memory
 * @param eventQueue   engine commands waiting for the fan-out; past it events are lost and every subscriber
 *                     is resynchronised
 * @param pingInterval how often the server pings every socket (and checks idle ones and expired tokens)
 * @param idleTimeout  a socket that sent nothing, not even a pong, for this long is closed (1001)
 * @param sendTimeout  how long one write to a socket that does not read may block before the socket is dropped
 * @param maxChannels  subscriptions one socket may hold
 * @param bookDepth    levels per side in a book channel's snapshot (1 to 1000, like {@code GET /book?depth=})
 * @param messageBurst client messages one socket may send at once, then {@code messagesPerSecond}; beyond,
 *                     a message is refused with {@code RATE_LIMITED}
 * @param subscriptionBurst channel subscriptions one client address may make at once (over all its sockets,
 *                     a repeated subscribe counting again), then {@code subscriptionsPerSecond}; beyond, a channel
 *                     is refused with {@code SUBSCRIPTION_RATE_LIMITED}
 */
@ConfigurationProperties("bourse.ws")
record WebSocketProperties(@DefaultValue("4096") int sendQueue, @DefaultValue("65536") int eventQueue,
                           @DefaultValue("20s") Duration pingInterval, @DefaultValue("60s") Duration idleTimeout,
                           @DefaultValue("10s") Duration sendTimeout, @DefaultValue("200") int maxChannels,
                           @DefaultValue("1000") int bookDepth,
                           @DefaultValue("50") int messageBurst, @DefaultValue("10") double messagesPerSecond,
                           @DefaultValue("400") int subscriptionBurst, @DefaultValue("20") double subscriptionsPerSecond) {

    WebSocketProperties {
        if (bookDepth < 1 || bookDepth > org.bourse.marketdata.OrderBooks.MAX_DEPTH) {
            throw new IllegalArgumentException("bourse.ws.book-depth must be 1 to 1000, got " + bookDepth);
        }
        if (messageBurst < 1 || !(messagesPerSecond > 0) || subscriptionBurst < 1 || !(subscriptionsPerSecond > 0)) {
            throw new IllegalArgumentException("bourse.ws message and subscription limits must be positive");
        }
    }
}
