package org.bourse.trading;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.bourse.engine.testsupport.RandomSeed;
import org.bourse.engine.testsupport.Seed;
import org.bourse.testsupport.BourseHttpTest;
import org.bourse.testsupport.HttpApi;
import org.bourse.testsupport.Traders;
import org.bourse.testsupport.Traders.Trader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import tools.jackson.databind.JsonNode;

/**
 * Many users trading and transferring at once over HTTP. Whatever the interleaving, no money appears or
 * disappears: the reconciliation (engine balances = ledger = deposits minus withdrawals, per asset) holds,
 * and every user's ledger sums to their balance; an audit asked for while the trading goes on finds nothing
 * wrong either. Random choices print their seed (see RandomSeed; {@code -Dbourse.seed=} replays one).
 */
@BourseHttpTest
@TestPropertySource(properties = {"bourse.demo.enabled=false", "bourse.rate-limit.capacity=100000",
        "bourse.rate-limit.refill-per-second=100000"})
@ExtendWith(RandomSeed.class)
class ConcurrentTradingTest {

    private static final int TRADERS = 12;
    private static final int THREADS = 8;
    private static final int OPERATIONS_PER_THREAD = 150;

    @LocalServerPort
    int port;

    @Test
    void parallelTradingAndTransfersNeitherCreateNorLoseMoney(Seed seed) throws Exception {
        Traders traders = new Traders(port);
        String coin = traders.newMarket();
        List<Trader> all = new ArrayList<>();
        for (int i = 0; i < TRADERS; i++) {
            Trader trader = traders.newTrader();
            trader.deposit(coin, "5");
            all.add(trader);
        }
        ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();
        AtomicBoolean trading = new AtomicBoolean(true);
        AtomicInteger audits = new AtomicInteger();
        ConcurrentLinkedQueue<String> unhealthy = new ConcurrentLinkedQueue<>();
        Thread auditor = Thread.ofVirtual().start(() -> {
            while (trading.get()) {
                JsonNode run = traders.admin().post("/api/v1/admin/reconciliation", "").json();
                audits.incrementAndGet();
                if (!run.path("healthy").asBoolean()) {
                    unhealthy.add(run.toString());
                }
            }
        });
        try (ExecutorService pool = Executors.newFixedThreadPool(THREADS)) {
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                SplittableRandom random = new SplittableRandom(seed.value() + t);
                work.add(pool.submit(() -> trade(random, coin, all, unexpected)));
            }
            for (Future<?> f : work) {
                f.get();
            }
        } finally {
            trading.set(false);
            auditor.join();
        }
        assertThat(unexpected).as("answers no client should ever get (%s)", seed).isEmpty();
        assertThat(audits.get()).as("audits run during the trading").isPositive();
        assertThat(unhealthy).as("audits run during the trading (%s)", seed).isEmpty();

        JsonNode run = traders.admin().get("/api/v1/admin/reconciliation").json();
        assertThat(run.path("healthy").asBoolean()).as("reconciliation %s (%s)", run, seed).isTrue();
        for (JsonNode asset : run.path("assets")) {
            assertThat(asset.path("mismatch").asBoolean()).as("%s", asset).isFalse();
        }
        for (Trader trader : all) {
            for (String asset : List.of("USD", coin)) {
                assertThat(ledgerSum(trader, asset)).as("ledger of %s in %s (%s)", trader.username(), asset, seed)
                        .isEqualByComparingTo(trader.balance(asset)[0].add(trader.balance(asset)[1]));
            }
        }
    }

    private static void trade(SplittableRandom random, String coin, List<Trader> all, ConcurrentLinkedQueue<String> unexpected) {
        Map<Trader, List<String>> ids = new HashMap<>();
        for (int i = 0; i < OPERATIONS_PER_THREAD; i++) {
            Trader me = all.get(random.nextInt(all.size()));
            String side = random.nextBoolean() ? "buy" : "sell";
            String quantity = new BigDecimal(1 + random.nextInt(50)).movePointLeft(3).toPlainString();
            String price = new BigDecimal(9_500 + random.nextInt(1_000)).toPlainString();
            HttpApi.Reply reply = switch (random.nextInt(10)) {
                case 0, 1, 2, 3 -> me.order(Traders.limit(coin, side, quantity, price));
                case 4 -> me.order(Traders.market(coin, side, quantity));
                case 5 -> me.order(Traders.with(Traders.limit(coin, side, quantity, price), "execute", false));
                case 6, 7 -> {
                    List<String> mine = ids.getOrDefault(me, List.of());
                    yield mine.isEmpty() ? me.api().get("/api/v1/balances")
                            : me.api().post("/api/v1/orders/" + mine.get(random.nextInt(mine.size()))
                            + (random.nextBoolean() ? "/cancel" : "/execute"), "");
                }
                default -> me.api().post("/api/v1/transfers", Map.of("transaction_id", "tx-" + random.nextLong(),
                        "to_username", all.get(random.nextInt(all.size())).username(), "asset", "USD",
                        "amount", new BigDecimal(random.nextInt(10_000)).movePointLeft(2).add(BigDecimal.ONE).toPlainString()));
            };
            if (reply.status() >= 500 || reply.status() == 401 || reply.status() == 429) {
                unexpected.add(reply.toString());
            }
            if (reply.status() == 201 && reply.text("symbol") != null) {
                ids.computeIfAbsent(me, t -> new ArrayList<>()).add(reply.text("id"));
            }
        }
    }

    private static BigDecimal ledgerSum(Trader trader, String asset) {
        BigDecimal sum = BigDecimal.ZERO;
        String cursor = null;
        do {
            HttpApi.Reply page = trader.api().get("/api/v1/ledger?limit=1000&asset=" + asset
                    + (cursor == null ? "" : "&cursor=" + cursor));
            for (JsonNode line : page.json().path("items")) {
                sum = sum.add(new BigDecimal(line.path("amount").asString()));
            }
            JsonNode next = page.json().path("next_cursor");
            cursor = next.isNull() || next.isMissingNode() ? null : next.asString();
        } while (cursor != null);
        return sum;
    }
}
