package org.bourse.marketdata.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bourse.marketdata.ws.WsClient.on;
import static org.bourse.marketdata.ws.WsClient.type;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bourse.testsupport.HttpApi;
import org.bourse.testsupport.TestClock;
import org.bourse.testsupport.Traders;
import org.bourse.testsupport.Traders.Trader;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

/**
 * Private channels carry only the socket owner's orders, fills and balances. To know that nothing more is
 * coming, each check waits for a later public event on the same socket (the fan-out keeps engine order).
 */
@WebSocketTest
class WebSocketPrivateChannelsTest {

    private static final List<String> PRIVATE = List.of("orders", "fills", "balances");

    @LocalServerPort
    int port;

    @Autowired
    TestClock clock;

    @Autowired
    MarketSocketHandler sockets;

    @Test
    void aSocketWithoutTokenIsRefusedPrivateChannelsAndGetsNoPrivateEvent() {
        Traders traders = new Traders(port);
        String coin = traders.newMarket();
        Trader seller = traders.newTrader();
        seller.deposit(coin, "10");
        Trader buyer = traders.newTrader();
        String book = "book:" + coin + "-USD";
        try (WsClient anonymous = WsClient.connect(port)) {
            anonymous.subscribe("orders", "fills", "balances", book);
            List<JsonNode> answers = new ArrayList<>();
            anonymous.await(on(book, "snapshot"), answers);
            assertThat(answers).filteredOn(type("error")).extracting(e -> e.path("code").asString())
                    .containsExactly("UNAUTHORIZED", "UNAUTHORIZED", "UNAUTHORIZED");
            assertThat(answers).filteredOn(type("subscribed")).singleElement()
                    .satisfies(ack -> assertThat(ack.path("channels").toString()).isEqualTo("[\"" + book + "\"]"));

            assertThat(seller.order(Traders.limit(coin, "sell", "1", "100.00")).status()).isEqualTo(201);
            assertThat(buyer.order(Traders.limit(coin, "buy", "1", "100.00")).status()).isEqualTo(201);
            placeMarker(seller, coin, "99.00");
            List<JsonNode> seen = untilMarker(anonymous, book);
            assertThat(seen).noneMatch(m -> PRIVATE.contains(m.path("channel").asString()));
        }
    }

    @Test
    void aUserNeverReceivesAnotherUsersOrdersFillsOrBalances() {
        Traders traders = new Traders(port);
        String coin = traders.newMarket();
        String book = "book:" + coin + "-USD";
        Trader alice = traders.newTrader();
        Trader bob = traders.newTrader();
        bob.deposit(coin, "10");
        Trader carol = traders.newTrader();
        try (WsClient aliceSocket = authenticated(alice); WsClient bobSocket = authenticated(bob)) {
            aliceSocket.subscribe("orders", "fills", "balances", book);
            aliceSocket.await(on("balances", "snapshot"));
            bobSocket.subscribe("orders", "fills", "balances");
            bobSocket.await(on("balances", "snapshot"));

            // Alice's own resting order reaches her: the order, and the hold on her balance
            HttpApi.Reply own = alice.order(Traders.limit(coin, "buy", "1", "1.00"));
            assertThat(own.status()).isEqualTo(201);
            List<JsonNode> aliceOwn = new ArrayList<>();
            while (aliceOwn.stream().noneMatch(on("orders", "update"))
                    || aliceOwn.stream().noneMatch(on("balances", "update"))
                    || aliceOwn.stream().noneMatch(on(book, "update"))) {
                aliceOwn.add(aliceSocket.next());
            }
            assertThat(aliceOwn).filteredOn(on("orders", "update")).allSatisfy(m -> {
                assertThat(m.path("data").path("id").asString()).isEqualTo(own.text("id"));
                assertThat(m.path("data").path("user_id").asString()).isEqualTo(Long.toString(alice.id()));
            });
            assertThat(aliceOwn).filteredOn(on("balances", "update")).anySatisfy(m -> {
                assertThat(m.path("data").path("asset").asString()).isEqualTo("USD");
                assertThat(new java.math.BigDecimal(m.path("data").path("held").asString())).isPositive();
            });

            // Bob trades with Carol, several times
            Set<String> bobsOrders = new HashSet<>();
            for (int i = 0; i < 3; i++) {
                HttpApi.Reply sell = bob.order(Traders.limit(coin, "sell", "1", "100.00"));
                assertThat(sell.status()).isEqualTo(201);
                bobsOrders.add(sell.text("id"));
                assertThat(carol.order(Traders.limit(coin, "buy", "1", "100.00")).status()).isEqualTo(201);
            }
            placeMarker(carol, coin, "2.00");

            List<JsonNode> aliceSaw = untilMarker(aliceSocket, book);
            assertThat(aliceSaw).as("Alice's socket after her own order")
                    .noneMatch(m -> PRIVATE.contains(m.path("channel").asString()));

            // ...and Bob did get his own, shaped exactly as the REST API shows them
            List<JsonNode> bobSaw = new ArrayList<>();
            Set<String> executed = new HashSet<>();
            List<JsonNode> fills = new ArrayList<>();
            while (fills.size() < 3 || executed.size() < 3) {
                JsonNode m = bobSocket.next();
                bobSaw.add(m);
                if (on("fills", "update").test(m)) {
                    fills.add(m.path("data"));
                } else if (on("orders", "update").test(m) && m.path("data").path("status").asString().equals("executed")) {
                    executed.add(m.path("data").path("id").asString());
                    assertThat(m.path("data")).isEqualTo(bob.api().get("/api/v1/orders/" + m.path("data").path("id").asString()).json());
                }
            }
            assertThat(executed).isEqualTo(bobsOrders);
            JsonNode restFills = bob.api().get("/api/v1/fills").json().path("items");
            for (JsonNode fill : fills) {
                assertThat(bobsOrders).contains(fill.path("order_id").asString());
                assertThat(restFills).contains(fill);
            }
            assertThat(bobSaw).filteredOn(on("orders", "update"))
                    .allSatisfy(m -> assertThat(m.path("data").path("user_id").asString()).isEqualTo(Long.toString(bob.id())));
            assertThat(bobSaw).anyMatch(on("balances", "update"));
        }
    }

    @Test
    void whenTheTokenExpiresThePrivateChannelsEndAndAreRefused() {
        Trader dave = new Traders(port).newTrader();
        try (WsClient socket = authenticated(dave)) {
            socket.subscribe("balances", "orders");
            socket.await(on("balances", "snapshot"));

            clock.advance(Duration.ofMinutes(16)); // access tokens live 15 minutes
            socket.send("{\"op\":\"ping\"}"); // a live client answers the pings of those minutes: not idle
            socket.await(type("pong"));
            sockets.heartbeat();
            JsonNode ended = socket.await(type("error"));
            assertThat(ended.path("code").asString()).isEqualTo("UNAUTHORIZED");

            socket.subscribe("orders");
            JsonNode refused = socket.await(type("error"));
            assertThat(refused.path("code").asString()).isEqualTo("UNAUTHORIZED");
            assertThat(refused.path("channel").asString()).isEqualTo("orders");
        }
    }

    private WsClient authenticated(Trader trader) {
        WsClient socket = WsClient.connect(port);
        socket.send(Map.of("op", "auth", "token", tokenOf(trader)));
        assertThat(socket.await(m -> type("authenticated").test(m) || type("error").test(m)).path("type").asString())
                .as("auth of %s", trader.username()).isEqualTo("authenticated");
        return socket;
    }

    /** A fresh login of the trader (Traders keeps the token inside its client). */
    private String tokenOf(Trader trader) {
        HttpApi.Reply login = trader.api().anotherCaller().post("/api/v1/auth/login", Map.of("email",
                trader.username() + "@example.com", "password", "correct horse " + trader.username().substring(7)));
        assertThat(login.status()).as("login: %s", login).isEqualTo(200);
        return login.text("access_token");
    }

    /** A resting bid of 0.001 after everything else the test did: once a socket sees it, all before it has been fanned out. */
    private static void placeMarker(Trader trader, String coin, String price) {
        assertThat(trader.order(Traders.limit(coin, "buy", "0.001", price)).status()).isEqualTo(201);
    }

    /** Every message up to the book update that adds the marker's bid. */
    private static List<JsonNode> untilMarker(WsClient socket, String book) {
        List<JsonNode> seen = new ArrayList<>();
        socket.await(m -> on(book, "update").test(m) && m.path("data").path("bids").toString().contains("\"0.00100000\""), seen);
        return seen;
    }
}
