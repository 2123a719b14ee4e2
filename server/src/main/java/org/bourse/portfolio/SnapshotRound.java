package org.bourse.portfolio;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.bourse.exchange.ExchangeGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Every 15 minutes (cron {@code bourse.portfolio.snapshot-cron}) records each portfolio's value, net invested
 * and P&L in the book currency, users without activity too (their value moves with prices). Portfolios are valued
 * in chunks, at most {@code snapshot-parallelism} (10) at once, at one set of prices read at the start of the round.
 * Then it thins old snapshots: every 15 minutes for 7 days, hourly for 90, daily after that (docs/portfolio.md).
 */
@Component
class SnapshotRound {

    private static final Logger log = LoggerFactory.getLogger(SnapshotRound.class);
    static final int CHUNK = 100;

    private final PortfolioRepository repository;
    private final Valuation valuation;
    private final PortfolioProperties properties;
    private final Clock clock;
    private final ExchangeGateway exchange;

    SnapshotRound(PortfolioRepository repository, Valuation valuation, PortfolioProperties properties, Clock clock,
                  ExchangeGateway exchange) {
        this.exchange = exchange;
        this.repository = repository;
        this.valuation = valuation;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(cron = "${bourse.portfolio.snapshot-cron:0 */15 * * * *}")
    void scheduled() {
        try {
            long started = System.nanoTime();
            int count = run(clock.millis());
            log.info("Portfolio snapshot round: {} portfolios in {} ms", count,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        } catch (RuntimeException e) {
            log.warn("Portfolio snapshot round failed; the next round tries again", e);
        }
    }

    /** One round at {@code now} (truncated to the minute). @return how many portfolios were recorded */
    int run(long now) {
        long at = now - Math.floorMod(now, Metrics.MINUTE);
        exchange.awaitReadModels(); // the books as of every command applied so far
        Rates rates = frozen(valuation.rates());
        List<Long> users = repository.users();
        JdbcTemplate jdbc = repository.jdbc();
        Semaphore permits = new Semaphore(Math.max(1, properties.snapshotParallelism()));
        List<Future<Integer>> chunks = new ArrayList<>();
        try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int from = 0; from < users.size(); from += CHUNK) {
                List<Long> chunk = users.subList(from, Math.min(users.size(), from + CHUNK));
                chunks.add(workers.submit(() -> {
                    permits.acquire();
                    try {
                        return record(jdbc, chunk, at, rates);
                    } finally {
                        permits.release();
                    }
                }));
            }
            int total = 0;
            for (Future<Integer> f : chunks) {
                total += f.get();
            }
            thin(jdbc, at);
            return total;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("snapshot round interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("snapshot round failed", e.getCause());
        }
    }

    private int record(JdbcTemplate jdbc, List<Long> users, long at, Rates rates) {
        Map<Long, PortfolioBook> books = PortfolioRepository.load(jdbc, users, properties.bookCurrency());
        List<Object[]> rows = new ArrayList<>();
        for (PortfolioBook book : books.values()) {
            Snapshot s = Valuation.snapshot(book, at, rates);
            rows.add(new Object[] {book.userId, at, s.value(), s.invested(), Money.stored(s.profitLoss()), s.benchmark(),
                    book.userId, at});
        }
        jdbc.batchUpdate("""
                INSERT INTO portfolio_snapshots (user_id, taken_at, total_value, total_invested, profit_loss, benchmark_price)
                SELECT ?, ?, ?, ?, ?, ? WHERE NOT EXISTS
                    (SELECT 1 FROM portfolio_snapshots WHERE user_id = ? AND taken_at = ?)""", rows);
        return rows.size();
    }

    /** Hourly after {@code full-resolution-days}, daily after {@code hourly-days}. */
    private void thin(JdbcTemplate jdbc, long at) {
        jdbc.update("DELETE FROM portfolio_snapshots WHERE taken_at < ? AND MOD(taken_at, ?) <> 0",
                at - properties.fullResolutionDays() * Metrics.DAY, Metrics.HOUR);
        jdbc.update("DELETE FROM portfolio_snapshots WHERE taken_at < ? AND MOD(taken_at, ?) <> 0",
                at - properties.hourlyDays() * Metrics.DAY, Metrics.DAY);
    }

    /** The prices of the round's start, each market read once, shared by every worker. */
    private static Rates frozen(Rates live) {
        Map<String, java.util.Optional<java.math.BigDecimal>> seen = new java.util.concurrent.ConcurrentHashMap<>();
        return live.memoized(seen);
    }
}
