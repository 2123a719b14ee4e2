package org.bourse.marketdata.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bourse.marketdata.ws.WsClient.on;
import static org.bourse.marketdata.ws.WsClient.type;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.bourse.testsupport.HttpApi;
import org.bourse.testsupport.TestClock;
import org.bourse.testsupport.Traders;
import org.bourse.testsupport.Traders.Trader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

/** The /ws protocol's answers: pong, acknowledgements, channel messages, and an error code for every mistake. */
@WebSocketTest
class WebSocketProtocolTest {

    @LocalServerPort
    int port;

    @Autowired
    MarketSocketHandler handler;

    @Autowired
    WebSocketProperties webSocket;

    @Autowired
    TestClock clock;

    @Test
    void pingIsAnsweredWithPong() {
        try (WsClient client = WsClient.connect(port)) {
            client.send("{\"op\":\"ping\"}");
            assertThat(client.next().path("type").asString()).isEqualTo("pong");
        }
    }

    /** Client messages the server refuses: the error code each gets, and the channel the error names, if any. */
    static Stream<Arguments> mistakes() {
        return Stream.of(
                mistake("not JSON", "this is not json", "VALIDATION_FAILED", null),
                mistake("not an object", "[1, 2]", "VALIDATION_FAILED", null),
                mistake("op not a string", "{\"op\": 42}", "VALIDATION_FAILED", null),
                mistake("an unknown op", "{\"op\": \"dance\"}", "VALIDATION_FAILED", null),
                mistake("subscribe without channels", "{\"op\": \"subscribe\"}", "VALIDATION_FAILED", null),
                mistake("channels not an array", "{\"op\": \"subscribe\", \"channels\": \"book:BTC-USD\"}",
                        "VALIDATION_FAILED", null),
                mistake("a channel that is not a string", "{\"op\": \"subscribe\", \"channels\": [7]}",
                        "VALIDATION_FAILED", null),
                mistake("an unknown kind of channel", "{\"op\": \"subscribe\", \"channels\": [\"weather:BTC-USD\"]}",
                        "UNKNOWN_CHANNEL", "weather:BTC-USD"),
                mistake("an unknown candle interval", "{\"op\": \"subscribe\", \"channels\": [\"candles:BTC-USD:2m\"]}",
                        "UNKNOWN_CHANNEL", "candles:BTC-USD:2m"),
                mistake("a book without a market", "{\"op\": \"subscribe\", \"channels\": [\"book\"]}",
                        "UNKNOWN_CHANNEL", "book"),
                mistake("a market that is not listed", "{\"op\": \"subscribe\", \"channels\": [\"book:NOPE-USD\"]}",
                        "MARKET_NOT_FOUND", "book:NOPE-USD"),
                mistake("a private channel before auth", "{\"op\": \"subscribe\", \"channels\": [\"orders\"]}",
                        "UNAUTHORIZED", "orders"),
                mistake("auth with a token that is not one", "{\"op\": \"auth\", \"token\": \"not.a.token\"}",
                        "UNAUTHORIZED", null),
                mistake("auth without a token", "{\"op\": \"auth\"}", "VALIDATION_FAILED", null),
                mistake("more channels in one message than a socket may hold", subscribeTo(
                        IntStream.rangeClosed(0, WebSocketTest.MAX_CHANNELS).mapToObj(i -> "candles:BTC-USD:1m").toList()),
                        "TOO_MANY_CHANNELS", null));
    }

    private static Arguments mistake(String name, String message, String code, String channel) {
        return Arguments.argumentSet(name, message, code, channel);
    }

    @ParameterizedTest
    @MethodSource("mistakes")
    void aMistakeIsAnsweredWithItsStableCodeAndTheSocketStaysUsable(String message, String code, String channel) {
        try (WsClient client = WsClient.connect(port)) {
            client.send(message);

            JsonNode error = client.next();
            assertThat(error.path("type").asString()).as("answer to %s: %s", message, error).isEqualTo("error");
            assertThat(error.path("code").asString()).as("answer to %s: %s", message, error).isEqualTo(code);
            assertThat(error.path("message").asString()).isNotBlank();
            if (channel == null) {
                assertThat(error.has("channel")).as("%s", error).isFalse();
            } else {
                assertThat(error.path("channel").asString()).isEqualTo(channel);
            }
            client.send("{\"op\":\"ping\"}");
            assertThat(client.next().path("type").asString()).as("after the error, and nothing else before it")
                    .isEqualTo("pong");
        }
    }

    /**
     * A socket holds at most {@code bourse.ws.max-channels} (here {@value WebSocketTest#MAX_CHANNELS}): one more
     * is refused, naming it, while a channel already held may be subscribed again (that is how a client
     * recovers from a gap), and an unsubscribed one makes room.
     */
    @Test
    void aSocketHoldsAtMostItsChannelsAndMayAlwaysSubscribeAgainToOneItHolds() {
        List<String> channels = Stream.of("BTC-USD", "ETH-USD", "SOL-USD", "ETH-BTC", "VIB-BRL")
                .flatMap(market -> Stream.of("trades:" + market, "candles:" + market + ":1h")).toList();
        assertThat(channels).hasSize(WebSocketTest.MAX_CHANNELS);
        String oneMore = "trades:" + new Traders(port).newMarket() + "-USD";
        try (WsClient client = WsClient.connect(port)) {
            client.subscribe(channels.toArray(String[]::new));
            JsonNode subscribed = client.await(type("subscribed"));
            assertThat(StreamSupport.stream(subscribed.path("channels").spliterator(), false).map(JsonNode::asString))
                    .containsExactlyElementsOf(channels);

            client.subscribe(oneMore);
            JsonNode refused = client.await(type("error"));
            assertThat(refused.path("code").asString()).isEqualTo("TOO_MANY_CHANNELS");
            assertThat(refused.path("channel").asString()).isEqualTo(oneMore);

            client.subscribe(channels.getFirst());
            assertThat(client.await(type("subscribed")).path("channels").get(0).asString()).isEqualTo(channels.getFirst());

            client.send(Map.of("op", "unsubscribe", "channels", List.of(channels.getLast())));
            client.await(type("unsubscribed"));
            client.subscribe(oneMore);
            assertThat(client.await(type("subscribed")).path("channels").get(0).asString()).isEqualTo(oneMore);
        }
    }

    /**
     * The server pings every socket and closes one that has sent nothing, not even a pong, for the idle
     * timeout, with 1001 "idle timeout"; a socket that spoke within it stays. The server's clock is the
     * test's, and the test runs the heartbeat itself.
     */
    @Test
    void aSocketSilentForTheIdleTimeoutIsClosedWith1001AndOneThatSpokeStaysOpen() {
        try (WsClient silent = WsClient.connect(port, false); WsClient talking = WsClient.connect(port)) {
            clock.advance(webSocket.idleTimeout().plusSeconds(1));
            talking.send("{\"op\":\"ping\"}");
            assertThat(talking.await(type("pong"))).isNotNull();

            handler.heartbeat();

            silent.startReading();
            WsClient.Closed closed = silent.awaitClose();
            assertThat(closed.code()).isEqualTo(1001);
            assertThat(closed.reason()).isEqualTo("idle timeout");
            talking.send("{\"op\":\"ping\"}");
            assertThat(talking.await(type("pong"))).as("the socket that spoke, still open").isNotNull();
        }
    }

    private static String subscribeTo(List<String> channels) {
        return "{\"op\": \"subscribe\", \"channels\": [" + String.join(", ",
                channels.stream().map(channel -> "\"" + channel + "\"").toList()) + "]}";
    }

    @Test
    void onlyAnAccessTokenOfAnActiveUserAuthenticatesASocket() {
        HttpApi api = HttpApi.onPort(port);
        String name = "ws_" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> credentials = Map.of("email", name + "@example.com", "password", "a long password");
        HttpApi.Reply registered = api.post("/api/v1/auth/register", Map.of("username", name, "email", name + "@example.com",
                "password", "a long password"));
        HttpApi.Reply login = api.post("/api/v1/auth/login", credentials);
        assertThat(login.status()).isEqualTo(200);
        try (WsClient client = WsClient.connect(port)) {
            assertError(client, Map.of("op", "auth", "token", login.text("refresh_token")), "UNAUTHORIZED", null);

            client.send(Map.of("op", "auth", "token", login.text("access_token")));
            JsonNode authenticated = client.await(type("authenticated"));
            assertThat(authenticated.path("user_id").asString()).isEqualTo(registered.text("id"));

            assertThat(new Traders(port).admin().patch("/api/v1/admin/users/" + registered.text("id"),
                    Map.of("is_active", false)).status()).isEqualTo(200);
            assertThat(client.awaitClose().code()).as("a disabled user's socket is closed").isEqualTo(1008);
        }
        try (WsClient again = WsClient.connect(port)) {
            // the disabled user's access tokens are refused from now on, here as on HTTP
            assertError(again, Map.of("op", "auth", "token", login.text("access_token")), "UNAUTHORIZED", null);
        }
    }

    @Test
    void subscribingAcknowledgesThenSendsTheBookSnapshotAndUnsubscribingAcknowledges() {
        String coin = new Traders(port).newMarket();
        String channel = "book:" + coin + "-USD";
        try (WsClient client = WsClient.connect(port)) {
            client.subscribe("book:" + coin.toLowerCase(java.util.Locale.ROOT) + "-usd");
            JsonNode ack = client.next();
            assertThat(ack.path("type").asString()).isEqualTo("subscribed");
            assertThat(ack.path("channels").get(0).asString()).isEqualTo(channel);
            JsonNode snapshot = client.next();
            assertThat(snapshot.path("channel").asString()).isEqualTo(channel);
            assertThat(snapshot.path("type").asString()).isEqualTo("snapshot");
            assertThat(snapshot.path("sequence").isNumber()).isTrue();
            assertThat(snapshot.path("data").path("bids").isArray()).isTrue();
            assertThat(snapshot.path("data").path("asks").isEmpty()).isTrue();

            client.send(Map.of("op", "unsubscribe", "channels", List.of(channel)));
            JsonNode unsubscribed = client.next();
            assertThat(unsubscribed.path("type").asString()).isEqualTo("unsubscribed");
            assertThat(unsubscribed.path("channels").get(0).asString()).isEqualTo(channel);
        }
    }

    @Test
    void aBookUpdateNamesTheChangedLevelAndItsNewQuantityAndZeroWhenGone() {
        Traders traders = new Traders(port);
        String coin = traders.newMarket();
        Trader seller = traders.newTrader();
        seller.deposit(coin, "10");
        Trader buyer = traders.newTrader();
        String channel = "book:" + coin + "-USD";
        try (WsClient client = WsClient.connect(port)) {
            client.subscribe(channel, "trades:" + coin + "-USD");
            client.await(on(channel, "snapshot"));
            assertThat(seller.order(Traders.limit(coin, "sell", "1.5", "100.00")).status()).isEqualTo(201);
            JsonNode added = client.await(on(channel, "update"));
            assertThat(added.path("data").path("asks").toString()).isEqualTo("[[\"100.00\",\"1.50000000\"]]");
            assertThat(added.path("data").path("bids").isEmpty()).isTrue();

            assertThat(buyer.order(Traders.limit(coin, "buy", "1.5", "100.00")).status()).isEqualTo(201);
            List<JsonNode> before = new java.util.ArrayList<>();
            JsonNode gone = client.await(on(channel, "update"), before);
            assertThat(gone.path("sequence").asLong()).isEqualTo(added.path("sequence").asLong() + 1);
            assertThat(gone.path("data").path("asks").toString()).isEqualTo("[[\"100.00\",\"0\"]]");
            // the trade and the level change come from one command, in the engine's order
            JsonNode trade = before.stream().filter(on("trades:" + coin + "-USD", "update")).findFirst()
                    .orElseGet(() -> client.await(on("trades:" + coin + "-USD", "update"))).path("data");
            assertThat(trade.path("id").isString()).isTrue();
            assertThat(trade.path("price").asString()).isEqualTo("100.00");
            assertThat(trade.path("quantity").asString()).isEqualTo("1.50000000");
            assertThat(trade.path("taker_side").asString()).isEqualTo("buy");
            assertThat(trade.path("executed_at").asString()).endsWith("Z");
        }
    }

    private static void assertError(WsClient client, Object message, String code, String channel) {
        if (message instanceof String text) {
            client.send(text);
        } else {
            client.send(message);
        }
        JsonNode error = client.await(type("error"));
        assertThat(error.path("code").asString()).as("answer to %s: %s", message, error).isEqualTo(code);
        assertThat(error.path("message").asString()).isNotBlank();
        if (channel != null) {
            assertThat(error.path("channel").asString()).isEqualTo(channel);
        }
    }
}
