package org.bourse.marketdata.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.bourse.testsupport.Traders;
import org.bourse.testsupport.Traders.Trader;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A client that stops reading is disconnected with 1008 "slow consumer" once its outbox is full, instead of
 * the server buffering for it without bound.
 */
@WebSocketTest
class WebSocketSlowConsumerTest {

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    @Test
    void aClientThatStopsReadingIsClosedAsASlowConsumer() {
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
        try (WsClient slow = WsClient.connect(port, false)) {
            // every subscribe is answered with an acknowledgement and a 300-level snapshot the client never reads
            for (int i = 0; i < 100_000 && slowConsumers() == before; i++) {
                slow.subscribe(book);
            }
            assertThat(slowConsumers()).as("the server gave up on the client").isGreaterThan(before);

            slow.startReading();
            WsClient.Closed closed = slow.awaitClose();
            assertThat(closed.code()).isEqualTo(1008);
            assertThat(closed.reason()).isEqualTo("slow consumer");
        }
    }

    private double slowConsumers() {
        Counter counter = meters.find("bourse.ws.slow.consumers").counter();
        return counter == null ? 0 : counter.count();
    }
}
