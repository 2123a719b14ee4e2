package org.bourse.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import org.bourse.testsupport.HttpApi;
import org.bourse.testsupport.IsolatedRabbitMqNames;
import org.bourse.testsupport.RequiresRabbitMq;
import org.bourse.testsupport.ServerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code kill -9} of the server while it publishes: after a restart on the same data directory every accepted
 * order's event reaches RabbitMQ at least once, and every event the server derived from the journal (its outbox,
 * not pruned here) was published: no gap.
 * A queue of the test's own, bound to {@code orders.events} with {@code #} before the server first starts, sees
 * everything published.
 */
@RequiresRabbitMq
@Timeout(600)
class EventsCrashTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dataDir;

    @Test
    void aServerKilledMidStreamPublishesEveryEventAtLeastOnceWithoutAGap() throws Exception {
        String prefix = IsolatedRabbitMqNames.randomPrefix();
        String tap = prefix + "test.tap";
        try (Connection connection = IsolatedRabbitMqNames.connect(); Channel channel = connection.createChannel();
             ServerProcess server = new ServerProcess(dataDir, Map.of("BOURSE_RABBITMQ_URL", RequiresRabbitMq.URL,
                     "BOURSE_RABBITMQ_PREFIX", prefix, "BOURSE_EVENTS_PRUNE_INTERVAL", "1h"))) {
            channel.exchangeDeclare(prefix + "orders.events", "topic", true);
            channel.queueDeclare(tap, true, false, false, null);
            channel.queueBind(tap, prefix + "orders.events", "#");
            try {
                server.start();
                HttpApi trader = trader(server.api());
                List<String> accepted = new CopyOnWriteArrayList<>();
                AtomicBoolean placing = new AtomicBoolean(true);
                Thread placer = Thread.ofPlatform().start(() -> {
                    for (int i = 0; placing.get(); i++) {
                        try {
                            HttpApi.Reply reply = trader.post("/api/v1/orders", order(1000 + i));
                            if (reply.status() == 201) {
                                accepted.add(reply.text("id"));
                            }
                        } catch (RuntimeException serverGone) {
                            return;
                        }
                    }
                });
                while (accepted.size() < 150) {
                    Thread.sleep(20);
                }
                server.kill();
                placing.set(false);
                placer.join();

                server.start();
                HttpApi again = logIn(server.api(), username);
                HttpApi.Reply marker = again.post("/api/v1/orders", order(5000));
                assertThat(marker.status()).isEqualTo(201);

                Map<String, Long> createdSequence = new java.util.HashMap<>();
                Set<String> received = new HashSet<>();
                long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
                while (!createdSequence.containsKey(marker.text("id"))) {
                    GetResponse response = channel.basicGet(tap, true);
                    if (response == null) {
                        if (System.nanoTime() > deadline) {
                            fail("the marker order's event never arrived");
                        }
                        Thread.sleep(50);
                        continue;
                    }
                    JsonNode event = JSON.readTree(new String(response.getBody(), StandardCharsets.UTF_8));
                    received.add(event.path("message_id").asString());
                    if (event.path("event_type").asString().equals("orders.created")) {
                        createdSequence.put(event.path("order_id").asString(), event.path("sequence").asLong());
                    }
                }
                // the marker's orders.created may come before the rest of its command's events (its hold's
                // balances.changed): read on until the queue has stayed empty for three seconds
                long quietSince = System.nanoTime();
                while (System.nanoTime() - quietSince < Duration.ofSeconds(3).toNanos()) {
                    GetResponse response = channel.basicGet(tap, true);
                    if (response == null) {
                        Thread.sleep(50);
                        continue;
                    }
                    received.add(JSON.readTree(new String(response.getBody(), StandardCharsets.UTF_8))
                            .path("message_id").asString());
                    quietSince = System.nanoTime();
                }
                Set<String> missing = new HashSet<>(accepted);
                missing.removeAll(createdSequence.keySet());
                assertThat(missing).as("accepted orders whose event was never published").isEmpty();
                // every event the server derived (its outbox, never pruned here) was published: no gap
                Set<String> published = new HashSet<>(received);
                server.stop();
                List<String> derived = new ArrayList<>();
                try (java.sql.Connection db = java.sql.DriverManager.getConnection("jdbc:h2:file:"
                        + dataDir.resolve("db").resolve("bourse") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE", "sa", "");
                     var rows = db.createStatement().executeQuery("SELECT message_id FROM event_outbox ORDER BY id")) {
                    while (rows.next()) {
                        derived.add(rows.getString(1));
                    }
                }
                assertThat(derived).as("the outbox holds every event of both runs").hasSizeGreaterThan(accepted.size());
                Set<String> unpublished = new TreeSet<>(derived);
                unpublished.removeAll(published);
                assertThat(unpublished).as("events derived but never published").isEmpty();
            } finally {
                channel.queueDelete(tap);
                IsolatedRabbitMqNames.deleteAll(prefix);
            }
        }
    }

    private String username;

    private HttpApi trader(HttpApi api) {
        username = "crash_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        HttpApi.Reply registered = api.post("/api/v1/auth/register", Map.of("username", username,
                "email", username + "@example.com", "password", "correct horse battery"));
        assertThat(registered.status()).as("%s", registered).isEqualTo(201);
        return logIn(api, username);
    }

    private static HttpApi logIn(HttpApi api, String username) {
        HttpApi.Reply login = api.post("/api/v1/auth/login", Map.of("email", username + "@example.com",
                "password", "correct horse battery"));
        assertThat(login.status()).as("%s", login).isEqualTo(200);
        return api.withBearer(login.text("access_token"));
    }

    /** A small buy far below any price: it rests, one placement command each. */
    private static Map<String, Object> order(int price) {
        return Map.of("type", "buy", "crypto_symbol", "BTC", "quantity", "0.001", "order_kind", "limit",
                "price", Integer.toString(price), "execute", true);
    }
}
