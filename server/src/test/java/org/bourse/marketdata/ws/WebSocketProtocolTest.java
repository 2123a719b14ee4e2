package org.bourse.marketdata.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bourse.marketdata.ws.WsClient.on;
import static org.bourse.marketdata.ws.WsClient.type;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.bourse.testsupport.HttpApi;
import org.bourse.testsupport.Traders;
import org.bourse.testsupport.Traders.Trader;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

/** The /ws protocol's answers: pong, acknowledgements, channel messages, and an error code for every mistake. */
@WebSocketTest
class WebSocketProtocolTest {

    @LocalServerPort
    int port;

    @Test
    void pingIsAnsweredWithPong() {
        try (WsClient client = WsClient.connect(port)) {
            client.send("{\"op\":\"ping\"}");
            assertThat(client.next().path("type").asString()).isEqualTo("pong");
        }
    }

    @Test
    void everyMistakeIsAnsweredWithAStableCodeAndTheSocketStaysUsable() {
        try (WsClient client = WsClient.connect(port)) {
            assertError(client, "this is not json", "VALIDATION_FAILED", null);
            assertError(client, "[1, 2]", "VALIDATION_FAILED", null);
            assertError(client, "{\"op\": 42}", "VALIDATION_FAILED", null);
            assertError(client, "{\"op\": \"dance\"}", "VALIDATION_FAILED", null);
            assertError(client, "{\"op\": \"subscribe\"}", "VALIDATION_FAILED", null);
            assertError(client, "{\"op\": \"subscribe\", \"channels\": \"book:BTC-USD\"}", "VALIDATION_FAILED", null);
            assertError(client, "{\"op\": \"subscribe\", \"channels\": [7]}", "VALIDATION_FAILED", null);
            assertError(client, "{\"op\": \"subscribe\", \"channels\": [\"weather:BTC-USD\"]}", "UNKNOWN_CHANNEL",
                    "weather:BTC-USD");
            assertError(client, "{\"op\": \"subscribe\", \"channels\": [\"candles:BTC-USD:2m\"]}", "UNKNOWN_CHANNEL",
                    "candles:BTC-USD:2m");
            assertError(client, "{\"op\": \"subscribe\", \"channels\": [\"book\"]}", "UNKNOWN_CHANNEL", "book");
            assertError(client, "{\"op\": \"subscribe\", \"channels\": [\"book:NOPE-USD\"]}", "MARKET_NOT_FOUND",
                    "book:NOPE-USD");
            assertError(client, "{\"op\": \"subscribe\", \"channels\": [\"orders\"]}", "UNAUTHORIZED", "orders");
            assertError(client, "{\"op\": \"auth\", \"token\": \"not.a.token\"}", "UNAUTHORIZED", null);
            assertError(client, "{\"op\": \"auth\"}", "VALIDATION_FAILED", null);

            client.send("{\"op\":\"ping\"}");
            assertThat(client.next().path("type").asString()).isEqualTo("pong");
        }
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
            assertError(client, Map.of("op", "auth", "token", login.text("access_token")), "ACCOUNT_DISABLED", null);
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
