package org.bourse.marketdata.ws;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.bourse.engine.Depth;
import org.bourse.engine.testsupport.RandomSeed;
import org.bourse.engine.testsupport.Seed;
import org.bourse.exchange.CommandEvents;
import org.bourse.exchange.ExchangeGateway;
import org.bourse.exchange.MarketCatalog;
import org.bourse.exchange.MarketSpec;
import org.bourse.testsupport.HttpApi;
import org.bourse.testsupport.Traders;
import org.bourse.testsupport.Traders.Trader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

/**
 * A client keeps a local order book from the book channel's snapshot and updates, and ends with exactly the
 * engine's book. Random orders print their seed (see RandomSeed; {@code -Dbourse.seed=} replays one).
 */
@WebSocketTest
@ExtendWith(RandomSeed.class)
class WebSocketBookTest {

    private static final int TRADERS = 4;
    private static final int OPERATIONS = 3000;

    @LocalServerPort
    int port;

    @Autowired
    ExchangeGateway exchange;

    @Autowired
    MarketCatalog catalog;

    @Autowired
    ChannelHub hub;

    @Test
    void aLocalBookFromSnapshotAndUpdatesEqualsTheEngineBookAfterThousandsOfRandomOrders(Seed seed) throws Exception {
        Traders traders = new Traders(port);
        String coin = traders.newMarket();
        String symbol = coin + "-USD";
        List<Trader> all = new ArrayList<>();
        for (int i = 0; i < TRADERS; i++) {
            Trader trader = traders.newTrader();
            trader.deposit(coin, "1000");
            all.add(trader);
        }
        LocalBook fromTheStart = new LocalBook(WsClient.connect(port), symbol);
        AtomicInteger done = new AtomicInteger();
        CountDownLatch halfway = new CountDownLatch(1);
        ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();
        LocalBook midway;
        try (ExecutorService pool = Executors.newFixedThreadPool(TRADERS)) {
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < TRADERS; t++) {
                Trader trader = all.get(t);
                SplittableRandom random = new SplittableRandom(seed.value() + t);
                work.add(pool.submit(() -> trade(trader, coin, random, OPERATIONS / TRADERS, done, halfway, unexpected)));
            }
            halfway.await();
            midway = new LocalBook(WsClient.connect(port), symbol); // its snapshot is taken while orders stream in
            for (Future<?> f : work) {
                f.get();
            }
        }
        assertThat(unexpected).as("answers no trader should get (%s)", seed).isEmpty();

        Depth engine = exchange.query(e -> e.market(symbol).depth(1000));
        MarketSpec market = catalog.market(symbol).orElseThrow();
        for (LocalBook local : List.of(fromTheStart, midway)) {
            local.readUntil(engine.bookSequence());
            assertThat(local.gaps).as("sequence gaps (%s)", seed).isZero();
            assertThat(local.bids()).as("bids (%s)", seed).isEqualTo(levels(market, engine.bids()));
            assertThat(local.asks()).as("asks (%s)", seed).isEqualTo(levels(market, engine.asks()));
            local.client.close();
        }
        assertThat(engine.bids().size() + engine.asks().size()).as("a book worth comparing").isGreaterThan(10);

        // what a client is told over HTTP is the same book, under the same sequence
        JsonNode rest = HttpApi.onPort(port).get("/api/v1/markets/" + symbol + "/book?depth=1000").json();
        assertThat(rest.get("sequence").asLong()).isEqualTo(engine.bookSequence());
        assertThat(restLevels(rest.get("bids"))).as("GET /book bids (%s)", seed).isEqualTo(fromTheStart.bids());
        assertThat(restLevels(rest.get("asks"))).as("GET /book asks (%s)", seed).isEqualTo(fromTheStart.asks());
    }

    private static List<List<BigDecimal>> restLevels(JsonNode levels) {
        List<List<BigDecimal>> out = new ArrayList<>();
        for (JsonNode level : levels) {
            out.add(List.of(new BigDecimal(level.get(0).asString()).stripTrailingZeros(),
                    new BigDecimal(level.get(1).asString()).stripTrailingZeros()));
        }
        return out;
    }

    @Test
    void aClientThatMissesAnUpdateSeesTheGapAndResubscribesToACorrectBook(Seed seed) throws Exception {
        Traders traders = new Traders(port);
        String coin = traders.newMarket();
        String symbol = coin + "-USD";
        Trader trader = traders.newTrader();
        trader.deposit(coin, "1000");
        LocalBook local = new LocalBook(WsClient.connect(port), symbol);
        local.skipUpdate = 20; // as if the 20th update were lost on the way
        trade(trader, coin, seed.random(), 200, new AtomicInteger(), new CountDownLatch(1),
                new ConcurrentLinkedQueue<>());

        Depth engine = exchange.query(e -> e.market(symbol).depth(1000));
        MarketSpec market = catalog.market(symbol).orElseThrow();
        local.readUntil(engine.bookSequence());
        assertThat(local.gaps).as("gaps seen (%s)", seed).isEqualTo(1);
        assertThat(local.snapshots).isEqualTo(2);
        assertThat(local.bids()).isEqualTo(levels(market, engine.bids()));
        assertThat(local.asks()).isEqualTo(levels(market, engine.asks()));
        local.client.close();
    }

    @Test
    void eventsLostByTheServerAreRepairedWithAFreshSnapshot() {
        Traders traders = new Traders(port);
        String coin = traders.newMarket();
        String symbol = coin + "-USD";
        Trader trader = traders.newTrader();
        LocalBook local = new LocalBook(WsClient.connect(port), symbol);
        assertThat(trader.order(Traders.limit(coin, "buy", "1", "10.00")).status()).isEqualTo(201);
        local.readUntil(exchange.query(e -> e.market(symbol).bookSequence()));

        // the fan-out's event queue overflowed: it sees the engine sequence jump
        hub.accept(new CommandEvents(exchange.lastAppliedSequence() + 2, 0, null, null, List.of()));
        assertThat(trader.order(Traders.limit(coin, "buy", "2", "11.00")).status()).isEqualTo(201);
        Depth engine = exchange.query(e -> e.market(symbol).depth(1000));
        local.readUntil(engine.bookSequence());
        assertThat(local.snapshots).isEqualTo(2);
        assertThat(local.gaps).isZero();
        assertThat(local.bids()).isEqualTo(levels(catalog.market(symbol).orElseThrow(), engine.bids()));
    }

    /** Random limit orders around 100.00 and cancels of the trader's own resting orders. */
    private static void trade(Trader trader, String coin, SplittableRandom random, int operations, AtomicInteger done,
                              CountDownLatch halfway, ConcurrentLinkedQueue<String> unexpected) {
        List<String> resting = new ArrayList<>();
        for (int i = 0; i < operations; i++) {
            if (!resting.isEmpty() && random.nextInt(10) < 3) {
                String id = resting.remove(random.nextInt(resting.size()));
                HttpApi.Reply reply = trader.api().post("/api/v1/orders/" + id + "/cancel", Map.of());
                if (reply.status() != 200 && reply.status() != 409) {
                    unexpected.add("cancel: " + reply);
                }
            } else {
                String side = random.nextBoolean() ? "buy" : "sell";
                String price = BigDecimal.valueOf(9_500 + random.nextInt(1_000), 2).toPlainString();
                String quantity = BigDecimal.valueOf(1 + random.nextInt(2_000), 5).toPlainString();
                HttpApi.Reply reply = trader.order(Traders.limit(coin, side, quantity, price));
                if (reply.status() != 201) {
                    unexpected.add("order: " + reply);
                } else if (!reply.text("status").equals("executed")) {
                    resting.add(reply.text("id"));
                }
            }
            if (done.incrementAndGet() == OPERATIONS / 3) {
                halfway.countDown();
            }
        }
    }

    private static List<List<BigDecimal>> levels(MarketSpec market, Depth.Levels levels) {
        List<List<BigDecimal>> out = new ArrayList<>();
        for (int i = 0; i < levels.size(); i++) {
            out.add(List.of(market.price(levels.prices()[i]).stripTrailingZeros(),
                    market.quantity(levels.quantities()[i]).stripTrailingZeros()));
        }
        return out;
    }

    /** What a client library does: snapshot, then updates in sequence; on a gap, subscribe again. */
    static final class LocalBook {
        final WsClient client;
        final String channel;
        final TreeMap<BigDecimal, BigDecimal> bids = new TreeMap<>(Comparator.reverseOrder());
        final TreeMap<BigDecimal, BigDecimal> asks = new TreeMap<>();
        long sequence = -1;
        int updates;
        int gaps;
        int snapshots;
        /** The number of the update to drop as if lost, or 0. */
        int skipUpdate;
        boolean resubscribing;

        LocalBook(WsClient client, String symbol) {
            this.client = client;
            this.channel = "book:" + symbol;
            client.subscribe(channel);
            while (snapshots == 0) {
                apply(client.next());
            }
        }

        void readUntil(long bookSequence) {
            while (sequence < bookSequence || resubscribing) {
                apply(client.next());
            }
        }

        private void apply(JsonNode message) {
            if (!channel.equals(message.path("channel").asString())) {
                return;
            }
            switch (message.path("type").asString()) {
                case "snapshot" -> {
                    bids.clear();
                    asks.clear();
                    put(bids, message.path("data").path("bids"));
                    put(asks, message.path("data").path("asks"));
                    sequence = message.path("sequence").asLong();
                    snapshots++;
                    resubscribing = false;
                }
                case "update" -> {
                    if (resubscribing) {
                        return; // from before the new snapshot
                    }
                    updates++;
                    if (updates == skipUpdate) {
                        return;
                    }
                    long next = message.path("sequence").asLong();
                    if (next != sequence + 1) {
                        gaps++;
                        resubscribing = true;
                        client.subscribe(channel);
                        return;
                    }
                    put(bids, message.path("data").path("bids"));
                    put(asks, message.path("data").path("asks"));
                    sequence = next;
                }
                default -> throw new AssertionError("unexpected " + message);
            }
        }

        private static void put(TreeMap<BigDecimal, BigDecimal> side, JsonNode levels) {
            for (JsonNode level : levels) {
                BigDecimal price = new BigDecimal(level.get(0).asString()).stripTrailingZeros();
                BigDecimal quantity = new BigDecimal(level.get(1).asString()).stripTrailingZeros();
                if (quantity.signum() == 0) {
                    side.remove(price);
                } else {
                    side.put(price, quantity);
                }
            }
        }

        List<List<BigDecimal>> bids() {
            return bids.entrySet().stream().map(e -> List.of(e.getKey(), e.getValue())).toList();
        }

        List<List<BigDecimal>> asks() {
            return asks.entrySet().stream().map(e -> List.of(e.getKey(), e.getValue())).toList();
        }
    }
}
