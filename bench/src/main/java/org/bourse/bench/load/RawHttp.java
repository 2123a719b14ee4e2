package org.bourse.bench.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;

import org.bourse.bench.load.BourseHttp.Reply;

/**
 * {@code --client raw}, the default: HTTP/1.1 over at most {@code connections} kept-alive plain sockets to one
 * server, blocking I/O on the callers' virtual threads. The generator runs on the machine of the server it
 * measures, and the JDK's {@code HttpClient} spends a lot of CPU per request (its selector thread, futures,
 * header maps); this client writes a request in one piece and parses the answer in place, so more of the cores
 * go to the server. Plain http only: {@link JdkHttp} is there for https.
 *
 * <p>A caller takes an idle connection, or opens one while fewer than {@code connections} exist, or waits
 * (fairly, in arrival order) for one; in the open loop that wait is part of the measured latency, as the
 * request queueing in a client would be.
 */
final class RawHttp implements BourseHttp.Transport {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);
    /**
     * A connection idle longer is closed rather than reused. Tomcat (the server's) drops a kept-alive connection
     * after 60 s idle by default; a POST sent on a dropped one could only be reported as unanswered, since it
     * cannot be retried safely, so it is better not to send it there.
     */
    private static final Duration IDLE_LIMIT = Duration.ofSeconds(30);

    private static final byte[] GET = ascii("GET ");
    private static final byte[] POST = ascii("POST ");
    private static final byte[] VERSION = ascii(" HTTP/1.1\r\n");
    private static final byte[] BEARER = ascii("Authorization: Bearer ");
    private static final byte[] JSON_OF_LENGTH = ascii("Content-Type: application/json\r\nContent-Length: ");
    private static final byte[] CRLF = ascii("\r\n");

    private final InetSocketAddress server;
    /** The base URL's path, before every request's own. */
    private final String basePath;
    /** {@code Host} and {@code Accept}, the same in every request. */
    private final byte[] commonHeaders;
    private final int connectTimeoutMillis;
    private final int readTimeoutMillis;
    private final long idleLimitNanos;
    /** One per connection that may exist: a caller holds one while it opens or uses a connection. */
    private final Semaphore permits;
    /** Most recently used first, so that under light load the same few stay warm and the others age out. */
    private final Deque<RawHttpConnection> idle = new ConcurrentLinkedDeque<>();
    private volatile boolean closed;

    RawHttp(URI base, int connections) {
        this(base, connections, CONNECT_TIMEOUT, READ_TIMEOUT, IDLE_LIMIT);
    }

    /** Shorter timeouts and idle limits for tests. */
    RawHttp(URI base, int connections, Duration connectTimeout, Duration readTimeout, Duration idleLimit) {
        if (!"http".equalsIgnoreCase(base.getScheme()) || base.getHost() == null) {
            throw new IllegalArgumentException("the raw HTTP client speaks plain http to a host, not " + base);
        }
        int port = base.getPort() < 0 ? 80 : base.getPort();
        this.server = new InetSocketAddress(base.getHost(), port);
        this.basePath = base.getRawPath() == null ? "" : base.getRawPath();
        this.commonHeaders = ascii("Host: " + base.getHost() + (base.getPort() < 0 ? "" : ":" + port)
                + "\r\nAccept: application/json\r\n");
        this.connectTimeoutMillis = Math.toIntExact(connectTimeout.toMillis());
        this.readTimeoutMillis = Math.toIntExact(readTimeout.toMillis());
        this.idleLimitNanos = idleLimit.toNanos();
        this.permits = new Semaphore(connections, true);
    }

    @Override
    public Reply get(String path, String token) {
        return send(GET, path, token, null);
    }

    @Override
    public Reply post(String path, String json, String token) {
        return send(POST, path, token, json.getBytes(StandardCharsets.UTF_8));
    }

    /** A GET, or a POST with its {@code body}. */
    private Reply send(byte[] method, String path, String token, byte[] body) {
        try {
            permits.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Reply(Reply.NO_RESPONSE, "interrupted while waiting for a connection");
        }
        try {
            RawHttpConnection connection = idleConnection();
            if (connection != null) {
                try {
                    return exchange(connection, method, path, token, body);
                } catch (IOException e) {
                    if (!serverDroppedIdle(connection, e) || method != GET) {
                        // only a GET is sent again: a POST may have been applied before the connection broke
                        return Reply.failed(e);
                    }
                }
            }
            return exchange(RawHttpConnection.open(server, connectTimeoutMillis, readTimeoutMillis), method, path,
                    token, body);
        } catch (IOException e) {
            return Reply.failed(e);
        } finally {
            permits.release();
        }
    }

    /**
     * True when the failure looks like a server having closed the connection while it was idle: it had been
     * used before, and the request went out (or failed to) without a byte of an answer, not for lack of time.
     */
    private static boolean serverDroppedIdle(RawHttpConnection connection, IOException failure) {
        return connection.used() && connection.nothingReceived() && !(failure instanceof SocketTimeoutException)
                && !Thread.currentThread().isInterrupted();
    }

    /** One request on {@code connection}, which goes back to the idle ones if the answer allows; else closed. */
    private Reply exchange(RawHttpConnection connection, byte[] method, String path, String token, byte[] body)
            throws IOException {
        Reply reply;
        try {
            write(connection.request(), method, path, token, body);
            reply = connection.exchange();
        } catch (IOException | RuntimeException e) {
            connection.close();
            throw e;
        }
        if (connection.reusable()) {
            keepIdle(connection);
        } else {
            connection.close();
        }
        return reply;
    }

    /** Request line, {@code Host}, {@code Accept}, the token if any, and for a POST its JSON body. */
    private void write(RawHttpConnection.Request request, byte[] method, String path, String token, byte[] body) {
        request.bytes(method).ascii(basePath).ascii(path).bytes(VERSION).bytes(commonHeaders);
        if (token != null) {
            request.bytes(BEARER).ascii(token).bytes(CRLF);
        }
        if (body != null) {
            request.bytes(JSON_OF_LENGTH).number(body.length).bytes(CRLF);
        }
        request.bytes(CRLF);
        if (body != null) {
            request.bytes(body);
        }
    }

    private RawHttpConnection idleConnection() {
        long now = System.nanoTime();
        for (RawHttpConnection connection; (connection = idle.pollFirst()) != null; ) {
            if (connection.idleNanos(now) < idleLimitNanos) {
                return connection;
            }
            connection.close();
        }
        return null;
    }

    private void keepIdle(RawHttpConnection connection) {
        connection.idleFrom(System.nanoTime());
        idle.offerFirst(connection);
        if (closed) {
            closeIdle();
        }
    }

    /** Closes the idle connections; one in use is closed when its caller is done with it. */
    @Override
    public void close() {
        closed = true;
        closeIdle();
    }

    private void closeIdle() {
        for (RawHttpConnection connection; (connection = idle.pollFirst()) != null; ) {
            connection.close();
        }
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
