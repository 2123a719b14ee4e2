package org.bourse.marketdata.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bourse.marketdata.ws.WsClient.type;
import static org.bourse.testsupport.ProblemAssertions.assertProblem;

import java.util.Map;

import org.bourse.testsupport.HttpApi;
import org.bourse.testsupport.Traders;
import org.bourse.testsupport.Traders.Trader;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

/**
 * A user an admin disables is stopped at once (issue 23): the very next request with an unexpired access token
 * is refused, the open orders are cancelled (the book no longer shows them) and the WebSocket is closed.
 */
@WebSocketTest
class DisabledUserTest {

    @LocalServerPort
    int port;

    @Test
    void aDisabledUserIsRefusedAtOnceLosesTheOpenOrdersAndTheSocket() {
        Traders traders = new Traders(port);
        String coin = traders.newMarket();
        String symbol = coin + "-USD";
        Trader mallory = traders.newTrader();
        mallory.deposit(coin, "5");
        HttpApi.Reply order = mallory.order(Traders.limit(coin, "sell", "1", "123.00"));
        assertThat(order.status()).isEqualTo(201);
        assertThat(mallory.api().get("/api/v1/orders").status()).isEqualTo(200);
        HttpApi.Reply login = mallory.api().anotherCaller().post("/api/v1/auth/login", Map.of("email",
                mallory.username() + "@example.com", "password", "correct horse " + mallory.username().substring(7)));
        try (WsClient socket = WsClient.connect(port)) {
            socket.send(Map.of("op", "auth", "token", login.text("access_token")));
            assertThat(socket.await(m -> type("authenticated").test(m) || type("error").test(m)).path("type").asString())
                    .isEqualTo("authenticated");

            HttpApi.Reply disabled = traders.admin().patch("/api/v1/admin/users/" + mallory.id(), Map.of("is_active", false));
            assertThat(disabled.status()).as("%s", disabled).isEqualTo(200);

            assertProblem(mallory.api().get("/api/v1/orders"), 401, "UNAUTHORIZED");
            assertProblem(mallory.api().post("/api/v1/orders", Traders.limit(coin, "sell", "1", "124.00")), 401,
                    "UNAUTHORIZED");
            WsClient.Closed closed = socket.awaitClose();
            assertThat(closed.code()).isEqualTo(1008);
            assertThat(closed.reason()).isEqualTo("account disabled");
        }
        JsonNode book = HttpApi.onPort(port).get("/api/v1/markets/" + symbol + "/book").json();
        assertThat(book.path("asks")).as("the disabled user's ask is cancelled").isEmpty();

        assertThat(traders.admin().patch("/api/v1/admin/users/" + mallory.id(), Map.of("is_active", true)).status())
                .isEqualTo(200);
        assertThat(traders.logInAgain(mallory).api().get("/api/v1/orders").status()).isEqualTo(200);
    }
}
