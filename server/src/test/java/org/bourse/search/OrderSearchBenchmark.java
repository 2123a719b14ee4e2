package org.bourse.search;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

import org.bourse.testsupport.BourseHttpTest;
import org.bourse.testsupport.HttpApi;
import org.bourse.testsupport.Traders;
import org.bourse.testsupport.Traders.Trader;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * Order search over a large index (BENCHMARKS.md, "Order search"): fills {@code order_search} straight through
 * JDBC with {@code bourse.bench.orders} orders (default 1 000 000; {@code bourse.bench.orders-per-user} each,
 * default 1 000; a few of the users are real, registered ones, the rest only rows), then measures through real
 * HTTP, one client after another (closed loop, one connection), a request at a time: a cold search (every
 * query different, so the cache never has it: page, total and facets from the index), a warm L1 hit (the same
 * query again), and {@code GET /markets} for comparison; then one admin search over every order. Prints each
 * figure; asserts nothing. Not part of {@code ./test} (the name does not end in Test): run it with
 * {@code bench/run-search.sh}. The embedded H2 by default; {@code -Dbourse.bench.postgres=true} is not wired:
 * run it under {@code WithPostgres} by subclassing if needed.
 */
@BourseHttpTest
@TestPropertySource(properties = {"bourse.demo.enabled=false", "bourse.rate-limit.enabled=false"})
class OrderSearchBenchmark {

    private static final String[] SYMBOLS = {"BTC-USD", "ETH-USD", "SOL-USD"};
    private static final String[] STATUSES = {"executed", "executed", "executed", "cancelled", "cancelled", "open",
            "pending", "failed"};

    /** V490's indexes. */
    private static final String[] INDEXES = {
            "CREATE INDEX ix_order_search_user_created ON order_search (user_id, created_at, id)",
            "CREATE INDEX ix_order_search_user_executed ON order_search (user_id, executed_at, id)",
            "CREATE INDEX ix_order_search_user_price ON order_search (user_id, price, id)",
            "CREATE INDEX ix_order_search_user_quantity ON order_search (user_id, quantity, id)",
            "CREATE INDEX ix_order_search_user_total ON order_search (user_id, total_amount, id)",
            "CREATE INDEX ix_order_search_user_client ON order_search (user_id, client_order_id)",
            "CREATE INDEX ix_order_search_user_trace ON order_search (user_id, trace_id)",
            "CREATE INDEX ix_order_search_created ON order_search (created_at, id)"};

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void measure() {
        int orders = Integer.getInteger("bourse.bench.orders", 1_000_000);
        int perUser = Integer.getInteger("bourse.bench.orders-per-user", 1_000);
        int samples = Integer.getInteger("bourse.bench.samples", 2_000);
        Traders traders = new Traders(port);
        List<Trader> real = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            real.add(traders.newTrader());
        }
        long began = System.nanoTime();
        // a bulk load: the indexes are built once at the end instead of row by row (V490 names them)
        List<String> indexes = jdbc.queryForList("""
                SELECT index_name FROM information_schema.indexes
                WHERE LOWER(table_name) = 'order_search' AND LOWER(index_name) LIKE 'ix_order_search%'""", String.class);
        for (String index : indexes) {
            jdbc.execute("DROP INDEX " + index);
        }
        fill(orders, perUser, real.stream().mapToLong(Trader::id).toArray());
        for (String statement : INDEXES) {
            jdbc.execute(statement);
        }
        jdbc.execute("ANALYZE");
        System.out.printf("SEARCH-BENCH filled %,d orders (%,d per user) in %d s%n", orders, perUser,
                TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - began));

        SplittableRandom random = new SplittableRandom(42);
        String[] filters = {"", "status=executed", "status=open&status=pending", "sort=-price", "sort=total_amount",
                "type=sell&sort=-quantity", "min_price=20000&max_price=40000", "symbol=ETH-USD&sort=-executed_at",
                "q=1", "from=2026-01-01T00:00:00Z&status=cancelled"};
        // warm-up: class loading and JIT, not what a user waits for
        run("warm-up", 300, i -> cold(real, random, filters, i + 1_000_000));
        report("cold search (index: page + total + facets)", run("cold", samples, i -> cold(real, random, filters, i)));
        HttpApi one = real.getFirst().api();
        String same = "/api/v1/orders/search?limit=50&status=executed";
        get(one, same);
        report("warm L1 hit (same query)", run("l1", samples, i -> get(one, same)));
        report("GET /api/v1/markets", run("markets", samples, i -> get(one, "/api/v1/markets")));
        HttpApi admin = traders.admin();
        report("admin search over every order, cold", run("admin", 5, i -> get(admin,
                "/api/v1/admin/orders/search?limit=50&max_total=" + (900_000_000 + i))));
    }

    private long cold(List<Trader> real, SplittableRandom random, String[] filters, int i) {
        Trader trader = real.get(random.nextInt(real.size()));
        String filter = filters[random.nextInt(filters.length)];
        // a max_total no order reaches changes the cache key, not the answer: every request misses the cache
        return get(trader.api(), "/api/v1/orders/search?limit=50&max_total=" + (1_000_000_000 + i)
                + (filter.isEmpty() ? "" : "&" + filter));
    }

    private static long get(HttpApi api, String path) {
        long began = System.nanoTime();
        HttpApi.Reply reply = api.get(path);
        long nanos = System.nanoTime() - began;
        if (reply.status() != 200) {
            throw new IllegalStateException(path + ": " + reply);
        }
        return nanos;
    }

    private static long[] run(String name, int samples, IntFunction<Long> request) {
        long[] nanos = new long[samples];
        long began = System.nanoTime();
        for (int i = 0; i < samples; i++) {
            nanos[i] = request.apply(i);
        }
        long total = System.nanoTime() - began;
        Arrays.sort(nanos);
        System.out.printf("SEARCH-BENCH %s: %d requests in %d ms%n", name, samples, TimeUnit.NANOSECONDS.toMillis(total));
        return nanos;
    }

    private static void report(String what, long[] sorted) {
        double seconds = Arrays.stream(sorted).sum() / 1e9;
        System.out.printf("SEARCH-BENCH %-45s %8.0f req/s  p50 %7.2f ms  p99 %7.2f ms  max %7.2f ms%n", what,
                sorted.length / seconds, ms(sorted, 0.50), ms(sorted, 0.99), sorted[sorted.length - 1] / 1e6);
    }

    private static double ms(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
    }

    /** Rows as the projection writes them, a realistic body each; ids far above the engine's. */
    private void fill(int orders, int perUser, long[] realUsers) {
        String sql = """
                INSERT INTO order_search (status, price, quantity, total_amount, executed_at, sequence, body, id, id_text,
                                          user_id, client_order_id, trace_id, symbol, side, order_kind, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
        SplittableRandom random = new SplittableRandom(7);
        long start = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
        List<Object[]> batch = new ArrayList<>(5_000);
        for (int i = 0; i < orders; i++) {
            int user = i / perUser;
            long userId = user < realUsers.length ? realUsers[user] : 50_000_000L + user;
            long id = 100_000_000L + i;
            String symbol = SYMBOLS[random.nextInt(SYMBOLS.length)];
            String status = STATUSES[random.nextInt(STATUSES.length)];
            String side = random.nextBoolean() ? "buy" : "sell";
            BigDecimal price = BigDecimal.valueOf(10_000 + random.nextInt(50_000_00), 2);
            BigDecimal quantity = BigDecimal.valueOf(1 + random.nextInt(1_000_000), 8);
            BigDecimal total = price.multiply(quantity).setScale(2, java.math.RoundingMode.DOWN);
            long created = start + i * 20L;
            long executed = status.equals("executed") ? created + random.nextInt(60_000) : -1;
            String trace = java.util.UUID.randomUUID().toString();
            String body = body(id, userId, symbol, side, status, price, quantity, total, created, executed, trace);
            batch.add(new Object[] {status, price, quantity, total, executed, 1L, body, id, Long.toString(id), userId,
                    "c-" + i, trace, symbol, side, "limit", created});
            if (batch.size() == 5_000) {
                jdbc.batchUpdate(sql, batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            jdbc.batchUpdate(sql, batch);
        }
    }

    private static String body(long id, long userId, String symbol, String side, String status, BigDecimal price,
                               BigDecimal quantity, BigDecimal total, long created, long executed, String trace) {
        String base = symbol.substring(0, symbol.indexOf('-'));
        String createdAt = Instant.ofEpochMilli(created).toString();
        String executedAt = executed < 0 ? "null" : "\"" + Instant.ofEpochMilli(executed).toString() + "\"";
        return "{\"id\":\"" + id + "\",\"client_order_id\":\"c-" + id + "\",\"user_id\":\"" + userId + "\",\"type\":\""
                + side + "\",\"crypto_symbol\":\"" + base + "\",\"quote_symbol\":\"USD\",\"symbol\":\"" + symbol
                + "\",\"order_kind\":\"limit\",\"time_in_force\":\"gtc\",\"post_only\":false,\"quantity\":\"" + quantity
                + "\",\"filled_quantity\":\"" + quantity + "\",\"remaining_quantity\":\"0.00000000\",\"price\":\"" + price
                + "\",\"stop_price\":null,\"average_price\":\"" + price + "\",\"total_amount\":\"" + total
                + "\",\"fee\":\"0.01\",\"status\":\"" + status + "\",\"failure_reason\":null,\"created_at\":\"" + createdAt
                + "\",\"updated_at\":\"" + createdAt + "\",\"executed_at\":" + executedAt + ",\"cancelled_at\":null,"
                + "\"trace_id\":\"" + trace + "\"}";
    }
}
