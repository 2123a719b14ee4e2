package org.bourse.wallet;

import java.math.BigDecimal;
import java.util.Locale;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * What a new account is credited with: {@code BOURSE_INITIAL_BALANCE}, {@code "<amount> <asset>"},
 * default {@code 100000.00 USD}. The amount stays a decimal here, at the configuration edge; the engine
 * side converts it to the asset's minor units.
 */
@Component
public final class InitialBalance {

    private final BigDecimal amount;
    private final String asset;

    InitialBalance(@Value("${bourse.wallet.initial-balance:100000.00 USD}") String configured) {
        String[] parts = configured.trim().split("\\s+");
        if (parts.length != 2) {
            throw new IllegalArgumentException("BOURSE_INITIAL_BALANCE must look like '100000.00 USD', got '" + configured + "'");
        }
        this.amount = new BigDecimal(parts[0]);
        this.asset = parts[1].toUpperCase(Locale.ROOT);
        if (amount.signum() < 0) {
            throw new IllegalArgumentException("BOURSE_INITIAL_BALANCE cannot be negative: " + configured);
        }
    }

    public BigDecimal amount() {
        return amount;
    }

    public String asset() {
        return asset;
    }

    @Override
    public String toString() {
        return amount.toPlainString() + " " + asset;
    }
}
