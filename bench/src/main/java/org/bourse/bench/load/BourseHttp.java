package org.bourse.bench.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

/**
 * The server's HTTP API over HTTP/1.1 with at most {@code connections} requests on the wire at once:
 * {@link HttpClient} opens one connection per concurrent HTTP/1.1 request and keeps idle ones for reuse,
 * so bounding the concurrent sends bounds the connections. A caller blocks (a virtual thread parks) for
 * a free connection, and in the open loop that wait is part of the measured latency.
 */
final class BourseHttp implements AutoCloseable {

    /** What came back: the status, or {@link #NO_RESPONSE} with the I/O failure's text as the body. */
    record Reply(int status, String body) {

        static final int NO_RESPONSE = 0;

        boolean ok() {
            return status >= 200 && status < 300;
        }

        /** The problem+json {@code code}, without parsing the whole body; null when there is none. */
        String problemCode() {
            int key = body.indexOf("\"code\":\"");
            if (key < 0) {
                return null;
            }
            int start = key + 8;
            int end = body.indexOf('"', start);
            return end < 0 ? null : body.substring(start, end);
        }

        /** {@code 201}, {@code 409 ORDER_NOT_CANCELLABLE}, {@code no response}: how the report names it. */
        String outcome() {
            if (status == NO_RESPONSE) {
                return "no response";
            }
            String code = ok() ? null : problemCode();
            return code == null ? Integer.toString(status) : status + " " + code;
        }
    }

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final URI base;
    private final HttpClient client;
    private final ExecutorService executor;
    private final Semaphore connections;

    BourseHttp(URI base, int connections) {
        this.base = base;
        this.executor = Executors.newVirtualThreadPerTaskExecutor();
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .executor(executor)
                .build();
        this.connections = new Semaphore(connections, true);
    }

    Reply get(String path, String token) {
        return send(request(path, token).GET().build());
    }

    Reply post(String path, String json, String token) {
        return send(request(path, token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build());
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(REQUEST_TIMEOUT);
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private Reply send(HttpRequest request) {
        try {
            connections.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Reply(Reply.NO_RESPONSE, "interrupted while waiting for a connection");
        }
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body());
        } catch (IOException e) {
            return new Reply(Reply.NO_RESPONSE, e.getMessage() == null ? e.getClass().getSimpleName()
                    : e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Reply(Reply.NO_RESPONSE, "interrupted");
        } finally {
            connections.release();
        }
    }

    @Override
    public void close() {
        client.close();
        executor.close();
    }
}
