package org.bourse.bench.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;

/**
 * One WebSocket client of the fan-out run: connects to {@code /ws}, subscribes to the market's book and
 * trades, and hands every whole message, stamped with its arrival time, to its {@link FanoutStats.Tally}.
 * A close or error the benchmark did not ask for counts as a disconnect.
 */
final class FanoutSubscriber implements WebSocket.Listener {

    private final FanoutStats stats;
    private final FanoutStats.Tally tally;
    private final List<String> channels;
    /** counted down by the first messages, one per channel subscribed to: normally their snapshots */
    private final CountDownLatch firstMessages;
    private final StringBuilder partial = new StringBuilder();
    private volatile WebSocket socket;
    private volatile boolean closing;
    private long arrivedNanos;
    private Instant arrivedAt;

    FanoutSubscriber(FanoutStats stats, boolean probe, String market) {
        this.stats = stats;
        this.tally = stats.tally(probe);
        this.channels = List.of("book:" + market, "trades:" + market);
        this.firstMessages = new CountDownLatch(channels.size());
    }

    FanoutStats.Tally tally() {
        return tally;
    }

    /** Opens the connection; the future fails when the server refuses it. */
    CompletableFuture<WebSocket> connect(HttpClient client, URI uri) {
        return client.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(30)).buildAsync(uri, this)
                .whenComplete((ws, failure) -> {
                    if (failure != null) {
                        Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
                        stats.connectFailed(cause instanceof WebSocketHandshakeException refused
                                ? "the server answered the upgrade with HTTP " + refused.getResponse().statusCode()
                                : String.valueOf(cause));
                    }
                });
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        socket = webSocket;
        webSocket.sendText(Json.write(java.util.Map.of("op", "subscribe", "channels", channels)), true);
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        if (partial.isEmpty()) {
            // arrival is when the first fragment came: a long message is not made later by its own length
            arrivedNanos = System.nanoTime();
            arrivedAt = Instant.now();
        }
        partial.append(data);
        if (last) {
            String text = partial.toString();
            partial.setLength(0);
            tally.message(text, arrivedNanos, arrivedAt);
            firstMessages.countDown();
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        if (!closing) {
            stats.disconnected("closed by the server, " + statusCode + " " + reason);
        }
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        if (!closing) {
            stats.disconnected(String.valueOf(error));
        }
    }

    /** Waits up to {@code timeout} for as many messages as channels subscribed to; false when they did not come. */
    boolean awaitFirstMessages(Duration timeout) throws InterruptedException {
        return firstMessages.await(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /** Closes as a client leaving normally; nothing that follows counts as a disconnect. */
    void close() {
        closing = true;
        WebSocket ws = socket;
        if (ws != null) {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "benchmark over").whenComplete((w, e) -> ws.abort());
        }
    }
}
