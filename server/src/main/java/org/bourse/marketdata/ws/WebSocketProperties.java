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
 */
@ConfigurationProperties("bourse.ws")
record WebSocketProperties(@DefaultValue("4096") int sendQueue, @DefaultValue("65536") int eventQueue,
                           @DefaultValue("20s") Duration pingInterval, @DefaultValue("60s") Duration idleTimeout,
                           @DefaultValue("10s") Duration sendTimeout, @DefaultValue("200") int maxChannels) {
}
