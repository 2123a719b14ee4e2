package org.bourse.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bourse.testsupport.ProblemAssertions.assertValidationFailed;
import static org.bourse.testsupport.Traders.limit;
import static org.bourse.testsupport.Traders.market;
import static org.bourse.testsupport.Traders.with;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import java.util.stream.StreamSupport;

import org.bourse.engine.testsupport.RandomSeed;
import org.bourse.engine.testsupport.Seed;
import org.bourse.testsupport.BourseHttpTest;
import org.bourse.testsupport.HttpApi;
import org.bourse.testsupport.Traders;
import org.bourse.testsupport.Traders.Trader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import tools.jackson.databind.JsonNode;

/**
 * API.md's "Order search" through real HTTP on a fixed data set per test (a market of its own, so tests
 * sharing a server never see each other's orders). Every filter and sort is checked against an oracle: the
 * same predicate or comparator applied in the test to the orders as {@code GET /orders/{id}} shows them.
 */
@BourseHttpTest
@ExtendWith(RandomSeed.class)
@TestPropertySource(properties = {"bourse.demo.enabled=false", "bourse.rate-limit.capacity=100000",
        "bourse.rate-limit.refill-per-second=100000"})
abstract class SearchScenarios {

    static final String SEARCH = "/api/v1/orders/search";
    static final String ADMIN_SEARCH = "/api/v1/admin/orders/search";

    @LocalServerPort
    int port;

    Traders traders;
    String coin;
    Trader alice;
    Trader bob;

    @BeforeEach
    void traders() {
        traders = new Traders(port);
        coin = traders.newMarket();
        alice = traders.newTrader();
        bob = traders.newTrader();
        bob.deposit(coin, "5");
    }

    /**
     * Alice's five orders: executed, open, cancelled, and two pending (a limit sell and a market buy), with
     * client order ids; bob's resting sell is what hers trade with. @return alice's orders by client_order_id
     */
    Map<String, JsonNode> fixedDataSet() {
        placed(bob, with(limit(coin, "sell", "1.0", "100"), "client_order_id", "bob-ask"));
        Map<String, JsonNode> orders = new LinkedHashMap<>();
        orders.put("exec-1", placed(alice, with(limit(coin, "buy", "0.5", "100"), "client_order_id", "exec-1")));
        orders.put("open-a", placed(alice, with(limit(coin, "buy", "0.2", "90"), "client_order_id", "open-a")));
        JsonNode toCancel = placed(alice, with(limit(coin, "buy", "0.3", "80"), "client_order_id", "cxl-b"));
        HttpApi.Reply cancelled = alice.api().post("/api/v1/orders/" + toCancel.path("id").asString() + "/cancel", "");
        assertThat(cancelled.status()).as("%s", cancelled).isEqualTo(200);
        orders.put("cxl-b", cancelled.json());
        orders.put("pend-c", placed(alice, with(with(limit(coin, "sell", "0.1", "200"), "execute", false),
                "client_order_id", "pend-c")));
        orders.put("mkt-d", placed(alice, with(with(market(coin, "buy", "0.1"), "execute", false),
                "client_order_id", "mkt-d")));
        assertThat(orders.values()).extracting(o -> o.path("status").asString())
                .containsExactly("executed", "open", "cancelled", "pending", "pending");
        return orders;
    }

    static JsonNode placed(Trader trader, Map<String, Object> body) {
        HttpApi.Reply reply = trader.order(body);
        assertThat(reply.status()).as("placing %s: %s", body, reply).isEqualTo(201);
        return reply.json();
    }

    static HttpApi.Reply searchReply(HttpApi api, String path, String query) {
        return api.get(path + "?" + query);
    }

    static JsonNode search(Trader trader, String query) {
        HttpApi.Reply reply = searchReply(trader.api(), SEARCH, query);
        assertThat(reply.status()).as("search %s: %s", query, reply).isEqualTo(200);
        return reply.json();
    }

    static List<String> ids(JsonNode answer) {
        return StreamSupport.stream(answer.path("items").spliterator(), false).map(o -> o.path("id").asString()).toList();
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Test
    void everyFilterFindsExactlyTheOrdersItDescribes() {
        Map<String, JsonNode> placed = fixedDataSet();
        JsonNode everything = search(alice, "symbol=" + coin + "-USD&limit=1000");
        List<JsonNode> all = StreamSupport.stream(everything.path("items").spliterator(), false).toList();
        assertThat(all).hasSize(5);
        assertThat(everything.path("total").asLong()).isEqualTo(5);
        JsonNode open = placed.get("open-a");
        String created = open.path("created_at").asString();
        String executedAt = placed.get("exec-1").path("executed_at").asString();
        assertThat(executedAt).isNotEmpty();

        Map<String, Predicate<JsonNode>> filters = new LinkedHashMap<>();
        filters.put("status=open", o -> status(o, "open"));
        filters.put("status=pending&status=cancelled", o -> status(o, "pending") || status(o, "cancelled"));
        filters.put("status=executed,open", o -> status(o, "executed") || status(o, "open"));
        filters.put("type=sell", o -> o.path("type").asString().equals("sell"));
        filters.put("type=BUY", o -> o.path("type").asString().equals("buy"));
        filters.put("order_kind=market", o -> o.path("order_kind").asString().equals("market"));
        filters.put("min_price=90", o -> decimal(o, "price") != null && decimal(o, "price").compareTo(new BigDecimal("90")) >= 0);
        filters.put("max_price=90.00", o -> decimal(o, "price") != null && decimal(o, "price").compareTo(new BigDecimal("90")) <= 0);
        filters.put("min_price=85&max_price=150", o -> between(decimal(o, "price"), "85", "150"));
        filters.put("min_quantity=0.2", o -> between(decimal(o, "quantity"), "0.2", null));
        filters.put("max_quantity=0.2", o -> between(decimal(o, "quantity"), null, "0.2"));
        filters.put("min_total=18&max_total=24", o -> between(decimal(o, "total_amount"), "18", "24"));
        filters.put("from=" + created, o -> !Instant.parse(o.path("created_at").asString()).isBefore(Instant.parse(created)));
        filters.put("to=" + created, o -> Instant.parse(o.path("created_at").asString()).isBefore(Instant.parse(created)));
        filters.put("executed_from=" + executedAt, o -> !o.path("executed_at").isNull()
                && !Instant.parse(o.path("executed_at").asString()).isBefore(Instant.parse(executedAt)));
        filters.put("executed_to=" + Instant.parse(executedAt).plusMillis(1), o -> !o.path("executed_at").isNull());
        // q is a prefix of any of the three, so the oracle asks all three (a random trace id may begin with an id)
        String openId = open.path("id").asString();
        String openTrace = open.path("trace_id").asString();
        filters.put("q=pend", o -> prefixOfAny(o, "pend"));
        filters.put("q=" + openId, o -> prefixOfAny(o, openId));
        filters.put("q=" + encode(openTrace), o -> prefixOfAny(o, openTrace));
        filters.put("q=%25", o -> false); // a LIKE wildcard is matched literally
        filters.put("type=buy&status=open&status=cancelled&max_price=85", o -> status(o, "cancelled"));

        for (Map.Entry<String, Predicate<JsonNode>> filter : filters.entrySet()) {
            List<String> expected = all.stream().filter(filter.getValue()).map(o -> o.path("id").asString()).toList();
            JsonNode answer = search(alice, "symbol=" + coin + "-USD&" + filter.getKey());
            assertThat(ids(answer)).as(filter.getKey()).containsExactlyElementsOf(expected);
            assertThat(answer.path("total").asLong()).as("total of " + filter.getKey()).isEqualTo(expected.size());
        }
        // the oracle itself is not vacuous: the data set gives these filters the answers one expects
        assertThat(ids(search(alice, "symbol=" + coin + "-USD&status=pending"))).hasSize(2);
        assertThat(ids(search(alice, "symbol=" + coin + "-USD&q=exec-"))).containsExactly(placed.get("exec-1").path("id").asString());
        assertThat(ids(search(alice, "symbol=" + coin + "-USD&min_price=85&max_price=150"))).hasSize(3); // 100, 90, market at 100
    }

    @Test
    void everySortOrdersEitherWayWithTiesByIdAndTheDefaultIsNewestFirst() {
        fixedDataSet();
        List<JsonNode> all = StreamSupport.stream(search(alice, "limit=1000").path("items").spliterator(), false).toList();
        Map<String, Comparator<JsonNode>> sorts = new LinkedHashMap<>();
        sorts.put("created_at", Comparator.comparing((JsonNode o) -> Instant.parse(o.path("created_at").asString())));
        sorts.put("executed_at", Comparator.comparing((JsonNode o) -> o.path("executed_at").isNull() ? Instant.EPOCH
                : Instant.parse(o.path("executed_at").asString())));
        sorts.put("price", Comparator.comparing((JsonNode o) -> decimal(o, "price") == null ? BigDecimal.ONE.negate() : decimal(o, "price")));
        sorts.put("quantity", Comparator.comparing((JsonNode o) -> decimal(o, "quantity")));
        sorts.put("total_amount", Comparator.comparing((JsonNode o) -> decimal(o, "total_amount")));
        Comparator<JsonNode> byId = Comparator.comparing((JsonNode o) -> Long.parseLong(o.path("id").asString()));
        for (Map.Entry<String, Comparator<JsonNode>> sort : sorts.entrySet()) {
            Comparator<JsonNode> ascending = sort.getValue().thenComparing(byId);
            for (boolean descending : new boolean[] {false, true}) {
                Comparator<JsonNode> order = descending ? ascending.reversed() : ascending;
                String parameter = (descending ? "-" : "") + sort.getKey();
                List<String> expected = all.stream().sorted(order).map(o -> o.path("id").asString()).toList();
                // two at a time, so that the cursor carries each sort too
                List<String> paged = pages(alice, "sort=" + encode(parameter) + "&limit=2", new ArrayList<>());
                assertThat(paged).as(parameter).containsExactlyElementsOf(expected);
            }
        }
        List<String> newestFirst = all.stream().sorted(sorts.get("created_at").thenComparing(byId).reversed())
                .map(o -> o.path("id").asString()).toList();
        assertThat(ids(search(alice, ""))).isEqualTo(newestFirst);
    }

    /** Follows next_cursor to the end, running {@code between} after each page. @return every id in page order */
    List<String> pages(Trader trader, String query, List<String> ids, Runnable between) {
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = search(trader, query + (cursor == null ? "" : "&cursor=" + cursor));
            ids.addAll(ids(page));
            cursor = page.path("next_cursor").isNull() ? null : page.path("next_cursor").asString();
            between.run();
            assertThat(++pages).as("pages of %s", query).isLessThan(1000);
        } while (cursor != null);
        return ids;
    }

    List<String> pages(Trader trader, String query, List<String> ids) {
        return pages(trader, query, ids, () -> { });
    }

    @Test
    void totalAndFacetsCountTheWholeResultNotThePage() {
        fixedDataSet();
        JsonNode page = search(alice, "limit=2");

        assertThat(page.path("items").size()).isEqualTo(2);
        assertThat(page.path("next_cursor").isNull()).isFalse();
        assertThat(page.path("total").asLong()).isEqualTo(5);
        JsonNode facets = page.path("facets");
        assertThat(facets.path("status").path("pending").asLong()).isEqualTo(2);
        assertThat(facets.path("status").path("open").asLong()).isEqualTo(1);
        assertThat(facets.path("status").path("executed").asLong()).isEqualTo(1);
        assertThat(facets.path("status").path("cancelled").asLong()).isEqualTo(1);
        assertThat(facets.path("type").path("buy").asLong()).isEqualTo(4);
        assertThat(facets.path("type").path("sell").asLong()).isEqualTo(1);
        assertThat(facets.path("symbol").path(coin + "-USD").asLong()).isEqualTo(5);

        JsonNode narrowed = search(alice, "status=pending&limit=1");
        assertThat(narrowed.path("total").asLong()).isEqualTo(2);
        assertThat(narrowed.path("facets").path("status").size()).isEqualTo(1);
        assertThat(narrowed.path("facets").path("type").path("sell").asLong()).isEqualTo(1);
    }

    @Test
    void cursorPagingVisitsEveryMatchExactlyOnceWhileOrdersArePlaced(Seed seed) {
        SplittableRandom random = seed.random();
        Set<String> before = new HashSet<>();
        for (int i = 0; i < 24; i++) {
            String price = Integer.toString(10 + random.nextInt(40)); // buys well below bob's asks: they rest
            before.add(placed(alice, limit(coin, "buy", "0.01", price)).path("id").asString());
        }
        for (String sort : List.of("-created_at", "price", "-price", "quantity")) {
            List<String> seen = pages(alice, "status=open&sort=" + encode(sort) + "&limit=5", new ArrayList<>(), () -> {
                for (int i = 0; i < 2; i++) {
                    placed(alice, limit(coin, "buy", "0.01", Integer.toString(10 + random.nextInt(40))));
                }
            });
            assertThat(seen).as("sort %s (%s)", sort, seed).doesNotHaveDuplicates().containsAll(before);
        }
    }

    @Test
    void aUserNeverSeesAnotherUsersOrders() {
        Map<String, JsonNode> alices = fixedDataSet();
        JsonNode bobs = search(bob, "limit=1000");

        assertThat(bobs.path("total").asLong()).isEqualTo(1);
        assertThat(ids(bobs)).doesNotContainAnyElementsOf(alices.values().stream().map(o -> o.path("id").asString()).toList());
        assertThat(search(bob, "q=" + alices.get("open-a").path("id").asString()).path("total").asLong()).isZero();
        assertThat(search(bob, "q=exec-").path("total").asLong()).isZero();
        assertThat(search(bob, "").path("facets").path("status").path("pending").isMissingNode()).isTrue();
    }

    @Test
    void theAdminSearchesEveryoneOrOneUserByIdOrUsername() {
        Map<String, JsonNode> alices = fixedDataSet();
        HttpApi admin = traders.admin();

        JsonNode everyone = searchReply(admin, ADMIN_SEARCH, "symbol=" + coin + "-USD&limit=1000").json();
        JsonNode byId = searchReply(admin, ADMIN_SEARCH, "symbol=" + coin + "-USD&user_id=" + alice.id()).json();
        JsonNode byName = searchReply(admin, ADMIN_SEARCH, "status=pending&username=" + alice.username()).json();
        JsonNode nobody = searchReply(admin, ADMIN_SEARCH, "username=nobody_" + coin).json();

        assertThat(everyone.path("total").asLong()).isEqualTo(6);
        assertThat(byId.path("total").asLong()).isEqualTo(5);
        assertThat(ids(byId)).containsExactlyInAnyOrderElementsOf(alices.values().stream().map(o -> o.path("id").asString()).toList());
        assertThat(byName.path("total").asLong()).isEqualTo(2);
        assertThat(nobody.path("total").asLong()).isZero();
        assertThat(searchReply(alice.api(), ADMIN_SEARCH, "").status()).as("not an admin: as if no such route").isEqualTo(404);
        assertValidationFailed(searchReply(admin, ADMIN_SEARCH, "user_id=abc")).containsKey("user_id");
    }

    @Test
    void badInputIsAValidationFailureNamingTheParameter() {
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("sort=colour", "sort");
        bad.put("sort=-", "sort");
        bad.put("min_price=10&max_price=5", "min_price");
        bad.put("min_quantity=2&max_quantity=1", "min_quantity");
        bad.put("min_total=2&max_total=1", "min_total");
        bad.put("from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z", "from");
        bad.put("executed_from=2026-01-02T00:00:00Z&executed_to=2026-01-01T00:00:00Z", "executed_from");
        bad.put("cursor=not-a-cursor", "cursor");
        bad.put("cursor=" + new SearchCursor.Position("price", "1", 5).encode(), "cursor"); // another sort's
        bad.put("limit=1001", "limit");
        bad.put("limit=0", "limit");
        bad.put("limit=many", "limit");
        bad.put("status=sleeping", "status");
        bad.put("type=hold", "type");
        bad.put("order_kind=iceberg", "order_kind");
        bad.put("symbol=NOPE-USD", "symbol");
        bad.put("min_price=cheap", "min_price");
        bad.put("max_total=-1", "max_total");
        bad.put("from=yesterday", "from");
        bad.put("q=" + "x".repeat(65), "q");
        for (Map.Entry<String, String> entry : bad.entrySet()) {
            assertThat(assertValidationFailed(searchReply(alice.api(), SEARCH, entry.getKey())))
                    .as(entry.getKey()).containsKey(entry.getValue());
        }
        assertThat(assertValidationFailed(searchReply(alice.api(), SEARCH, "sort=colour&limit=5000&type=hold")))
                .containsOnlyKeys("sort", "limit", "type");
        assertThat(searchReply(HttpApi.onPort(port), SEARCH, "").status()).isEqualTo(401);
    }

    @Test
    void afterACancelAnswersTheSearchNeverShowsTheOldStatus() {
        for (int i = 0; i < 20; i++) {
            JsonNode order = placed(alice, limit(coin, "buy", "0.01", Integer.toString(10 + i)));
            String id = order.path("id").asString();
            assertThat(statusInSearch(id)).isEqualTo("open"); // now cached: L1, and L2 when there is one
            assertThat(statusInSearch(id)).isEqualTo("open");

            HttpApi.Reply cancelled = alice.api().post("/api/v1/orders/" + id + "/cancel", "");
            assertThat(cancelled.status()).isEqualTo(200);

            assertThat(statusInSearch(id)).as("order %s right after its cancel", id).isEqualTo("cancelled");
        }
    }

    /**
     * The same property under concurrent trading: bob and carol trade and cancel in alice's market, and another
     * client of alice's searches without pause, so results are read and cached while her orders change (the
     * window where a search that read the old rows could store them as new).
     */
    @Test
    void afterACancelAnswersTheSearchNeverShowsTheOldStatusUnderConcurrentTrading() throws Exception {
        Trader carol = traders.newTrader();
        java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean(true);
        java.util.concurrent.atomic.AtomicInteger background = new java.util.concurrent.atomic.AtomicInteger();
        List<Thread> threads = List.of(
                Thread.ofVirtual().start(() -> {
                    while (running.get()) {
                        tradeOrCancel(bob, limit(coin, "sell", "0.01", "100"));
                        background.incrementAndGet();
                    }
                }),
                Thread.ofVirtual().start(() -> {
                    while (running.get()) {
                        tradeOrCancel(carol, limit(coin, "buy", "0.01", "100"));
                        background.incrementAndGet();
                    }
                }),
                Thread.ofVirtual().start(() -> {
                    while (running.get()) {
                        search(alice, "limit=50");
                        search(alice, "status=open&limit=50");
                        background.incrementAndGet();
                    }
                }));
        try {
            for (int i = 0; i < 30; i++) {
                JsonNode order = placed(alice, limit(coin, "buy", "0.01", Integer.toString(10 + i)));
                String id = order.path("id").asString();
                assertThat(statusInSearch(id)).isEqualTo("open");

                HttpApi.Reply cancelled = alice.api().post("/api/v1/orders/" + id + "/cancel", "");
                assertThat(cancelled.status()).as("%s", cancelled).isEqualTo(200);

                assertThat(statusInSearch(id)).as("order %s right after its cancel", id).isEqualTo("cancelled");
                assertThat(ids(search(alice, "status=open&limit=50"))).as("open orders after %s's cancel", id)
                        .doesNotContain(id);
            }
        } finally {
            running.set(false);
            for (Thread thread : threads) {
                thread.join();
            }
        }
        assertThat(background.get()).as("requests of the other clients meanwhile").isGreaterThan(30);
    }

    @Test
    void prometheusShowsHitRatiosLatencyAndIndexLag() {
        placed(alice, limit(coin, "buy", "0.01", "10"));
        search(alice, "sort=price");
        search(alice, "sort=price");

        String metrics = HttpApi.onPort(port).get("/actuator/prometheus").body();

        assertThat(metrics).contains("bourse_search_cache_hit_ratio{level=\"l1\"}")
                .contains("bourse_search_cache_lookups_total{level=\"l1\",result=\"hit\"}")
                .contains("bourse_search_latency_seconds_count{source=\"l1\"}")
                .contains("bourse_search_latency_seconds_count{source=\"store\"}")
                .contains("bourse_search_index_lag ")
                .contains("bourse_search_index_delay_seconds_count");
        assertThat(metric(metrics, "bourse_search_cache_lookups_total{level=\"l1\",result=\"hit\"}")).isPositive();
    }

    static double metric(String metrics, String name) {
        return metrics.lines().filter(l -> l.startsWith(name + " ")).mapToDouble(l -> Double.parseDouble(l.substring(name.length() + 1)))
                .findFirst().orElseThrow();
    }

    /** Places the order; what did not trade at once is cancelled, so the trader's funds last the whole test. */
    static void tradeOrCancel(Trader trader, Map<String, Object> order) {
        JsonNode placed = placed(trader, order);
        if (!status(placed, "executed")) {
            trader.api().post("/api/v1/orders/" + placed.path("id").asString() + "/cancel", "");
        }
    }

    /** The order's status in alice's default search (newest first, the one a UI shows first). */
    String statusInSearch(String id) {
        JsonNode answer = search(alice, "limit=50");
        for (JsonNode order : answer.path("items")) {
            if (order.path("id").asString().equals(id)) {
                return order.path("status").asString();
            }
        }
        return "absent";
    }

    static boolean status(JsonNode order, String status) {
        return order.path("status").asString().equals(status);
    }

    static BigDecimal decimal(JsonNode order, String field) {
        return order.path(field).isNull() || order.path(field).isMissingNode() ? null : new BigDecimal(order.path(field).asString());
    }

    static boolean between(BigDecimal value, String min, String max) {
        return value != null && (min == null || value.compareTo(new BigDecimal(min)) >= 0)
                && (max == null || value.compareTo(new BigDecimal(max)) <= 0);
    }

    private static boolean prefixOfAny(JsonNode order, String q) {
        return order.path("client_order_id").asString().startsWith(q) || order.path("trace_id").asString().startsWith(q)
                || order.path("id").asString().startsWith(q);
    }
}
