package org.bourse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.bourse.testsupport.HttpApi;
import org.bourse.testsupport.ServerProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;

/**
 * Read models older than every snapshot still start: a power cut is simulated by putting back a copy of the
 * embedded database taken long before (the disk lost the writes after it), while the engine moved on, took
 * newer snapshots and released the journal before them. The start finds the journal it needs in the archive,
 * replays it into the read models, and every order is there again.
 */
class ReadModelsPowerLossTest {

    @TempDir
    Path data;

    private ServerProcess server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void readModelsOlderThanEverySnapshotAreRebuiltFromTheArchivedJournal() throws Exception {
        // small segments and frequent snapshots: within a few hundred commands the journal is released
        server = new ServerProcess(data, Map.of("BOURSE_SNAPSHOT_EVERY", "30",
                "BOURSE_EXCHANGE_SEGMENT_BYTES", "4KB", "BOURSE_EXCHANGE_PENDING_EXPIRY_CHECK", "1h"));
        server.start();
        HttpApi api = server.api();
        HttpApi admin = server.admin();
        List<HttpApi> traders = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            HttpApi trader = register(api.anotherCaller(), "power_" + UUID.randomUUID().toString().substring(0, 8)
                    + "@example.com");
            assertThat(trader.post("/api/v1/deposits", Map.of("asset", "BTC", "amount", "10", "transaction_id", "fund"))
                    .status()).isEqualTo(201);
            traders.add(trader);
        }
        List<String[]> orders = trade(traders, 20);
        server.stop();
        Path db = data.resolve("db");
        Path before = data.resolve("db-before");
        copy(db, before); // what the disk will hold after the power cut

        server.start();
        orders.addAll(trade(traders, 200));
        assertThat(archived()).as("journal segments archived while trading").isNotEmpty();
        server.kill();
        delete(db);
        Files.move(before, db, StandardCopyOption.ATOMIC_MOVE);

        server.start();
        assertThat(server.log()).contains("archived journal segments put back");
        awaitCaughtUp(admin);
        for (String[] order : orders) {
            HttpApi owner = traders.get(Integer.parseInt(order[0]));
            HttpApi.Reply reply = owner.get("/api/v1/orders/" + order[1]);
            assertThat(reply.status()).as("order %s after the power cut: %s", order[1], reply).isEqualTo(200);
        }
        for (HttpApi trader : traders) {
            for (JsonNode balance : trader.get("/api/v1/balances").json()) {
                String asset = balance.path("asset").asString();
                assertThat(ledgerSum(trader, asset)).as("ledger of %s", asset)
                        .isEqualByComparingTo(new BigDecimal(balance.path("total").asString()));
            }
        }
        assertThat(admin.post("/api/v1/admin/reconciliation", Map.of()).json().path("healthy").asBoolean()).isTrue();
    }

    /** Crossing limit orders, alternately from each trader. @return [trader index, order id] of each */
    private static List<String[]> trade(List<HttpApi> traders, int count) {
        List<String[]> placed = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            int who = n % traders.size();
            String side = who == 0 ? "buy" : "sell";
            HttpApi.Reply reply = traders.get(who).post("/api/v1/orders", Map.of("type", side, "crypto_symbol", "BTC",
                    "quantity", "0.01", "order_kind", "limit", "price", Integer.toString(100 + n % 5), "execute", true));
            assertThat(reply.status()).as("%s", reply).isEqualTo(201);
            placed.add(new String[] {Integer.toString(who), reply.text("id")});
        }
        return placed;
    }

    private List<Path> archived() throws IOException {
        Path archive = data.resolve("engine").resolve("archive");
        if (!Files.isDirectory(archive)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(archive)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".seg.gz")).toList();
        }
    }

    private static void awaitCaughtUp(HttpApi admin) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (!admin.get("/api/v1/admin/projector").json().path("lag").asString().equals("0")) {
            assertThat(Instant.now()).as("the read models catch up").isBefore(deadline);
            Thread.sleep(100);
        }
    }

    private static HttpApi register(HttpApi api, String email) {
        String username = email.substring(0, email.indexOf('@')).replace('.', '_');
        assertThat(api.post("/api/v1/auth/register", Map.of("username", username, "email", email, "password",
                "correct horse battery")).status()).isEqualTo(201);
        HttpApi.Reply login = api.post("/api/v1/auth/login", Map.of("email", email, "password", "correct horse battery"));
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

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Files.copy(file, to.resolve(from.relativize(file).toString()));
            }
        }
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> {
                try {
                    Files.delete(file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
