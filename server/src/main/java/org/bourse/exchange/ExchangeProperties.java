package org.bourse.exchange;

import java.math.BigDecimal;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The engine runtime and the projector ({@code bourse.exchange.*}).
 *
 * @param queueCapacity    commands waiting for the journal; past it callers get 503 with Retry-After
 * @param maxBatch         commands journaled (and fsynced) together at most
 * @param fsync            fsync every journal batch before answering (off only for throwaway benchmarks)
 * @param snapshotEvery    commands between automatic snapshots (bounds recovery time)
 * @param slippage         how far from its quoted price a market order may trade (0.05 = 5 %)
 * @param pendingOrderTtl  pending orders never executed are cancelled (expired) after this long
 * @param projectorBatch   commands written to the read models per transaction at most
 * @param projectorQueue   commands waiting for the projector; when full the engine waits (backpressure)
 * @param projectorInterval at most one read-model transaction this often: fewer, larger transactions, each
 *                         with its own commit work in the database; a read of one's own writes waits for it
 * @param requestTimeout   how long a request waits for its command before answering 503
 * @param maxOpenOrdersPerMarket working orders (pending, open, waiting for a trigger) one user may have in one market
 * @param maxOpenOrders    the same in all markets together
 * @param archiveJournal   journal segments no snapshot needs any more are compressed into the data directory's
 *                         {@code engine/archive/} (the financial log: read models and audits can be rebuilt from
 *                         the first command) instead of deleted
 * @param segmentBytes     the size at which the journal moves on to a new segment file
 */
@ConfigurationProperties("bourse.exchange")
public record ExchangeProperties(int queueCapacity, int maxBatch, boolean fsync, long snapshotEvery,
                                 BigDecimal slippage, Duration pendingOrderTtl, int projectorBatch, int projectorQueue,
                                 Duration projectorInterval, Duration requestTimeout,
                                 @DefaultValue("500") int maxOpenOrdersPerMarket, @DefaultValue("2000") int maxOpenOrders,
                                 @DefaultValue("true") boolean archiveJournal,
                                 @DefaultValue("64MB") org.springframework.util.unit.DataSize segmentBytes) {

    public ExchangeProperties {
        if (slippage == null || slippage.signum() < 0 || slippage.compareTo(BigDecimal.ONE) >= 0) {
            throw new IllegalArgumentException("bourse.exchange.slippage must be in [0, 1), got " + slippage);
        }
        if (maxOpenOrdersPerMarket < 1 || maxOpenOrders < 1) {
            throw new IllegalArgumentException("bourse.exchange.max-open-orders(-per-market) must be at least 1");
        }
    }

    long slippagePpm() {
        return slippage.movePointRight(6).longValue();
    }
}
