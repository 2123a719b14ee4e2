package org.bourse.marketdata.ws;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PingMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * One socket: its bounded outbox and the virtual thread that alone writes to it (a WebSocket session takes one
 * writer at a time), who it is authenticated as, and what it subscribed to. Anyone may queue a message; when
 * the outbox is full the client is not reading fast enough and the socket is closed with 1008 "slow consumer"
 * rather than buffering without bound.
 */
final class Connection {

    static final CloseStatus SLOW_CONSUMER = CloseStatus.POLICY_VIOLATION.withReason("slow consumer");

    private static final Logger log = LoggerFactory.getLogger(Connection.class);
    private static final Object WAKE = new Object();

    /** The user a valid access token named, until the token expires. */
    record Identity(long userId, Instant expiresAt) {
    }

    private final WebSocketSession session;
    private final int capacity;
    private final BlockingQueue<Object> outbox;
    private final AtomicReference<CloseStatus> closing = new AtomicReference<>();
    private final Runnable onSlowConsumer;
    private final TokenBucket messages;
    private final String address;
    /** The server's clock, which tests control; a jump of the wall clock at most closes idle sockets early. */
    private final Clock clock;
    private volatile long lastHeard;
    private volatile Identity identity;
    /** Guarded by the hub's lock. */
    final Map<Channel, Subscription> subscriptions = new HashMap<>();

    Connection(WebSocketSession session, int capacity, Runnable onSlowConsumer, TokenBucket messages, Clock clock) {
        this.session = session;
        this.capacity = capacity;
        this.outbox = new ArrayBlockingQueue<>(capacity);
        this.onSlowConsumer = onSlowConsumer;
        this.messages = messages;
        InetSocketAddress remote = session.getRemoteAddress();
        this.address = remote == null ? "unknown" : remote.getHostString();
        this.clock = clock;
        this.lastHeard = clock.millis();
    }

    /** The client's address (behind a proxy, as its forwarded headers say when the server trusts them). */
    String address() {
        return address;
    }

    /** Takes one of the socket's message tokens; false when the client sends faster than it may. */
    boolean mayHandleMessage() {
        return messages.take(System.nanoTime());
    }

    void start() {
        Thread.ofVirtual().name("bourse-ws-" + session.getId()).start(this::write);
    }

    String id() {
        return session.getId();
    }

    void send(String json) {
        enqueue(json);
    }

    void ping() {
        enqueue(new PingMessage());
    }

    private void enqueue(Object message) {
        if (closing.get() == null && !outbox.offer(message)) {
            if (close(SLOW_CONSUMER)) {
                log.info("WebSocket {} from {} closed: slow consumer (its outbox of {} messages was full)",
                        session.getId(), session.getRemoteAddress(), capacity);
                onSlowConsumer.run();
            }
        }
    }

    /**
     * Asks the writer to close the socket after the write in progress, dropping what is still queued.
     * @return whether this call decided the close (false when it was already closing)
     */
    boolean close(CloseStatus status) {
        if (!closing.compareAndSet(null, status)) {
            return false;
        }
        outbox.clear();
        outbox.offer(WAKE);
        return true;
    }

    boolean isClosing() {
        return closing.get() != null;
    }

    void heard() {
        lastHeard = clock.millis();
    }

    long silentMillis() {
        return clock.millis() - lastHeard;
    }

    Identity identity() {
        return identity;
    }

    void identity(Identity identity) {
        this.identity = identity;
    }

    private void write() {
        try {
            while (closing.get() == null) {
                Object next = outbox.take();
                if (closing.get() != null) {
                    break;
                }
                session.sendMessage(next instanceof String text ? new TextMessage(text) : (WebSocketMessage<?>) next);
            }
            session.close(closing.get());
        } catch (IOException | RuntimeException e) {
            // the peer is gone or a write timed out: nothing more can be said to it
            log.debug("WebSocket {} dropped: {}", session.getId(), e.toString());
            close(CloseStatus.SESSION_NOT_RELIABLE);
            try {
                session.close(CloseStatus.SESSION_NOT_RELIABLE);
            } catch (IOException | RuntimeException ignored) {
                // already gone
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
