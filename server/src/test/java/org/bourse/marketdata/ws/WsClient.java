package org.bourse.marketdata.ws;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.bourse.testsupport.HttpApi;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A WebSocket client of the server under test ({@link HttpClient}'s): every text message it receives is
 * parsed and queued in order. With {@code reading = false} it asks for nothing, like a client that stopped
 * reading, until {@link #startReading()}.
 */
final class WsClient implements WebSocket.Listener, AutoCloseable {

    static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** How the server closed the socket. */
    record Closed(int code, String reason) {
    }

    private final LinkedBlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
    private final CompletableFuture<Closed> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private final boolean reading;
    private WebSocket socket;

    private WsClient(boolean reading) {
        this.reading = reading;
    }

    static WsClient connect(int port) {
        return connect(port, true);
    }

    /** From an address of its own (sent as X-Forwarded-For, like {@code HttpApi}), so no two tests share a budget. */
    static WsClient connect(int port, boolean reading) {
        return connect(port, reading, HttpApi.onPort(port).address());
    }

    /** From {@code address}, as the server sees it. */
    static WsClient connect(int port, boolean reading, String address) {
        WsClient client = new WsClient(reading);
        client.socket = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                .header("X-Forwarded-For", address)
                .buildAsync(URI.create("ws://localhost:" + port + "/ws"), client).join();
        return client;
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        if (reading) {
            webSocket.request(1);
        }
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            received.add(JSON.readTree(partial.toString()));
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(new Closed(statusCode, reason));
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.completeExceptionally(error);
    }

    void startReading() {
        socket.request(Long.MAX_VALUE);
    }

    void send(String text) {
        socket.sendText(text, true).join();
    }

    void send(Object message) {
        send(JSON.writeValueAsString(message));
    }

    void subscribe(String... channels) {
        send(java.util.Map.of("op", "subscribe", "channels", List.of(channels)));
    }

    /** The next message, waiting for it patiently; fails if none comes. */
    JsonNode next() {
        try {
            JsonNode message = received.poll(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
            if (message == null) {
                throw new AssertionError("no message within " + PATIENCE);
            }
            return message;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The first message matching {@code wanted}; every message before it is returned in {@code skipped} if given. */
    JsonNode await(Predicate<JsonNode> wanted, List<JsonNode> skipped) {
        while (true) {
            JsonNode message = next();
            if (wanted.test(message)) {
                return message;
            }
            if (skipped != null) {
                skipped.add(message);
            }
        }
    }

    JsonNode await(Predicate<JsonNode> wanted) {
        return await(wanted, null);
    }

    /** Everything received so far, without waiting. */
    List<JsonNode> drain() {
        List<JsonNode> out = new ArrayList<>();
        received.drainTo(out);
        return out;
    }

    Closed awaitClose() {
        return closed.orTimeout(PATIENCE.toSeconds(), TimeUnit.SECONDS).join();
    }

    static Predicate<JsonNode> type(String type) {
        return m -> type.equals(m.path("type").asString());
    }

    static Predicate<JsonNode> on(String channel, String type) {
        return m -> channel.equals(m.path("channel").asString()) && type.equals(m.path("type").asString());
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
        socket.abort();
    }
}
