package org.bourse.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.bourse.BourseApplication;
import org.bourse.engine.Asset;
import org.bourse.engine.Depth;
import org.bourse.engine.OrderState;
import org.bourse.exchange.ExchangeGateway;
import org.bourse.identity.UserDirectory;
import org.bourse.identity.UserSummary;
import org.bourse.trading.OpenOrders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The demo bots in a whole server on the embedded default, started as {@code ./run} would (twice on the
 * same data directory, to see what a restart does), with short intervals so a few seconds show a live book.
 * The bots' randomness uses a fixed seed ({@value #SEED}); timing still varies from run to run.
 */
class DemoLiquidityTest {

    private static final long SEED = 42;
    private static final int LEVELS = 5;
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    Path data;

    @Test
    void everyDemoMarketGetsBidsAsksAndTradesAndARestartMintsNothing() {
        Map<String, Long> depositedBefore;
        try (ConfigurableApplicationContext server = start(true)) {
            ExchangeGateway exchange = server.getBean(ExchangeGateway.class);
            awaitLiveMarkets(exchange);
            UserDirectory users = server.getBean(UserDirectory.class);
            assertThat(users.findByUsername(DemoLiquidity.MAKER)).isPresent();
            assertThat(users.findByUsername(DemoLiquidity.TAKER)).isPresent();
            assertThat((boolean) exchange.query(engine -> engine.report().healthy())).as("engine invariants").isTrue();
            depositedBefore = netDeposits(exchange);
        }

        try (ConfigurableApplicationContext server = start(true)) {
            ExchangeGateway exchange = server.getBean(ExchangeGateway.class);
            DemoLiquidity demo = server.getBean(DemoLiquidity.class);
            await("the bots set up again", demo::ready);
            awaitLiveMarkets(exchange);
            assertThat(netDeposits(exchange)).as("deposits after the restart").isEqualTo(depositedBefore);

            long makerId = server.getBean(UserDirectory.class).findByUsername(DemoLiquidity.MAKER)
                    .map(UserSummary::id).orElseThrow();
            exchange.awaitReadModels();
            List<Long> quotes = server.getBean(OpenOrders.class).openOrderIds(makerId);
            assertThat(quotes).as("the maker's resting quotes: one ladder per market, nothing left from the first run")
                    .isNotEmpty().hasSizeLessThanOrEqualTo(2 * LEVELS * DemoMarket.all().size());
            List<String> traceIds = exchange.query(engine -> quotes.stream().map(engine::order)
                    .filter(java.util.Objects::nonNull).map(OrderState::traceId).toList());
            assertThat(traceIds).as("where the quotes came from, as the ledger shows it").isNotEmpty()
                    .allMatch(traceId -> traceId.startsWith("demo-maker-"));
        }
    }

    @Test
    void withTheDemoOffNoDemoUserExistsAndTheBooksStayEmpty() {
        try (ConfigurableApplicationContext server = start(false)) {
            ExchangeGateway exchange = server.getBean(ExchangeGateway.class);
            assertThat(server.getBeansOfType(DemoLiquidity.class)).isEmpty();
            UserDirectory users = server.getBean(UserDirectory.class);
            assertThat(users.findByUsername(DemoLiquidity.MAKER)).isEmpty();
            assertThat(users.findByUsername(DemoLiquidity.TAKER)).isEmpty();
            for (DemoMarket market : DemoMarket.all()) {
                Depth depth = exchange.query(engine -> engine.market(market.symbol()).depth(1));
                assertThat(depth.bids().size() + depth.asks().size()).as(market.symbol()).isZero();
            }
        }
    }

    private ConfigurableApplicationContext start(boolean demo) {
        // command-line arguments outrank application.yml and the environment (a developer's BOURSE_DEMO, BOURSE_DB_URL)
        return new SpringApplicationBuilder(BourseApplication.class).run(
                "--server.port=0",
                "--spring.datasource.url=", "--spring.datasource.username=", "--spring.datasource.password=",
                "--bourse.redis.url=", "--bourse.jwt.secret=",
                "--bourse.data-dir=" + data,
                "--bourse.demo.enabled=" + demo,
                "--bourse.demo.levels=" + LEVELS,
                "--bourse.demo.quote-interval=100ms",
                "--bourse.demo.taker-interval=40ms",
                "--bourse.demo.seed=" + SEED);
    }

    /** Every demo market has a bid, an ask and a last trade price. */
    private static void awaitLiveMarkets(ExchangeGateway exchange) {
        for (DemoMarket market : DemoMarket.all()) {
            await(market.symbol() + " quoted on both sides and traded", () -> exchange.query(engine -> {
                var m = engine.market(market.symbol());
                Depth depth = m.depth(1);
                return depth.bids().size() > 0 && depth.asks().size() > 0 && m.lastPrice() > 0;
            }));
        }
    }

    private static Map<String, Long> netDeposits(ExchangeGateway exchange) {
        return exchange.query(engine -> {
            Map<String, Long> deposits = new LinkedHashMap<>();
            for (Asset asset : engine.assets()) {
                deposits.put(asset.code(), engine.netDeposits(asset));
            }
            return deposits;
        });
    }

    /** Polls until the condition holds; the deadline is generous, it only keeps a broken build from hanging. */
    private static void await(String what, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not within " + PATIENCE + ": " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for: " + what);
            }
        }
    }
}
