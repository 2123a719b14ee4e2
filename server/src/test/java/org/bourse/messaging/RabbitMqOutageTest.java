package org.bourse.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.bourse.testsupport.Traders.limit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.bourse.testsupport.BourseHttpTest;
import org.bourse.testsupport.CuttableProxy;
import org.bourse.testsupport.HttpApi;
import org.bourse.testsupport.IsolatedRabbitMqNames;
import org.bourse.testsupport.RequiresRabbitMq;
import org.bourse.testsupport.Traders;
import org.bourse.testsupport.Traders.Trader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;

import tools.jackson.databind.json.JsonMapper;

/**
 * The broker lost mid-stream (every connection to it cut, as a crashed broker or a broken network would, through a
 * proxy; the shared broker itself is never touched): orders go on being accepted, health says DEGRADED, and once
 * the broker is back every order event in the outbox reaches the queues: nothing is lost.
 */
@BourseHttpTest
@RequiresRabbitMq
@DirtiesContext // its broker address is a proxy of its own
@TestPropertySource(properties = {"bourse.demo.enabled=false", "bourse.rate-limit.capacity=100000",
        "bourse.rate-limit.refill-per-second=100000", "bourse.events.prune-interval=1h"})
class RabbitMqOutageTest {

    private static final CuttableProxy PROXY = CuttableProxy.to(RequiresRabbitMq.HOST, RequiresRabbitMq.PORT);
    private static final String PREFIX = IsolatedRabbitMqNames.randomPrefix();
    private static final int ORDERS = 60;

    @DynamicPropertySource
    static void brokerBehindTheProxy(DynamicPropertyRegistry registry) {
        registry.add("bourse.rabbitmq.url", () -> "amqp://guest:guest@localhost:" + PROXY.port());
        registry.add("bourse.rabbitmq.prefix", () -> PREFIX);
    }

    @AfterAll
    static void removeTheProxyAndTheNames() {
        PROXY.close();
        IsolatedRabbitMqNames.deleteAll(PREFIX);
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aBrokerLostMidStreamLosesNoEvent() throws Exception {
        Traders traders = new Traders(port);
        String coin = traders.newMarket();
        Trader trader = traders.newTrader();
        for (int i = 0; i < ORDERS; i++) {
            if (i == ORDERS / 3) {
                PROXY.cut();
            }
            HttpApi.Reply placed = trader.order(limit(coin, "buy", "0.1", Integer.toString(10 + i)));
            assertThat(placed.status()).as("the exchange does not wait for the broker: %s", placed).isEqualTo(201);
        }
        awaitHealth("DEGRADED");
        Thread.sleep(1_000);
        PROXY.restore();
        awaitHealth("UP");

        List<String> outbox = jdbc.queryForList(
                "SELECT message_id FROM event_outbox WHERE event_type LIKE 'orders.%' ORDER BY id", String.class);
        assertThat(outbox).hasSizeGreaterThanOrEqualTo(ORDERS);
        Set<String> received = new HashSet<>();
        JsonMapper json = JsonMapper.builder().build();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        try (Connection connection = IsolatedRabbitMqNames.connect(); Channel channel = connection.createChannel()) {
            while (!received.containsAll(outbox)) {
                GetResponse response = channel.basicGet(PREFIX + "search.sync", true);
                if (response == null) {
                    if (System.nanoTime() > deadline) {
                        Set<String> missing = new HashSet<>(outbox);
                        missing.removeAll(received);
                        fail("order events never reached search.sync: " + missing);
                    }
                    Thread.sleep(50);
                    continue;
                }
                received.add(json.readTree(new String(response.getBody(), StandardCharsets.UTF_8))
                        .path("message_id").asString());
            }
        }
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_events WHERE user_id = ?", Long.class, trader.id()))
                .as("the audit consumer reconnected too").isLessThanOrEqualTo(ORDERS);
        awaitAudit(trader.id());
    }

    private void awaitAudit(long userId) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (jdbc.queryForObject("SELECT COUNT(*) FROM audit_events WHERE user_id = ?", Long.class, userId) < ORDERS) {
            if (System.nanoTime() > deadline) {
                fail("the audit consumer did not get every order after the outage");
            }
            Thread.sleep(100);
        }
    }

    private void awaitHealth(String status) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            String now = HttpApi.onPort(port).get("/actuator/health").json().path("status").asString();
            if (now.equals(status)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                fail("health is " + now + ", expected " + status);
            }
            Thread.sleep(100);
        }
    }
}
