package org.bourse.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

/**
 * A client of the server under test speaking real HTTP/1.1 with {@link HttpClient}. Every instance is a
 * different caller: it sends its own {@code X-Forwarded-For} address (trusted by {@link BourseHttpTest}),
 * so per-address rate limits and login lock-outs of one test never reach another. Instances are immutable;
 * {@link #withBearer} and {@link #withHeader} return adjusted copies.
 */
public final class HttpApi {

    private static final AtomicInteger CALLERS = new AtomicInteger();
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final URI base;
    private final Map<String, String> headers;

    private HttpApi(URI base, Map<String, String> headers) {
        this.base = base;
        this.headers = Map.copyOf(headers);
    }

    /** A new caller of the server on {@code localhost:port}. */
    public static HttpApi onPort(int port) {
        return new HttpApi(URI.create("http://localhost:" + port), Map.of("X-Forwarded-For", nextAddress()));
    }

    /** Another caller (another address) of the same server, without this one's extra headers. */
    public HttpApi anotherCaller() {
        return new HttpApi(base, Map.of("X-Forwarded-For", nextAddress()));
    }

    /** The same caller, headers and token included, of a server on another port (a restarted one). */
    public HttpApi withPort(int port) {
        return new HttpApi(URI.create("http://localhost:" + port), headers);
    }

    public HttpApi withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new HttpApi(base, more);
    }

    public HttpApi withBearer(String accessToken) {
        return withHeader("Authorization", "Bearer " + accessToken);
    }

    /** The address the server sees for this caller. */
    public String address() {
        return headers.get("X-Forwarded-For");
    }

    public Reply get(String path) {
        return send("GET", path, BodyPublishers.noBody());
    }

    /** @param body a {@code String} is sent as it is (to send broken JSON); anything else is written as JSON */
    public Reply post(String path, Object body) {
        return send("POST", path, json(body));
    }

    public Reply delete(String path) {
        return send("DELETE", path, BodyPublishers.noBody());
    }

    public Reply patch(String path, Object body) {
        return send("PATCH", path, json(body));
    }

    public Reply send(String method, String path, BodyPublisher body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .method(method, body);
        headers.forEach(request::header);
        try {
            var response = HTTP.send(request.build(), BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(method + " " + path + " was interrupted", e);
        }
    }

    private static BodyPublisher json(Object body) {
        return BodyPublishers.ofString(body instanceof String text ? text : JSON.writeValueAsString(body));
    }

    /** 10.x.y.z, a new one per caller. */
    private static String nextAddress() {
        int n = CALLERS.incrementAndGet();
        return "10." + (n >>> 16 & 0xff) + "." + (n >>> 8 & 0xff) + "." + (n & 0xff);
    }

    /** One answer: status, headers and the body as text, with JSON helpers. */
    public record Reply(int status, HttpHeaders headers, String body) {

        public JsonNode json() {
            return body.isEmpty() ? MissingNode.getInstance() : JSON.readTree(body);
        }

        /** A top-level string field, or null when absent or JSON null. */
        public String text(String field) {
            JsonNode value = json().get(field);
            return value == null || value.isNull() ? null : value.asString();
        }

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
