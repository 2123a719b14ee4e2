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

import org.bourse.bench.load.BourseHttp.Reply;

/**
 * {@code --client jdk}: the JDK's {@link HttpClient} over HTTP/1.1. It opens one connection per concurrent
 * HTTP/1.1 request and keeps idle ones for reuse, so bounding the concurrent sends bounds the connections.
 * Kept to compare with {@link RawHttp}, and for https, which that one does not speak.
 */
final class JdkHttp implements BourseHttp.Transport {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final URI base;
    private final HttpClient client;
    private final ExecutorService executor;
    private final Semaphore connections;

    JdkHttp(URI base, int connections) {
        this.base = base;
        this.executor = Executors.newVirtualThreadPerTaskExecutor();
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .executor(executor)
                .build();
        this.connections = new Semaphore(connections, true);
    }

    @Override
    public Reply get(String path, String token) {
        return send(request(path, token).GET().build());
    }

    @Override
    public Reply post(String path, String json, String token) {
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
            return Reply.failed(e);
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
