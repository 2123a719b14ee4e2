package org.bourse.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.bourse.testsupport.Traders.limit;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.bourse.testsupport.BourseHttpTest;
import org.bourse.testsupport.HttpApi;
import org.bourse.testsupport.Traders;
import org.bourse.testsupport.Traders.Trader;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * The embedded default's delivery, with consumers of the test's own next to the audit trail: a consumer's
 * recoverable failure is retried until it passes and the event is processed once; an event it refuses for good
 * goes to {@code event_dead_letters} and delivery goes on; a consumer stuck on an event holds up no other
 * consumer, loses nothing, and gets everything in order once it moves again.
 */
@BourseHttpTest
@Import(InProcessDeliveryTest.Consumers.class)
@TestPropertySource(properties = {"bourse.demo.enabled=false", "bourse.rate-limit.capacity=100000",
        "bourse.rate-limit.refill-per-second=100000"})
class InProcessDeliveryTest {

    /** Fails the first three times on an event traced {@code flaky-*}, for good on one traced {@code poison-*}. */
    static final class Picky implements IntegrationEventConsumer {
        final List<IntegrationEvent> accepted = new CopyOnWriteArrayList<>();
        final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();

        @Override
        public String queue() {
            return "test.picky";
        }

        @Override
        public boolean accepts(String eventType) {
            return eventType.equals(IntegrationEvent.ORDER_CREATED);
        }

        @Override
        public void accept(IntegrationEvent event) {
            String trace = String.valueOf(event.traceId());
            if (trace.startsWith("poison-")) {
                throw new PermanentEventFailure("refused for good: " + trace);
            }
            if (trace.startsWith("flaky-") && attempts.computeIfAbsent(trace, t -> new AtomicInteger()).incrementAndGet() <= 3) {
                throw new IllegalStateException("not yet: " + trace);
            }
            accepted.add(event);
        }
    }

    /** Waits on its gate before taking an order event, while the gate is closed. */
    static final class Stuck implements IntegrationEventConsumer {
        final List<IntegrationEvent> accepted = new CopyOnWriteArrayList<>();
        volatile CountDownLatch gate = new CountDownLatch(0);

        @Override
        public String queue() {
            return "test.stuck";
        }

        @Override
        public boolean accepts(String eventType) {
            return eventType.equals(IntegrationEvent.ORDER_CREATED);
        }

        @Override
        public void accept(IntegrationEvent event) {
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("stopping", e);
            }
            accepted.add(event);
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Consumers {
        @Bean
        Picky picky() {
            return new Picky();
        }

        @Bean
        Stuck stuck() {
            return new Stuck();
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Picky picky;

    @Autowired
    Stuck stuck;

    @Test
    void aRecoverableFailureIsRetriedUntilItPassesAndProcessedOnce() {
        Trader trader = new Traders(port).newTrader();
        String trace = "flaky-" + UUID.randomUUID();
        String order = trader.api().withHeader("X-Request-Id", trace).post("/api/v1/orders",
                limit("BTC", "buy", "0.001", "1000")).text("id");
        await("the flaky event accepted", () -> picky.accepted.stream().anyMatch(e -> order.equals(e.orderId())));
        assertThat(picky.attempts.get(trace).get()).isEqualTo(4);
        assertThat(picky.accepted.stream().filter(e -> order.equals(e.orderId())).count()).isEqualTo(1);
    }

    @Test
    void anEventRefusedForGoodIsDeadLetteredAndDeliveryGoesOn() {
        Trader trader = new Traders(port).newTrader();
        String poisonTrace = "poison-" + UUID.randomUUID();
        String poisoned = trader.api().withHeader("X-Request-Id", poisonTrace).post("/api/v1/orders",
                limit("BTC", "buy", "0.001", "1001")).text("id");
        String later = trader.order(limit("BTC", "buy", "0.001", "1002")).text("id");
        await("the later event accepted", () -> picky.accepted.stream().anyMatch(e -> later.equals(e.orderId())));
        assertThat(picky.accepted).noneMatch(e -> poisoned.equals(e.orderId()));
        List<Map<String, Object>> dead = jdbc.queryForList(
                "SELECT consumer, payload, error FROM event_dead_letters WHERE payload LIKE ?", "%" + poisonTrace + "%");
        assertThat(dead).hasSize(1);
        assertThat(dead.getFirst().get("consumer")).isEqualTo("test.picky");
        assertThat(dead.getFirst().get("error").toString()).contains("refused for good");
        // the other consumers were not disturbed: the audit trail has the order
        await("the poisoned order in the audit trail", () -> jdbc.queryForObject(
                "SELECT COUNT(*) FROM audit_events WHERE order_id = ?", Long.class, Long.parseLong(poisoned)) == 1);
    }

    @Test
    void aStuckConsumerHoldsUpNoOtherAndGetsEverythingInOrderOnceItMoves() {
        Trader trader = new Traders(port).newTrader();
        stuck.gate = new CountDownLatch(1);
        try {
            List<String> orders = new java.util.ArrayList<>();
            for (int i = 0; i < 5; i++) {
                orders.add(trader.order(limit("BTC", "buy", "0.001", Integer.toString(1100 + i))).text("id"));
            }
            await("every order in the audit trail while a consumer is stuck", () -> orders.stream().allMatch(id ->
                    jdbc.queryForObject("SELECT COUNT(*) FROM audit_events WHERE order_id = ?", Long.class,
                            Long.parseLong(id)) == 1));
            assertThat(stuck.accepted).noneMatch(e -> orders.contains(e.orderId()));
            String lag = HttpApi.onPort(port).get("/actuator/prometheus").body().lines()
                    .filter(l -> l.startsWith("bourse_events_lag{reader=\"test.stuck\"}")).findFirst().orElseThrow();
            assertThat(Double.parseDouble(lag.substring(lag.lastIndexOf(' ') + 1))).isPositive();
            stuck.gate.countDown();
            await("the stuck consumer caught up", () -> stuck.accepted.stream()
                    .filter(e -> orders.contains(e.orderId())).count() == orders.size());
            assertThat(stuck.accepted.stream().map(IntegrationEvent::orderId).filter(orders::contains).toList())
                    .containsExactlyElementsOf(orders);
        } finally {
            stuck.gate.countDown();
        }
    }

    private static void await(String what, BooleanSupplier done) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("not " + what + " within 60 s");
            }
            try {
                Thread.sleep(Duration.ofMillis(50));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
