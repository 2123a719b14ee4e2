package org.bourse.demo;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The demo bots ({@code bourse.demo.*}; {@code BOURSE_DEMO} switches them, on by default under {@code ./run}).
 *
 * @param enabled       whether the bots run at all; off, no demo user is even created
 * @param quoteInterval how often the maker moves each market's reference price and re-quotes what went stale
 * @param takerInterval how often the taker sends one order, to a market picked at random
 * @param fundingCheck  how often the bots' balances are checked and topped up when they ran low
 * @param levels        price levels the maker quotes on each side of each market
 * @param volatility    standard deviation of the reference price's relative change per quote step (0.0003 = 3 bp)
 * @param seed          seed of the bots' randomness; unset: a new one each start (logged)
 */
@ConfigurationProperties("bourse.demo")
public record DemoProperties(boolean enabled, Duration quoteInterval, Duration takerInterval, Duration fundingCheck,
                             int levels, double volatility, Long seed) {

    public DemoProperties {
        if (levels < 1 || levels > 50) {
            throw new IllegalArgumentException("bourse.demo.levels must be 1..50, got " + levels);
        }
        if (volatility < 0 || volatility > 0.05) {
            throw new IllegalArgumentException("bourse.demo.volatility must be in [0, 0.05], got " + volatility);
        }
        for (Duration interval : new Duration[] {quoteInterval, takerInterval, fundingCheck}) {
            if (interval == null || interval.toMillis() <= 0) {
                throw new IllegalArgumentException("bourse.demo intervals must be positive, got " + interval);
            }
        }
    }
}
