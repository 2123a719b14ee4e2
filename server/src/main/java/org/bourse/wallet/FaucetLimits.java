package org.bourse.wallet;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * How much of each asset the sandbox faucet gives one user in any 24 hours. Without a bound, one user could
 * deposit up to the engine's total for an asset, and every later deposit of it would fail, new accounts'
 * opening balances included.
 *
 * <p>The rule: an asset listed in {@code BOURSE_FAUCET_DAILY_LIMIT} ({@code "<amount> <ASSET>, ..."}) has that
 * limit; the default list puts about ten times the default opening balance's value (100 000 USD) on each
 * start-up asset, at the demo's reference prices. Every other asset, the opening balance's own included, has
 * ten times the opening amount, counted in that asset's units: no price is needed, so an asset with no USD
 * market (or a thin one a user could push around) gets a limit too, and the engine's bound is out of reach.
 */
@Component
final class FaucetLimits {

    /** Opening balances a user may draw from the faucet per day, for assets without a limit of their own. */
    static final BigDecimal OPENING_BALANCES_PER_DAY = BigDecimal.TEN;

    private final Map<String, BigDecimal> listed;
    private final BigDecimal otherwise;

    FaucetLimits(@Value("${bourse.wallet.faucet-daily-limit:}") String configured, InitialBalance openingBalance) {
        this.listed = parse(configured);
        this.otherwise = openingBalance.amount().multiply(OPENING_BALANCES_PER_DAY);
    }

    /** The most {@code asset} one user may receive from the faucet in any 24 hours. */
    BigDecimal dailyLimit(String asset) {
        return listed.getOrDefault(asset, otherwise);
    }

    private static Map<String, BigDecimal> parse(String configured) {
        Map<String, BigDecimal> limits = new HashMap<>();
        if (configured == null || configured.isBlank()) {
            return Map.of();
        }
        for (String entry : configured.split(",")) {
            String[] parts = entry.trim().split("\\s+");
            if (parts.length != 2) {
                throw new IllegalArgumentException("BOURSE_FAUCET_DAILY_LIMIT must look like '12 BTC, 350 ETH', got '"
                        + configured + "'");
            }
            BigDecimal amount = new BigDecimal(parts[0]);
            if (amount.signum() < 0) {
                throw new IllegalArgumentException("BOURSE_FAUCET_DAILY_LIMIT cannot be negative: " + entry.trim());
            }
            limits.put(parts[1].toUpperCase(Locale.ROOT), amount);
        }
        return Map.copyOf(limits);
    }
}
