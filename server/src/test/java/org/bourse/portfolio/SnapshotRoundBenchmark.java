package org.bourse.portfolio;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.bourse.engine.Side;
import org.bourse.exchange.CommandEvents;
import org.bourse.exchange.ExchangeEvent;
import org.bourse.testsupport.BourseHttpTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * BENCHMARKS.md "Portfolio": (1) one snapshot round over {@code bourse.bench.users} (10 000) portfolios of 5
 * holdings each (BTC, ETH, SOL priced by the demo market maker; BRL, VIB without a USD path), two lots per holding,
 * on the embedded H2; (2) the projection's cost per fill: {@code bourse.bench.fills} synthetic BTC-USD fills
 * between 1 000 users, applied in batches of 500 inside a transaction as the projector does. Prints the figures,
 * asserts nothing. Not part of {@code ./test} (the name does not end in Test): run it with
 * {@code bench/run-portfolio.sh}.
 */
@BourseHttpTest
@TestPropertySource(properties = {"bourse.demo.enabled=true", "bourse.portfolio.snapshot-cron=-"})
class SnapshotRoundBenchmark {

    private static final long FIRST_USER = 5_000_000_000L;
    private static final String[] ASSETS = {"BTC", "ETH", "SOL", "BRL", "VIB"};

    @Autowired
    SnapshotRound round;

    @Autowired
    PortfolioProjection projection;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void snapshotRoundAndCostPerFill() throws InterruptedException {
        int users = Integer.getInteger("bourse.bench.users", 10_000);
        int fills = Integer.getInteger("bourse.bench.fills", 200_000);
        Thread.sleep(5_000); // the demo market maker quotes every market
        seed(users);
        for (int run = 1; run <= 3; run++) {
            long at = (System.currentTimeMillis() / 60_000 + run) * 60_000;
            long start = System.nanoTime();
            int count = round.run(at);
            long ms = (System.nanoTime() - start) / 1_000_000;
            System.out.printf("PORTFOLIO snapshot round %d: %d portfolios x 5 holdings in %d ms%n", run, count, ms);
        }
        perFill(fills);
    }

    private void seed(int users) {
        List<Object[]> accounts = new ArrayList<>();
        List<Object[]> holdings = new ArrayList<>();
        List<Object[]> lots = new ArrayList<>();
        for (int i = 0; i < users; i++) {
            long user = FIRST_USER + i;
            accounts.add(new Object[] {user});
            for (String asset : ASSETS) {
                holdings.add(new Object[] {user, asset});
                lots.add(new Object[] {user, asset, 1L});
                lots.add(new Object[] {user, asset, 2L});
            }
        }
        jdbc.batchUpdate("""
                INSERT INTO portfolio_accounts (user_id, cash, net_invested, realized_pnl, fees_paid, transactions_count,
                    last_sequence, last_order_id, updated_at, needs_recalculation)
                VALUES (?, 50000, 100000, 0, 10, 12, 0, 0, 0, FALSE)""", accounts);
        jdbc.batchUpdate("""
                INSERT INTO portfolio_holdings (user_id, asset, average_buy_price, realized_pnl, fees_paid,
                    transactions_count, next_lot) VALUES (?, ?, 100, 0, 1, 2, 3)""", holdings);
        jdbc.batchUpdate("""
                INSERT INTO portfolio_lots (user_id, asset, lot, quantity, cost, acquired_at, order_id)
                VALUES (?, ?, ?, 0.5, 50, 0, 1)""", lots);
        System.out.printf("PORTFOLIO seeded %d portfolios, %d holdings, %d lots%n", users, holdings.size(), lots.size());
    }

    private void perFill(int fills) {
        Random random = new Random(42);
        long sequence = 1_000_000_000_000L;
        int traders = 1_000;
        long firstTrader = FIRST_USER + 1_000_000;
        List<CommandEvents> batch = new ArrayList<>();
        // every trader first gets 1 BTC, so sells take lots as they would on an exchange (not measured)
        for (int i = 0; i < traders; i++) {
            batch.add(new CommandEvents(++sequence, System.currentTimeMillis(), null, null, List.of(
                    new ExchangeEvent.LedgerPosted(i + 1, firstTrader + i, "BTC", 100_000_000L, 100_000_000L,
                            org.bourse.engine.LedgerType.DEPOSIT, 0, 0, "bench-" + i, null, 0))));
        }
        List<CommandEvents> deposits = List.copyOf(batch);
        transactions.executeWithoutResult(s -> projection.project(deposits, jdbc));
        batch.clear();
        long start = System.nanoTime();
        for (int i = 0; i < fills; i++) {
            long buyer = firstTrader + random.nextInt(traders);
            long seller = firstTrader + random.nextInt(traders);
            if (seller == buyer) {
                seller = firstTrader + (buyer - firstTrader + 1) % traders;
            }
            long price = 5_000_000 + random.nextInt(10_000); // 50 000.00 USD and up
            long quantity = 10_000 + random.nextInt(90_000); // 0.0001 to 0.001 BTC
            long notional = price * quantity / 100_000_000;
            ExchangeEvent.TradeExecuted t = new ExchangeEvent.TradeExecuted(i + 1, "BTC-USD", price, quantity,
                    Side.BUY, i * 2L + 1, i * 2L + 2, seller, buyer, notional / 1000, notional / 1000, notional,
                    notional, System.currentTimeMillis());
            batch.add(new CommandEvents(++sequence, System.currentTimeMillis(), null, null, List.of(t)));
            if (batch.size() == 500) {
                List<CommandEvents> written = List.copyOf(batch);
                transactions.executeWithoutResult(s -> projection.project(written, jdbc));
                batch.clear();
            }
        }
        long nanos = System.nanoTime() - start;
        System.out.printf("PORTFOLIO projection: %d fills (2 sides each) between %d users in %d ms: %.1f us per fill%n",
                fills, traders, nanos / 1_000_000, nanos / 1000.0 / fills);
    }
}
