package org.bourse.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;
import static org.bourse.testsupport.Traders.limit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import org.bourse.testsupport.BourseHttpTest;
import org.bourse.testsupport.HttpApi;
import org.bourse.testsupport.IsolatedRabbitMqNames;
import org.bourse.testsupport.Traders;
import org.bourse.testsupport.Traders.Trader;
import org.bourse.testsupport.WithRabbitMq;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Seed 000's RabbitMQ architecture against the real broker on localhost:5672, checked from outside the server
 * with a plain AMQP client, the way another service would see it.
 */
@BourseHttpTest
@WithRabbitMq
@TestPropertySource(properties = {"bourse.demo.enabled=false", "bourse.rate-limit.capacity=100000",
        "bourse.rate-limit.refill-per-second=100000", "bourse.events.prune-interval=1h"})
class RabbitMqEventsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Value("${bourse.rabbitmq.prefix}")
    String prefix;

    @Autowired
    JdbcTemplate jdbc;

    Connection connection;
    Channel channel;
    Traders traders;

    @BeforeEach
    void connect() throws IOException {
        connection = IsolatedRabbitMqNames.connect();
        channel = connection.createChannel();
        traders = new Traders(port);
    }

    @AfterEach
    void close() throws IOException {
        connection.close();
    }

    @Test
    void everyExchangeAndQueueIsDeclaredWithTheSeedsArguments() throws Exception {
        for (String exchange : IsolatedRabbitMqNames.EXCHANGES) {
            channel.exchangeDeclarePassive(prefix + exchange);
            // re-declaring with the same kind and durability is accepted only if that is what the broker holds
            channel.exchangeDeclare(prefix + exchange, "topic", true);
        }
        Map<String, Map<String, Object>> seed = Map.of(
                "portfolio.updates", Map.of("x-message-ttl", 3_600_000, "x-dead-letter-exchange", prefix + "dlx"),
                "search.sync", Map.of("x-message-ttl", 600_000, "x-dead-letter-exchange", prefix + "dlx"),
                "audit.events", Map.of("x-dead-letter-exchange", prefix + "dlx"),
                "balance.request", Map.of("x-message-ttl", 60_000),
                "dead.letters", Map.of("x-max-length", 100_000));
        for (var queue : seed.entrySet()) {
            channel.queueDeclarePassive(prefix + queue.getKey());
            channel.queueDeclare(prefix + queue.getKey(), true, false, false, queue.getValue());
        }
        // and a declaration with other arguments is refused (PRECONDITION_FAILED): the broker checks them
        assertThatThrownBy(() -> channel.queueDeclare(prefix + "portfolio.updates", true, false, false,
                Map.of("x-message-ttl", 60_000, "x-dead-letter-exchange", prefix + "dlx")))
                .hasStackTraceContaining("PRECONDITION_FAILED");
        channel = connection.createChannel();
        assertThatThrownBy(() -> channel.exchangeDeclare(prefix + "orders.events", "direct", true))
                .hasStackTraceContaining("PRECONDITION_FAILED");
        channel = connection.createChannel();

        // the bindings: a message per routing key lands where the seed says
        String probe = "probe-" + UUID.randomUUID();
        String executed = declareTap("orders.executed");
        String created = declareTap("orders.created");
        channel.basicPublish(prefix + "orders.events", "orders.executed", null, probe.getBytes(StandardCharsets.UTF_8));
        assertThat(awaitMessage(executed, m -> true).body()).isEqualTo(probe);
        assertThat(channel.basicGet(created, true)).isNull();
    }

    @Test
    void anExecutedOrderAppearsOnPortfolioUpdatesWithTheSeedsFields() throws Exception {
        String coin = traders.newMarket();
        Trader seller = traders.newTrader();
        seller.deposit(coin, "1");
        Trader buyer = traders.newTrader();
        seller.order(limit(coin, "sell", "0.25", "200"));
        String trace = "rabbit-" + UUID.randomUUID();
        String order = buyer.api().withHeader("X-Request-Id", trace).post("/api/v1/orders",
                limit(coin, "buy", "0.25", "200")).text("id");

        Delivery delivery = awaitMessage(prefix + "portfolio.updates", m -> order.equals(m.json().path("order_id").asString()));
        JsonNode event = delivery.json();
        assertThat(event.path("event_type").asString()).isEqualTo("orders.executed");
        assertThat(event.path("user_id").asString()).isEqualTo(Long.toString(buyer.id()));
        assertThat(event.path("type").asString()).isEqualTo("buy");
        assertThat(event.path("crypto_symbol").asString()).isEqualTo(coin);
        assertThat(event.path("quantity").asString()).isEqualTo("0.25000000");
        assertThat(event.path("price").asString()).isEqualTo("200.00");
        assertThat(event.path("total_amount").asString()).isEqualTo("50.00");
        assertThat(event.path("fee").asString()).isEqualTo("0.05");
        assertThat(event.path("trace_id").asString()).isEqualTo(trace);
        assertThat(Instant.parse(event.path("timestamp").asString())).isNotNull();
        assertThat(Instant.parse(event.path("occurred_at").asString())).isNotNull();
        long sequence = event.path("sequence").asLong();
        assertThat(event.path("message_id").asString()).startsWith(sequence + "-");
        assertThat(delivery.properties().getDeliveryMode()).as("persistent").isEqualTo(2);
        assertThat(delivery.properties().getMessageId()).isEqualTo(event.path("message_id").asString());
        assertThat(delivery.properties().getType()).isEqualTo("orders.executed");
        assertThat(delivery.properties().getContentType()).isEqualTo("application/json");

        String health = HttpApi.onPort(port).get("/actuator/prometheus").body();
        assertThat(health).contains("bourse_events_lag{reader=\"rabbitmq.publisher\"}");
    }

    @Test
    void aPoisonMessageEndsInTheDeadLetterQueue() throws Exception {
        String poison = "{\"not\": \"an event " + UUID.randomUUID() + "\"}";
        channel.basicPublish(prefix + "orders.events", "orders.created", persistent(null, null),
                poison.getBytes(StandardCharsets.UTF_8));
        Delivery dead = awaitMessage(prefix + "dead.letters", m -> m.body().equals(poison));
        assertThat(dead.properties().getHeaders()).containsKey("x-death");
        assertThat(dead.properties().getHeaders().get("x-first-death-queue").toString())
                .isEqualTo(prefix + "audit.events");
    }

    @Test
    void aDuplicateDeliveryIsProcessedOnce() throws Exception {
        String messageId = "dup-" + UUID.randomUUID();
        byte[] event = orderEvent(messageId, 900_000_001L).getBytes(StandardCharsets.UTF_8);
        channel.basicPublish(prefix + "orders.events", "orders.created", persistent(messageId, "orders.created"), event);
        channel.basicPublish(prefix + "orders.events", "orders.created", persistent(messageId, "orders.created"), event);
        // one consumer, prefetch 1, in order: once a later message is recorded, both copies were handled
        String marker = "marker-" + UUID.randomUUID();
        channel.basicPublish(prefix + "orders.events", "orders.created", persistent(marker, "orders.created"),
                orderEvent(marker, 900_000_002L).getBytes(StandardCharsets.UTF_8));
        awaitRows(marker);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_events WHERE message_id = ?", Long.class, messageId))
                .isEqualTo(1);
    }

    @Test
    void aBalanceRequestGetsItsReplyOnTheReplyToRoutingKey() throws Exception {
        Trader trader = traders.newTrader();
        String replyKey = "balance.response.test-" + UUID.randomUUID();
        String replies = channel.queueDeclare("", false, true, true, Map.of("x-message-ttl", 60_000)).getQueue();
        channel.queueBind(replies, prefix + "balance.response.exchange", replyKey);

        String correlation = UUID.randomUUID().toString();
        request(correlation, Long.toString(trader.id()), replyKey);
        JsonNode reply = awaitMessage(replies, m -> correlation.equals(m.json().path("correlation_id").asString())).json();
        assertThat(reply.path("success").asBoolean()).isTrue();
        assertThat(reply.path("user_id").asString()).isEqualTo(Long.toString(trader.id()));
        assertThat(reply.path("error").isNull()).isTrue();
        assertThat(reply.path("balances").toString()).contains("\"asset\":\"USD\"", "\"available\":\"100000.00\"");
        assertThat(reply.path("balance").asString()).isEqualTo("100000.00");
        assertThat(Instant.parse(reply.path("timestamp").asString())).isNotNull();

        String unknown = UUID.randomUUID().toString();
        request(unknown, "999999999", replyKey);
        JsonNode refused = awaitMessage(replies, m -> unknown.equals(m.json().path("correlation_id").asString())).json();
        assertThat(refused.path("success").asBoolean()).isFalse();
        assertThat(refused.path("error").asString()).isEqualTo("USER_NOT_FOUND");
    }

    private void request(String correlation, String userId, String replyTo) throws IOException {
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder().contentType("application/json")
                .correlationId(correlation).replyTo(replyTo).expiration("60000").build();
        String body = JSON.writeValueAsString(Map.of("correlation_id", correlation, "user_id", userId,
                "requested_by", "portfolio", "timestamp", Instant.now().toString()));
        channel.basicPublish(prefix + "balance.request.exchange", "balance.request", properties,
                body.getBytes(StandardCharsets.UTF_8));
    }

    private static AMQP.BasicProperties persistent(String messageId, String type) {
        return new AMQP.BasicProperties.Builder().deliveryMode(2).contentType("application/json").messageId(messageId)
                .type(type).build();
    }

    private static String orderEvent(String messageId, long orderId) {
        String now = Instant.now().toString();
        return JSON.writeValueAsString(Map.ofEntries(Map.entry("message_id", messageId),
                Map.entry("event_type", "orders.created"), Map.entry("sequence", 1), Map.entry("occurred_at", now),
                Map.entry("trace_id", "test"), Map.entry("order_id", Long.toString(orderId)),
                Map.entry("user_id", "1"), Map.entry("type", "buy"), Map.entry("crypto_symbol", "BTC"),
                Map.entry("quote_symbol", "USD"), Map.entry("quantity", "1.00000000"), Map.entry("price", "1.00"),
                Map.entry("total_amount", "1.00"), Map.entry("fee", "0.01"), Map.entry("timestamp", now)));
    }

    /** A queue of the test's own bound to {@code orders.events} with the key, deleted with the connection. */
    private String declareTap(String key) throws IOException {
        String queue = channel.queueDeclare("", false, true, true, null).getQueue();
        channel.queueBind(queue, prefix + "orders.events", key);
        return queue;
    }

    record Delivery(String body, AMQP.BasicProperties properties) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (RuntimeException e) {
                return JSON.createObjectNode();
            }
        }
    }

    private Delivery awaitMessage(String queue, Predicate<Delivery> wanted) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        List<String> seen = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            GetResponse response = channel.basicGet(queue, true);
            if (response == null) {
                Thread.sleep(50);
                continue;
            }
            Delivery delivery = new Delivery(new String(response.getBody(), StandardCharsets.UTF_8), response.getProps());
            if (wanted.test(delivery)) {
                return delivery;
            }
            seen.add(delivery.body());
        }
        return fail("no wanted message on " + queue + " within 60 s; saw " + seen);
    }

    private void awaitRows(String messageId) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (jdbc.queryForObject("SELECT COUNT(*) FROM audit_events WHERE message_id = ?", Long.class, messageId) == 0) {
            if (System.nanoTime() > deadline) {
                fail(messageId + " never reached the audit trail");
            }
            Thread.sleep(50);
        }
    }
}
