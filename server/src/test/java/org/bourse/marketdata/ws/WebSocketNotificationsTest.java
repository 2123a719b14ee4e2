package org.bourse.marketdata.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bourse.marketdata.ws.WsClient.on;
import static org.bourse.marketdata.ws.WsClient.type;

import java.util.Map;

import org.bourse.testsupport.HttpApi;
import org.bourse.testsupport.Traders;
import org.bourse.testsupport.Traders.Trader;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

/** The private channel {@code notifications}: each in-app notification of the socket's user as it is written. */
@WebSocketTest
class WebSocketNotificationsTest {

    @LocalServerPort
    int port;

    @Test
    void aDepositIsNotifiedOnTheOwnersSocketOnly() {
        Traders traders = new Traders(port);
        Trader alice = traders.newTrader();
        Trader bob = traders.newTrader();
        try (WsClient anonymous = WsClient.connect(port); WsClient aliceSocket = authenticated(alice)) {
            anonymous.subscribe("notifications");
            assertThat(anonymous.await(type("error")).path("code").asString()).isEqualTo("UNAUTHORIZED");
            aliceSocket.subscribe("notifications");
            aliceSocket.await(type("subscribed"));

            bob.deposit("USD", "3.00");
            alice.deposit("USD", "42.00");

            JsonNode update = aliceSocket.await(on("notifications", "update"));
            JsonNode data = update.path("data");
            assertThat(data.path("kind").asString()).isEqualTo("deposit_credited");
            assertThat(data.path("body").asString()).contains("42.00 USD");
            JsonNode listed = alice.api().get("/api/v1/notifications?limit=1").json().path("items").get(0);
            assertThat(data.path("id").asString()).isEqualTo(listed.path("id").asString());
        }
    }

    private WsClient authenticated(Trader trader) {
        HttpApi.Reply login = trader.api().anotherCaller().post("/api/v1/auth/login", Map.of("email",
                trader.username() + "@example.com", "password", "correct horse " + trader.username().substring(7)));
        WsClient socket = WsClient.connect(port);
        socket.send(Map.of("op", "auth", "token", login.text("access_token")));
        assertThat(socket.await(m -> type("authenticated").test(m) || type("error").test(m)).path("type").asString())
                .isEqualTo("authenticated");
        return socket;
    }
}
