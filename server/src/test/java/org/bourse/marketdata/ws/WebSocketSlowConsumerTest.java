package org.bourse.marketdata.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bourse.marketdata.ws.WsClient.on;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.bourse.testsupport.Traders;
import org.bourse.testsupport.Traders.Trader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

/**
 * A client that stops reading is disconnected with 1008 "slow consumer" once its outbox is full, instead of
 * the server buffering for it without bound; the other subscribers of the same channel keep receiving,
 * without a gap.
 */
@WebSocketTest
class WebSocketSlowConsumerTest {

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    /**
     * Both clients subscribe to one book; one never reads. While its outbox fills (each of its subscribes is
     * answered with a 300-level snapshot) the book keeps changing, and the reading client gets every update,
     * in sequence; the stuck one is cut off alone. A fan-out that waited for the stuck client would stop the
     * reading one too (this test would then hang until its timeout).
     */
    @Test
    @Timeout(300)
    void aClientThatStopsReadingIsClosedAsASlowConsumerWhileTheOthersKeepReceiving() {
        Traders traders = new Traders(port);
        String coin = traders.newMarket();
        Trader maker = traders.newTrader();
        maker.deposit(coin, "100");
        for (int i = 0; i < 300; i++) {
            String price = java.math.BigDecimal.valueOf(10_000 + i, 2).toPlainString();
            assertThat(maker.order(Traders.limit(coin, "sell", "0.001", price)).status()).isEqualTo(201);
        }
        String book = "book:" + coin + "-USD";
        double before = slowConsumers();
        try (WsClient healthy = WsClient.connect(port); WsClient slow = WsClient.connect(port, false)) {
            healthy.subscribe(book);
            long sequence = healthy.await(on(book, "snapshot")).path("sequence").asLong();

            int changes = 0;
            for (int i = 0; i < 100_000 && slowConsumers() == before; i++) {
                slow.subscribe(book);
                if (i % 20 == 0) {
                    changes++;
                    String price = java.math.BigDecimal.valueOf(9_900 - changes, 2).toPlainString();
                    assertThat(maker.order(Traders.limit(coin, "sell", "0.001", price)).status()).isEqualTo(201);
                }
            }
            assertThat(slowConsumers()).as("the server gave up on the client").isGreaterThan(before);
            assertThat(maker.order(Traders.limit(coin, "sell", "0.001", "1.00")).status()).isEqualTo(201);
            changes++;

            slow.startReading();
            WsClient.Closed closed = slow.awaitClose();
            assertThat(closed.code()).isEqualTo(1008);
            assertThat(closed.reason()).isEqualTo("slow consumer");
            for (int change = 1; change <= changes; change++) {
                JsonNode update = healthy.await(on(book, "update"));
                assertThat(update.path("sequence").asLong()).as("update %d of %d, none lost", change, changes)
                        .isEqualTo(++sequence);
            }
            assertThat(healthy.drain()).as("nothing but the updates").noneMatch(m -> m.path("type").asString().equals("error"));
        }
    }

    private double slowConsumers() {
        Counter counter = meters.find("bourse.ws.slow.consumers").counter();
        return counter == null ? 0 : counter.count();
    }
}
