package org.bourse.portfolio;

import java.math.BigDecimal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code bourse.portfolio.*}: the book currency the cost basis is kept in, the snapshot schedule and its
 * parallelism, the retention of snapshots and the risk-free rate of the metrics.
 *
 * @param bookCurrency      the currency every cost, P&L and snapshot is kept in
 * @param snapshotCron      Spring cron (seconds first) of the snapshot round; "-" switches it off
 * @param snapshotParallelism portfolios valued at once in a round
 * @param fullResolutionDays snapshots kept every 15 minutes for this many days, then hourly
 * @param hourlyDays        hourly snapshots kept this many days, then one a day (kept for ever)
 * @param riskFreeRate      the annual risk-free rate of the Sharpe and Sortino ratios and alpha, e.g. 0.04
 */
@ConfigurationProperties("bourse.portfolio")
public record PortfolioProperties(@DefaultValue("USD") String bookCurrency,
                                  @DefaultValue("0 */15 * * * *") String snapshotCron,
                                  @DefaultValue("10") int snapshotParallelism,
                                  @DefaultValue("7") int fullResolutionDays,
                                  @DefaultValue("90") int hourlyDays,
                                  @DefaultValue("0") BigDecimal riskFreeRate) {
}
