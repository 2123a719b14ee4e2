package org.bourse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import org.bourse.testsupport.Admins;
import org.bourse.testsupport.HttpApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;

/**
 * An acknowledged request survives {@code kill -9}: a real server process takes orders and transfers from
 * several clients, and registrations from another, is killed with SIGKILL in the middle of the stream (once
 * {@value #ACKNOWLEDGED_BEFORE_KILL} orders and transfers and {@value #REGISTERED_BEFORE_KILL} registrations
 * were answered, whatever the machine's speed), and restarted on the same data directory. Every order that
 * was answered 2xx is there with at least the fills it was answered with, and its fills add up to it; every
 * transfer answers its first result again; every registered user can log in; every trader's balances equal
 * their ledger; and the read models reconcile with the engine.
 */
@Timeout(600) // a server that never started or never answered would otherwise hang the build
class KillNineDurabilityTest {

    private static final String ADMIN = "durable.admin@bourse.test";
    private static final int ACKNOWLEDGED_BEFORE_KILL = 60;
    private static final int REGISTERED_BEFORE_KILL = 3;

    @TempDir
    Path data;

    private Process server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.destroyForcibly();
        }
    }

    record Account(String username, String email, String password, HttpApi api) {
    }

    /** An order or transfer the server answered 2xx, with that answer. */
    record Acked(Account owner, String kind, String id, Map<String, Object> body, JsonNode answer) {
    }

    @Test
    void everyAcknowledgedRequestSurvivesASigkill() throws Exception {
        int port = freePort();
        server = start(port);
        HttpApi api = HttpApi.onPort(port);
        Account admin = account(api, "durable_admin", ADMIN);
        assertThat(Admins.bootstrap(admin.api(), data).status()).as("the admin bootstrap").isEqualTo(204);
        List<Account> traders = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Account trader = account(api.anotherCaller(), "durable_" + UUID.randomUUID().toString().substring(0, 8), null);
            assertThat(trader.api().post("/api/v1/deposits", Map.of("asset", "BTC", "amount", "3",
                    "transaction_id", "seed")).status()).isEqualTo(201);
            traders.add(trader);
        }

        ConcurrentLinkedQueue<Acked> acked = new ConcurrentLinkedQueue<>();
        AtomicBoolean go = new AtomicBoolean(true);
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < traders.size(); c++) {
            Account me = traders.get(c);
            Account other = traders.get((c + 1) % traders.size());
            clients.add(Thread.ofVirtual().start(() -> stream(me, other, go, acked)));
        }
        ConcurrentLinkedQueue<Account> registered = new ConcurrentLinkedQueue<>();
        clients.add(Thread.ofVirtual().start(() -> register(api.anotherCaller(), go, registered)));
        while (acked.size() < ACKNOWLEDGED_BEFORE_KILL || registered.size() < REGISTERED_BEFORE_KILL) {
            assertThat(clients).as("clients still streaming").anyMatch(Thread::isAlive);
            Thread.sleep(10);
        }
        server.destroyForcibly().waitFor(); // SIGKILL mid-stream: no shutdown hook, no final snapshot
        go.set(false);
        for (Thread client : clients) {
            client.join();
        }
        assertThat(acked).as("acknowledged before the kill").hasSizeGreaterThanOrEqualTo(ACKNOWLEDGED_BEFORE_KILL);
        assertThat(registered).as("registered before the kill").hasSizeGreaterThanOrEqualTo(REGISTERED_BEFORE_KILL);

        server = start(port);
        for (Acked a : acked) {
            if (a.kind().equals("order")) {
                assertSurvived(a);
            } else {
                HttpApi.Reply again = a.owner().api().post("/api/v1/transfers", a.body());
                assertThat(again.status()).as("transfer %s after restart: %s", a.id(), again).isEqualTo(200);
                for (String field : List.of("transaction_id", "from_user_id", "to_user_id", "asset", "amount", "status")) {
                    assertThat(again.json().path(field)).as("transfer %s after restart: %s", a.id(), field)
                            .isEqualTo(a.answer().path(field));
                }
            }
        }
        assertThat(acked).as("orders that had traded when answered").anyMatch(a -> a.kind().equals("order")
                && new BigDecimal(a.answer().path("filled_quantity").asString()).signum() > 0);
        for (Account user : registered) {
            HttpApi.Reply login = api.post("/api/v1/auth/login", Map.of("email", user.email(), "password", user.password()));
            assertThat(login.status()).as("login of %s, registered before the kill: %s", user.email(), login)
                    .isEqualTo(200);
        }
        JsonNode reconciliation = login(api, admin).get("/api/v1/admin/reconciliation").json();
        assertThat(reconciliation.path("healthy").asBoolean()).as("%s", reconciliation).isTrue();
        for (Account trader : traders) {
            HttpApi me = login(api, trader);
            for (JsonNode balance : me.get("/api/v1/balances").json()) {
                String asset = balance.path("asset").asString();
                assertThat(ledgerSum(me, asset)).as("%s ledger of %s", trader.username(), asset)
                        .isEqualByComparingTo(new BigDecimal(balance.path("total").asString()));
            }
        }
    }

    /**
     * The order as the restarted server has it: what it was answered with, or later in its life (more fills
     * may have come before the kill, acknowledged to no one), never earlier; and its fills add up to it.
     */
    private static void assertSurvived(Acked a) {
        HttpApi.Reply reply = a.owner().api().get("/api/v1/orders/" + a.id());
        assertThat(reply.status()).as("order %s after restart: %s", a.id(), reply).isEqualTo(200);
        JsonNode now = reply.json();
        JsonNode then = a.answer();
        String what = "order " + a.id() + " answered " + then + ", after restart " + now;
        BigDecimal filledThen = new BigDecimal(then.path("filled_quantity").asString());
        BigDecimal filledNow = new BigDecimal(now.path("filled_quantity").asString());
        assertThat(filledNow).as(what).isGreaterThanOrEqualTo(filledThen);
        for (String field : List.of("type", "symbol", "order_kind", "quantity", "price", "created_at", "trace_id")) {
            assertThat(now.path(field)).as("%s: %s", what, field).isEqualTo(then.path(field));
        }
        if (List.of("executed", "cancelled", "failed").contains(then.path("status").asString())) {
            assertThat(now.path("status")).as("a finished order stays as it ended: %s", what).isEqualTo(then.path("status"));
            assertThat(filledNow).as(what).isEqualByComparingTo(filledThen);
        }
        BigDecimal fillsSum = BigDecimal.ZERO;
        for (JsonNode fill : a.owner().api().get("/api/v1/orders/" + a.id() + "/fills").json()) {
            fillsSum = fillsSum.add(new BigDecimal(fill.path("quantity").asString()));
        }
        assertThat(fillsSum).as("fills of %s", what).isEqualByComparingTo(filledNow);
    }

    /** Orders around one price (about a third crossing) and small transfers, recording what was acknowledged. */
    private static void stream(Account me, Account other, AtomicBoolean go, ConcurrentLinkedQueue<Acked> acked) {
        int n = 0;
        while (go.get()) {
            n++;
            try {
                if (n % 5 == 0) {
                    Map<String, Object> transfer = Map.of("transaction_id", "d-" + UUID.randomUUID(), "to_username",
                            other.username(), "asset", "USD", "amount", "1.25");
                    HttpApi.Reply reply = me.api().post("/api/v1/transfers", transfer);
                    if (reply.status() == 201) {
                        acked.add(new Acked(me, "transfer", (String) transfer.get("transaction_id"), transfer,
                                reply.json()));
                    }
                } else {
                    String side = n % 2 == 0 ? "buy" : "sell";
                    String price = Integer.toString(side.equals("buy") ? 100 + n % 7 : 104 + n % 7);
                    HttpApi.Reply reply = me.api().post("/api/v1/orders", Map.of("type", side, "crypto_symbol", "BTC",
                            "quantity", "0.01", "order_kind", "limit", "price", price, "execute", true));
                    if (reply.status() == 201) {
                        acked.add(new Acked(me, "order", reply.text("id"), null, reply.json()));
                    }
                }
            } catch (RuntimeException connectionLost) {
                return; // the server is gone: what was answered before is what must survive
            }
        }
    }

    /** Registers new users back to back (the identity tables, written directly rather than through the engine). */
    private static void register(HttpApi api, AtomicBoolean go, ConcurrentLinkedQueue<Account> registered) {
        while (go.get()) {
            String username = "joiner_" + UUID.randomUUID().toString().substring(0, 8);
            Account user = new Account(username, username + "@example.com", "correct horse " + username, api);
            try {
                HttpApi.Reply reply = api.post("/api/v1/auth/register",
                        Map.of("username", username, "email", user.email(), "password", user.password()));
                if (reply.status() == 201) {
                    registered.add(user);
                }
            } catch (RuntimeException connectionLost) {
                return;
            }
        }
    }

    private Process start(int port) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "org.bourse.BourseApplication")
                .redirectErrorStream(true)
                .redirectOutput(data.resolve("server.log").toFile());
        builder.environment().putAll(Map.of("BOURSE_PORT", Integer.toString(port), "BOURSE_DATA_DIR", data.toString(),
                "BOURSE_DEMO", "false", "BOURSE_RATE_LIMIT_CAPACITY", "1000000",
                "BOURSE_AUTH_RATE_LIMIT_CAPACITY", "1000000", "BOURSE_AUTH_RATE_LIMIT_REFILL_PER_SECOND", "1000000",
                "BOURSE_RATE_LIMIT_REFILL_PER_SECOND", "1000000", "BOURSE_LOGIN_MAX_FAILURES_PER_IP", "1000",
                "BOURSE_REQUIRE_VERIFIED_EMAIL", "false", // its traders never open their mail
                // snapshots every few hundred commands: the restart recovers from one, and old ones are released
                "BOURSE_SNAPSHOT_EVERY", "300"));
        builder.environment().remove("BOURSE_DB_URL");
        builder.environment().remove("BOURSE_REDIS_URL");
        Process process = builder.start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        HttpApi api = HttpApi.onPort(port);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the server died at start:\n" + Files.readString(data.resolve("server.log")));
            }
            try {
                if (api.get("/actuator/health").status() == 200) {
                    return process;
                }
            } catch (RuntimeException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the server did not start within 90 s; see " + data.resolve("server.log"));
    }

    private static Account account(HttpApi api, String username, String email) {
        String address = email != null ? email : username + "@example.com";
        String password = "correct horse " + username;
        assertThat(api.post("/api/v1/auth/register", Map.of("username", username, "email", address, "password", password))
                .status()).isEqualTo(201);
        Account account = new Account(username, address, password, api);
        return new Account(username, address, password, login(api, account));
    }

    private static HttpApi login(HttpApi api, Account account) {
        HttpApi.Reply login = api.post("/api/v1/auth/login", Map.of("email", account.email(), "password", account.password()));
        assertThat(login.status()).as("login %s", login).isEqualTo(200);
        return api.withBearer(login.text("access_token"));
    }

    private static BigDecimal ledgerSum(HttpApi me, String asset) {
        BigDecimal sum = BigDecimal.ZERO;
        String cursor = null;
        do {
            JsonNode page = me.get("/api/v1/ledger?limit=1000&asset=" + asset + (cursor == null ? "" : "&cursor=" + cursor))
                    .json();
            for (JsonNode line : page.path("items")) {
                sum = sum.add(new BigDecimal(line.path("amount").asString()));
            }
            cursor = page.path("next_cursor").isString() ? page.path("next_cursor").asString() : null;
        } while (cursor != null);
        return sum;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

}
