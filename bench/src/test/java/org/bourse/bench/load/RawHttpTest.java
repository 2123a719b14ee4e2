package org.bourse.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.bourse.bench.load.BourseHttp.Reply;
import org.bourse.bench.load.ScriptedServer.Answer;
import org.junit.jupiter.api.Test;

/**
 * The load generator's own HTTP/1.1 client against a scripted server: what it sends, how it reads the answers
 * a server may give, how it keeps and bounds its connections, and what it does when one breaks.
 */
class RawHttpTest {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** Long enough never to fire on a busy machine; only the timeout test shortens it. */
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration NO_IDLE_LIMIT = Duration.ofHours(1);

    @Test
    void aBodyIsReadByItsContentLengthAndDecodedAsUtf8() throws Exception {
        try (ScriptedServer server = ScriptedServer.answering("HTTP/1.1 201 Created\r\ncontent-length: 25\r\n"
                + "Content-Type: application/json\r\n\r\n{\"id\":\"42\",\"name\":\"Zoë\"}");
             RawHttp http = client(server, 1)) {

            Reply reply = http.get("/api/v1/orders/42", null);

            assertThat(reply).isEqualTo(new Reply(201, "{\"id\":\"42\",\"name\":\"Zoë\"}"));
        }
    }

    @Test
    void aChunkedBodyIsJoinedWithItsChunkExtensionsAndTrailersIgnored() throws Exception {
        try (ScriptedServer server = ScriptedServer.answering("HTTP/1.1 200 OK\r\ntransfer-encoding: Chunked\r\n"
                + "Content-Type: application/json\r\n\r\n"
                + "8;name=value\r\n{\"bids\":\r\n"
                + "10\r\n[[\"100.5\",\"2\"]],\r\n"
                + "F ; ext=\"quoted\"\r\n\"asks\":[\"€\"]}\r\n"
                + "0\r\nX-Checksum: 1\r\n\r\n");
             RawHttp http = client(server, 1)) {

            Reply first = http.get("/api/v1/markets/BTC-USD/book", null);
            Reply second = http.get("/api/v1/markets/BTC-USD/book", null);

            assertThat(first).isEqualTo(new Reply(200, "{\"bids\":[[\"100.5\",\"2\"]],\"asks\":[\"€\"]}"));
            assertThat(second).isEqualTo(first);
            assertThat(server.accepted()).as("the last chunk and the trailers were read to the end").isEqualTo(1);
        }
    }

    @Test
    void requestsInTurnShareOneKeptAliveConnection() throws Exception {
        try (ScriptedServer server = ScriptedServer.answering(ok("{}"));
             RawHttp http = client(server, 4)) {

            http.get("/api/v1/markets", null);
            http.get("/api/v1/markets/BTC-USD/ticker", null);

            assertThat(server.accepted()).isEqualTo(1);
            assertThat(server.received()).extracting(ScriptedServer.Received::connection).containsExactly(0, 0);
            assertThat(server.received().get(1).text()).isEqualTo("GET /api/v1/markets/BTC-USD/ticker HTTP/1.1\r\n"
                    + "Host: " + server.hostHeader() + "\r\nAccept: application/json\r\n\r\n");
        }
    }

    @Test
    void oneCallerMoreThanTheConnectionsWaitsForOneInsteadOfOpeningAnother() throws Exception {
        int connections = 2;
        CountDownLatch callersStarted = new CountDownLatch(connections + 1);
        CountDownLatch everyConnectionBusy = new CountDownLatch(connections);
        // the first answers are held until every connection carries a request and the extra caller has
        // started, so that it finds none free (the bounded waits only keep a broken client from hanging the test)
        try (ScriptedServer server = new ScriptedServer(request -> {
            everyConnectionBusy.countDown();
            everyConnectionBusy.await(READ_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            callersStarted.await(READ_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            return Answer.keepOpen(ok("{}"));
        });
             RawHttp http = client(server, connections);
             ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {

            List<Future<Reply>> replies = new ArrayList<>();
            for (int i = 0; i <= connections; i++) {
                replies.add(callers.submit(() -> {
                    callersStarted.countDown();
                    return http.get("/api/v1/balances", "token");
                }));
            }

            for (Future<Reply> reply : replies) {
                assertThat(reply.get().status()).isEqualTo(200);
            }
            assertThat(server.received()).hasSize(connections + 1);
            assertThat(server.accepted()).isEqualTo(connections);
        }
    }

    @Test
    void anAnswerSayingConnectionCloseEndsTheUseOfItsConnection() throws Exception {
        // the server says close but leaves the connection open: only the client's reading of it can move the
        // next request to a new one
        try (ScriptedServer server = ScriptedServer.answering(
                "HTTP/1.1 200 OK\r\nCONNECTION: Close\r\nContent-Length: 2\r\n\r\n{}");
             RawHttp http = client(server, 1)) {

            Reply first = http.get("/api/v1/markets", null);
            Reply second = http.get("/api/v1/markets", null);

            assertThat(first).isEqualTo(new Reply(200, "{}"));
            assertThat(second).isEqualTo(first);
            assertThat(server.received()).extracting(ScriptedServer.Received::connection).containsExactly(0, 1);
        }
    }

    @Test
    void aGetOnAConnectionTheServerDroppedWhileIdleIsSentOnceMoreOnAFreshOne() throws Exception {
        // every answer is followed by the server closing the connection, as it does to one idle too long
        try (ScriptedServer server = new ScriptedServer(
                request -> Answer.thenClose(ok("{\"n\":" + request.connection() + "}")));
             RawHttp http = client(server, 1)) {
            http.get("/api/v1/markets", null);
            server.awaitClosedByServer(1);

            Reply reply = http.get("/api/v1/orders/7", "token");

            assertThat(reply).isEqualTo(new Reply(200, "{\"n\":1}"));
            assertThat(server.received()).extracting(ScriptedServer.Received::connection).containsExactly(0, 1);
        }
    }

    @Test
    void aPostOnAConnectionTheServerDroppedWhileIdleIsReportedUnansweredAndNotSentTwice() throws Exception {
        try (ScriptedServer server = new ScriptedServer(request -> Answer.thenClose(ok("{}")));
             RawHttp http = client(server, 1)) {
            http.get("/api/v1/markets", null);
            server.awaitClosedByServer(1);

            Reply reply = http.post("/api/v1/orders", "{\"side\":\"buy\"}", "token");

            assertThat(reply.status()).isEqualTo(Reply.NO_RESPONSE);
            assertThat(reply.body()).isNotBlank();
            assertThat(server.accepted()).isEqualTo(1);
            assertThat(server.received()).hasSize(1);
        }
    }

    @Test
    void aPostIsOneRequestWithItsTokenAndTheUtf8LengthOfItsBody() throws Exception {
        try (ScriptedServer server = ScriptedServer.answering(ok("{\"id\":\"1\"}"));
             RawHttp http = client(server, 1)) {

            Reply reply = http.post("/api/v1/orders", "{\"note\":\"café €\"}", "eyJ.abc.def");

            assertThat(reply).isEqualTo(new Reply(200, "{\"id\":\"1\"}"));
            assertThat(server.received().getFirst().text()).isEqualTo("POST /api/v1/orders HTTP/1.1\r\n"
                    + "Host: " + server.hostHeader() + "\r\n"
                    + "Accept: application/json\r\n"
                    + "Authorization: Bearer eyJ.abc.def\r\n"
                    + "Content-Type: application/json\r\n"
                    + "Content-Length: 20\r\n"
                    + "\r\n"
                    + "{\"note\":\"café €\"}");
        }
    }

    @Test
    void anAnswerThatNeverComesIsNoResponseOnceTheReadTimeoutPasses() throws Exception {
        try (ScriptedServer server = new ScriptedServer(request ->
                request.text().startsWith("GET /api/v1/markets ") ? Answer.keepOpen(ok("[]")) : Answer.NONE);
             RawHttp http = new RawHttp(server.url(), 1, CONNECT_TIMEOUT, Duration.ofMillis(300), NO_IDLE_LIMIT)) {
            http.get("/api/v1/markets", null);

            Reply reply = http.get("/api/v1/orders/7", "token");

            assertThat(reply.status()).isEqualTo(Reply.NO_RESPONSE);
            assertThat(reply.body()).startsWith("SocketTimeoutException");
            assertThat(server.received()).as("a request that timed out is not sent again").hasSize(2);
        }
    }

    @Test
    void aServerThatIsNotListeningIsNoResponse() throws Exception {
        URI nobody;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            nobody = URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
        try (RawHttp http = new RawHttp(nobody, 1, CONNECT_TIMEOUT, READ_TIMEOUT, NO_IDLE_LIMIT)) {

            Reply reply = http.get("/api/v1/markets", null);

            assertThat(reply.status()).isEqualTo(Reply.NO_RESPONSE);
            assertThat(reply.body()).startsWith("ConnectException");
        }
    }

    @Test
    void aConnectionIdleBeyondTheLimitIsClosedRatherThanReused() throws Exception {
        try (ScriptedServer server = ScriptedServer.answering(ok("{}"));
             RawHttp http = new RawHttp(server.url(), 1, CONNECT_TIMEOUT, READ_TIMEOUT, Duration.ZERO)) {

            http.post("/api/v1/orders", "{}", "token");
            http.post("/api/v1/orders", "{}", "token");

            assertThat(server.received()).extracting(ScriptedServer.Received::connection).containsExactly(0, 1);
        }
    }

    private static RawHttp client(ScriptedServer server, int connections) {
        return new RawHttp(server.url(), connections, CONNECT_TIMEOUT, READ_TIMEOUT, NO_IDLE_LIMIT);
    }

    private static String ok(String json) {
        return "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                + json.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + json;
    }
}
