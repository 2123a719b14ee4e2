package org.bourse.wallet;

import org.bourse.engine.Result;
import org.bourse.engine.command.OpenFundedAccount;
import org.bourse.exchange.Amounts;
import org.bourse.exchange.ExchangeGateway;
import org.bourse.exchange.MarketCatalog;
import org.springframework.stereotype.Component;

/**
 * Opens the account in the engine with the initial balance, as one command ({@link OpenFundedAccount}): the
 * balance is credited when the account comes to exist and never again, so a retry however late (a login after a
 * crash lost the record that the account was opened) can never credit twice.
 */
@Component
final class EngineAccountOpening implements AccountOpening {

    private final ExchangeGateway exchange;
    private final MarketCatalog catalog;
    private final InitialBalance initialBalance;

    EngineAccountOpening(ExchangeGateway exchange, MarketCatalog catalog, InitialBalance initialBalance) {
        this.exchange = exchange;
        this.catalog = catalog;
        this.initialBalance = initialBalance;
    }

    @Override
    public void openAccount(long userId, String traceId) {
        long amount = 0;
        if (initialBalance.amount().signum() != 0) {
            int scale = catalog.assetScale(initialBalance.asset()).orElseThrow(() -> new IllegalStateException(
                    "BOURSE_INITIAL_BALANCE names " + initialBalance.asset() + ", which is not an asset of this exchange"));
            amount = Amounts.minor(initialBalance.amount(), scale);
        }
        Result result = exchange.execute(new OpenFundedAccount(userId, initialBalance.asset(), amount, traceId));
        if (!result.accepted()) {
            throw new IllegalStateException("Initial balance refused for user " + userId + ": " + result.rejection());
        }
    }
}
