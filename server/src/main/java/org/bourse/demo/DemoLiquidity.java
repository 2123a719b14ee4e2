package org.bourse.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.bourse.engine.Money;
import org.bourse.engine.command.CancelOrder;
import org.bourse.exchange.ExchangeGateway;
import org.bourse.exchange.MarketCatalog;
import org.bourse.exchange.MarketSpec;
import org.bourse.identity.SystemUsers;
import org.bourse.identity.UserSummary;
import org.bourse.trading.OpenOrders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs the demo bots when {@code bourse.demo.enabled}: registers the maker and the taker (ordinary users at
 * the reserved domain {@value #DOMAIN}), funds them, cancels what the maker left in the books before a
 * restart, then quotes, trades and tops up on one thread of its own. Starts after the engine and stops
 * before it (phase above {@link ExchangeGateway}'s 0); at stop the maker withdraws its quotes.
 */
@Component
@ConditionalOnBooleanProperty("bourse.demo.enabled")
@EnableConfigurationProperties(DemoProperties.class)
final class DemoLiquidity implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DemoLiquidity.class);
    static final String MAKER = "demo-market-maker";
    static final String TAKER = "demo-taker";
    /** RFC 2606: {@code .invalid} never resolves, so no mail can reach these users and no one else owns the domain. */
    static final String DOMAIN = "demo.bourse.invalid";
    private static final String SETUP_TRACE_ID = "demo-setup";
    /** Funding targets, in multiples of what the maker's full ladder on every market reserves. */
    private static final int FUNDED_LADDERS = 10;

    private final DemoProperties properties;
    private final ExchangeGateway exchange;
    private final MarketCatalog catalog;
    private final SystemUsers systemUsers;
    private final OpenOrders openOrders;
    private final SplittableRandom random;
    private final long seed;
    private volatile ScheduledExecutorService executor;
    // the fields below are touched only on the executor's one thread (and by stop() once it has ended)
    private final List<MarketMaker> makers = new ArrayList<>();
    private Taker taker;
    private long makerId;
    private long takerId;
    private final Map<String, Long> targets = new TreeMap<>();
    private volatile boolean ready;

    DemoLiquidity(DemoProperties properties, ExchangeGateway exchange, MarketCatalog catalog, SystemUsers systemUsers,
                  OpenOrders openOrders) {
        this.properties = properties;
        this.exchange = exchange;
        this.catalog = catalog;
        this.systemUsers = systemUsers;
        this.openOrders = openOrders;
        this.seed = properties.seed() != null ? properties.seed() : System.nanoTime();
        this.random = new SplittableRandom(seed);
    }

    @Override
    public void start() {
        log.info("Demo liquidity on: {} levels a side, re-quoting every {}, a taker order every {} (seed {})",
                properties.levels(), properties.quoteInterval(), properties.takerInterval(), seed);
        executor = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("bourse-demo").daemon().factory());
        schedule(this::quote, 0, properties.quoteInterval().toMillis());
        schedule(this::take, properties.takerInterval().toMillis(), properties.takerInterval().toMillis());
        schedule(this::fund, properties.fundingCheck().toMillis(), properties.fundingCheck().toMillis());
    }

    /** A failing step is logged and the next one runs anyway (an exception would end a scheduled task for good). */
    private void schedule(Runnable step, long delay, long period) {
        executor.scheduleWithFixedDelay(() -> {
            try {
                step.run();
            } catch (RuntimeException e) {
                log.warn("Demo bots: a step failed, the next one goes on: {}", e.toString());
            }
        }, delay, period, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        ScheduledExecutorService running = executor;
        executor = null;
        if (running == null) {
            return;
        }
        running.shutdownNow();
        try {
            if (!running.awaitTermination(10, TimeUnit.SECONDS)) {
                log.warn("Demo bots did not stop within 10 s");
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        try {
            makers.forEach(MarketMaker::withdraw);
        } catch (RuntimeException e) {
            log.warn("Demo maker could not withdraw its quotes; the next start cancels them: {}", e.toString());
        }
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }

    @Override
    public int getPhase() {
        return 1;
    }

    /** True once the bots are registered, funded and the books cleared of the maker's leftovers. */
    boolean ready() {
        return ready;
    }

    private void quote() {
        if (!ready) {
            setUp();
        }
        makers.forEach(MarketMaker::requote);
    }

    private void take() {
        if (ready && !makers.isEmpty()) {
            taker.trade(makers.get(random.nextInt(makers.size())));
        }
    }

    private void fund() {
        if (ready) {
            topUp();
        }
    }

    private void topUp() {
        Funding funding = new Funding(exchange);
        funding.topUp(makerId, targets);
        funding.topUp(takerId, targets);
    }

    private void setUp() {
        UserSummary maker = systemUsers.ensure(MAKER, MAKER + "@" + DOMAIN, SETUP_TRACE_ID);
        UserSummary takerUser = systemUsers.ensure(TAKER, TAKER + "@" + DOMAIN, SETUP_TRACE_ID);
        makerId = maker.id();
        takerId = takerUser.id();
        cancelLeftovers(makerId);
        cancelLeftovers(takerId);
        makers.clear();
        targets.clear();
        for (DemoMarket demo : DemoMarket.all()) {
            catalog.market(demo.symbol()).ifPresentOrElse(market -> add(demo, market),
                    () -> log.warn("Demo market {} is not listed; no bots there", demo.symbol()));
        }
        topUp();
        taker = new Taker(exchange, catalog, takerId, random.split());
        ready = true;
        log.info("Demo bots ready on {} markets: maker user {}, taker user {}", makers.size(), makerId, takerId);
    }

    /** The maker's quotes from before a restart (a crash gave it no chance to withdraw them). */
    private void cancelLeftovers(long userId) {
        exchange.awaitReadModels();
        for (long orderId : openOrders.openOrderIds(userId)) {
            exchange.execute(new CancelOrder(userId, orderId, SETUP_TRACE_ID));
        }
    }

    private void add(DemoMarket demo, MarketSpec market) {
        // continue from the market's last trade, so a restart does not jump the price back to its start
        long lastPrice = exchange.query(engine -> engine.market(market.symbol()).lastPrice());
        long start = lastPrice > 0 ? lastPrice : market.priceMinor(demo.startPrice());
        long levelNotional = market.quoteMinor(demo.levelNotional());
        makers.add(new MarketMaker(exchange, catalog, market, makerId, properties.levels(), levelNotional, start,
                properties.volatility(), random.split()));
        long ladders = (long) FUNDED_LADDERS * properties.levels();
        targets.merge(market.quoteAsset(), Math.multiplyExact(ladders, levelNotional), Math::addExact);
        long levelQuantity = Money.mulDivCeil(levelNotional, Money.pow10(market.baseScale()), start);
        targets.merge(market.baseAsset(), Math.multiplyExact(ladders, levelQuantity), Math::addExact);
    }
}
