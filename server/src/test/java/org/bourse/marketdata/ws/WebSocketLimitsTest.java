package org.bourse.marketdata.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bourse.marketdata.ws.WsClient.on;
import static org.bourse.marketdata.ws.WsClient.type;

import java.util.List;

import org.bourse.exchange.ExchangeGateway;
import org.bourse.testsupport.EngineStall;
import org.bourse.testsupport.HttpApi;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

/**
 * What one client can ask of the WebSocket: messages per socket and subscriptions per address are budgeted,
 * and a book snapshot costs the engine nothing (it comes from the cached view GET /book uses).
 */
@WebSocketTest
class WebSocketLimitsTest {

    private static final List<String> TRADES = List.of("trades:BTC-USD", "trades:ETH-USD", "trades:SOL-USD",
            "trades:ETH-BTC", "trades:VIB-BRL");

    @LocalServerPort
    int port;

    @Autowired
    ExchangeGateway exchange;

    @Test
    void aBookSnapshotArrivesWhileTheEngineIsBusyAndIsTheBookOfTheRestApi() throws Exception {
        try (WsClient client = WsClient.connect(port); EngineStall busy = new EngineStall(exchange)) {
            client.subscribe("book:BTC-USD");

            assertThat(client.next().path("type").asString()).isEqualTo("subscribed");
            JsonNode snapshot = client.next();

            assertThat(snapshot.path("type").asString()).as("%s", snapshot).isEqualTo("snapshot");
            JsonNode rest = HttpApi.onPort(port).get("/api/v1/markets/BTC-USD/book?depth=1000").json();
            assertThat(snapshot.path("sequence").asLong()).isEqualTo(rest.path("sequence").asLong());
            assertThat(snapshot.path("data").path("bids")).isEqualTo(rest.path("bids"));
            assertThat(snapshot.path("data").path("asks")).isEqualTo(rest.path("asks"));
        }
    }

    @Test
    void aSocketSendingFasterThanItsBudgetIsRefusedMessageByMessageAndStaysOpen() {
        try (WsClient client = WsClient.connect(port)) {
            for (int i = 0; i < WebSocketTest.MESSAGE_BURST; i++) {
                client.send("{\"op\":\"ping\"}");
            }
            client.send("{\"op\":\"ping\"}");

            for (int i = 0; i < WebSocketTest.MESSAGE_BURST; i++) {
                assertThat(client.next().path("type").asString()).as("answer %d", i).isEqualTo("pong");
            }
            JsonNode refused = client.next();
            assertThat(refused.path("type").asString()).isEqualTo("error");
            assertThat(refused.path("code").asString()).isEqualTo("RATE_LIMITED");
        }
    }

    @Test
    void oneAddressGetsSoManySubscriptionsOverAllItsSockets() {
        String address = HttpApi.onPort(port).address();
        int rounds = WebSocketTest.SUBSCRIPTION_BURST / TRADES.size();
        try (WsClient first = WsClient.connect(port, true, address);
             WsClient second = WsClient.connect(port, true, address);
             WsClient elsewhere = WsClient.connect(port)) {
            for (int i = 0; i < rounds; i++) { // each subscribe counts, a repeated one too: it may cost a snapshot
                first.subscribe(TRADES.toArray(String[]::new));
                assertThat(first.next().path("channels").size()).as("round %d", i).isEqualTo(TRADES.size());
            }

            second.subscribe("trades:BTC-USD");
            JsonNode refused = second.next();
            elsewhere.subscribe("trades:BTC-USD");

            assertThat(refused.path("code").asString()).as("%s", refused).isEqualTo("SUBSCRIPTION_RATE_LIMITED");
            assertThat(refused.path("channel").asString()).isEqualTo("trades:BTC-USD");
            assertThat(elsewhere.await(type("subscribed")).path("channels").get(0).asString()).isEqualTo("trades:BTC-USD");
        }
    }
}
