package org.bourse;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bourse.testsupport.HttpApi;
import org.bourse.testsupport.ServerProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;

/**
 * A restart after {@code kill -9} under load is clean: the read models were far behind the journal when the
 * server died, with a market listed at run time inside the part they had not written yet; the restart replays
 * it all into the read models (not only the live views), logs no ERROR, quarantines nothing, and says in one
 * line how far behind it found them.
 */
class CleanRestartTest {

    private static final int ACKNOWLEDGED_BEFORE_THE_KILL = 300;
    private static final Pattern CAUGHT_UP = Pattern.compile(
            "Read models were (\\d+) commands behind the journal at start \\(at (\\d+), journal at (\\d+)\\)");

    @TempDir
    Path data;

    private ServerProcess server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    record Trader(String username, HttpApi api) {
    }

    record Acked(Trader owner, String id, String symbol, String side, String price, String quantity) {
    }

    @Test
    void aRestartAfterASigkillBringsEveryAcknowledgedOrderIntoTheReadModelsQuietly() throws Exception {
        server = new ServerProcess(data, Map.of("BOURSE_EXCHANGE_PENDING_EXPIRY_CHECK", "1h",
                "BOURSE_SNAPSHOT_EVERY", "250"));

        // 1: users and their funds, all in the read models and on disk when this first run stops
        server.start();
        HttpApi api = server.api();
        server.admin();
        List<Trader> traders = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String username = "restart_" + UUID.randomUUID().toString().substring(0, 8);
            HttpApi me = register(api.anotherCaller(), username, username + "@example.com");
            for (String asset : List.of("BTC", "ETH")) {
                assertThat(me.post("/api/v1/deposits", Map.of("asset", asset, "amount", "10", "transaction_id",
                        "fund-" + asset)).status()).isEqualTo(201);
            }
            traders.add(new Trader(username, me));
        }
        server.stop();

        // 2: the projector writes the first command at once, then nothing for five minutes: everything after that
        // first order (the market listed at run time, the orders in it and in the start-up markets) is in the
        // journal only when the server dies
        server.start(Map.of("BOURSE_PROJECTOR_INTERVAL", "300s"));
        HttpApi admin = server.admin();
        traders.replaceAll(t -> new Trader(t.username(), login(api.anotherCaller(), t.username() + "@example.com")));
        Trader first = traders.getFirst();
        HttpApi.Reply placed = first.api().post("/api/v1/orders", order("buy", "BTC", "USD", "0.02", "90"));
        assertThat(placed.status()).as("%s", placed).isEqualTo(201);
        String marker = placed.text("id");
        assertThat(first.api().get("/api/v1/orders/" + marker).status()).as("the first order, in the read models at"
                + " once:%n%s", server.log()).isEqualTo(200);
        HttpApi.Reply listed = admin.post("/api/v1/admin/markets", Map.ofEntries(Map.entry("base_asset", "DOGE"),
                Map.entry("base_scale", 8), Map.entry("quote_asset", "USD"), Map.entry("tick_size", "0.01"),
                Map.entry("lot_size", "1"), Map.entry("min_quantity", "1"), Map.entry("maker_fee", "0.001"),
                Map.entry("taker_fee", "0.001"), Map.entry("max_price", "1000"), Map.entry("max_quantity", "1000000")));
        assertThat(listed.status()).as("%s", listed).isEqualTo(201);

        ConcurrentLinkedQueue<Acked> acked = new ConcurrentLinkedQueue<>();
        CountDownLatch enough = new CountDownLatch(ACKNOWLEDGED_BEFORE_THE_KILL);
        AtomicBoolean go = new AtomicBoolean(true);
        List<Thread> clients = new ArrayList<>();
        for (Trader trader : traders) {
            clients.add(Thread.ofVirtual().start(() -> trade(trader, go, acked, enough)));
        }
        assertThat(enough.await(120, TimeUnit.SECONDS)).as("orders acknowledged before the kill").isTrue();
        server.kill();
        go.set(false);
        for (Thread client : clients) {
            client.join();
        }
        assertThat(acked).extracting(Acked::symbol).contains("BTC-USD", "ETH-USD", "DOGE-USD");

        // 3: the restart
        server.start();
        JsonNode projector = awaitCaughtUp(admin);
        assertThat(projector.path("quarantined")).as("quarantined after the restart").isEmpty();
        assertThat(api.get("/actuator/health").json().path("status").asString()).isEqualTo("UP");

        String log = server.log();
        assertThat(log.lines().filter(line -> line.contains("ERROR [")).toList()).as("ERROR lines of the restart")
                .isEmpty();
        Matcher caughtUp = CAUGHT_UP.matcher(log);
        assertThat(caughtUp.find()).as("the catch-up line in:%n%s", log).isTrue();
        assertThat(Long.parseLong(caughtUp.group(1))).as("commands the read models were behind")
                .isGreaterThanOrEqualTo(ACKNOWLEDGED_BEFORE_THE_KILL);

        Map<String, Set<String>> ledgerOrderIds = new HashMap<>();
        for (Acked a : acked) {
            JsonNode order = a.owner().api().get("/api/v1/orders/" + a.id()).json();
            assertThat(order.path("id").asString()).as("order %s after the restart", a.id()).isEqualTo(a.id());
            assertThat(order.path("symbol").asString()).isEqualTo(a.symbol());
            assertThat(order.path("type").asString()).isEqualTo(a.side());
            assertThat(new BigDecimal(order.path("price").asString())).isEqualByComparingTo(a.price());
            assertThat(new BigDecimal(order.path("quantity").asString())).isEqualByComparingTo(a.quantity());
            BigDecimal filled = new BigDecimal(order.path("filled_quantity").asString());
            BigDecimal fills = BigDecimal.ZERO;
            for (JsonNode fill : a.owner().api().get("/api/v1/orders/" + a.id() + "/fills").json()) {
                fills = fills.add(new BigDecimal(fill.path("quantity").asString()));
            }
            assertThat(fills).as("fills of order %s", a.id()).isEqualByComparingTo(filled);
            if (filled.signum() > 0) {
                assertThat(ledgerOrderIds.computeIfAbsent(a.owner().username(), u -> ledgerOrderIds(a.owner().api())))
                        .as("ledger lines of filled order %s", a.id()).contains(a.id());
            }
        }
        for (Trader trader : traders) {
            for (JsonNode balance : trader.api().get("/api/v1/balances").json()) {
                String asset = balance.path("asset").asString();
                assertThat(ledgerSum(trader.api(), asset)).as("%s ledger of %s", trader.username(), asset)
                        .isEqualByComparingTo(new BigDecimal(balance.path("total").asString()));
            }
        }
        JsonNode reconciliation = admin.post("/api/v1/admin/reconciliation", Map.of()).json();
        assertThat(reconciliation.path("healthy").asBoolean()).as("%s", reconciliation).isTrue();
    }

    /** Crossing orders in two start-up markets, resting bids in the market listed at run time. */
    private static void trade(Trader me, AtomicBoolean go, ConcurrentLinkedQueue<Acked> acked, CountDownLatch enough) {
        for (int n = 0; go.get(); n++) {
            String side = n % 2 == 0 ? "buy" : "sell";
            Map<String, Object> body = switch (n % 3) {
                case 0 -> order(side, "BTC", "USD", "0.01", Integer.toString(side.equals("buy") ? 100 + n % 7 : 104 + n % 7));
                case 1 -> order(side, "ETH", "USD", "0.1", Integer.toString(side.equals("buy") ? 20 + n % 5 : 22 + n % 5));
                default -> order("buy", "DOGE", "USD", "10", "0.2" + n % 10);
            };
            try {
                HttpApi.Reply reply = me.api().post("/api/v1/orders", body);
                if (reply.status() == 201) {
                    acked.add(new Acked(me, reply.text("id"), body.get("crypto_symbol") + "-" + body.get("quote_symbol"),
                            (String) body.get("type"), (String) body.get("price"), (String) body.get("quantity")));
                    enough.countDown();
                }
            } catch (RuntimeException connectionLost) {
                return; // the server is gone: what was answered before is what must survive
            }
        }
    }

    private static Map<String, Object> order(String side, String base, String quote, String quantity, String price) {
        return Map.of("type", side, "crypto_symbol", base, "quote_symbol", quote, "quantity", quantity,
                "order_kind", "limit", "price", price, "execute", true);
    }

    private static JsonNode awaitCaughtUp(HttpApi admin) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (true) {
            JsonNode status = admin.get("/api/v1/admin/projector").json();
            if (status.path("lag").asString().equals("0")) {
                return status;
            }
            assertThat(Instant.now()).as("the read models catch up: %s", status).isBefore(deadline);
            Thread.sleep(100);
        }
    }

    private static HttpApi register(HttpApi api, String username, String email) {
        assertThat(api.post("/api/v1/auth/register", Map.of("username", username, "email", email, "password",
                "correct horse " + email)).status()).isEqualTo(201);
        return login(api, email);
    }

    private static HttpApi login(HttpApi api, String email) {
        HttpApi.Reply login = api.post("/api/v1/auth/login", Map.of("email", email, "password", "correct horse " + email));
        assertThat(login.status()).as("login %s", login).isEqualTo(200);
        return api.withBearer(login.text("access_token"));
    }

    private static Set<String> ledgerOrderIds(HttpApi me) {
        Set<String> ids = new HashSet<>();
        forEachLedgerLine(me, "", line -> ids.add(line.path("order_id").asString()));
        return ids;
    }

    private static BigDecimal ledgerSum(HttpApi me, String asset) {
        BigDecimal[] sum = {BigDecimal.ZERO};
        forEachLedgerLine(me, "&asset=" + asset, line -> sum[0] = sum[0].add(new BigDecimal(line.path("amount").asString())));
        return sum[0];
    }

    private static void forEachLedgerLine(HttpApi me, String filter, java.util.function.Consumer<JsonNode> action) {
        String cursor = null;
        do {
            JsonNode page = me.get("/api/v1/ledger?limit=1000" + filter + (cursor == null ? "" : "&cursor=" + cursor)).json();
            page.path("items").forEach(action);
            cursor = page.path("next_cursor").isString() ? page.path("next_cursor").asString() : null;
        } while (cursor != null);
    }
}
