package org.bourse.wallet;

import org.bourse.engine.Result;
import org.bourse.engine.command.Deposit;
import org.bourse.engine.command.OpenAccount;
import org.bourse.exchange.Amounts;
import org.bourse.exchange.ExchangeGateway;
import org.bourse.exchange.MarketCatalog;
import org.springframework.stereotype.Component;

/**
 * Opens the account in the engine and credits the initial balance as a deposit from the treasury, under
 * the fixed transaction id {@code initial-balance}: a retry after a crash can never credit twice.
 */
@Component
final class EngineAccountOpening implements AccountOpening {

    static final String TRANSACTION_ID = "initial-balance";

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
        exchange.execute(new OpenAccount(userId, traceId));
        if (initialBalance.amount().signum() == 0) {
            return;
        }
        int scale = catalog.assetScale(initialBalance.asset()).orElseThrow(() -> new IllegalStateException(
                "BOURSE_INITIAL_BALANCE names " + initialBalance.asset() + ", which is not an asset of this exchange"));
        long amount = Amounts.minor(initialBalance.amount(), scale);
        Result result = exchange.execute(new Deposit(TRANSACTION_ID, userId, initialBalance.asset(), amount, traceId));
        if (!result.accepted()) {
            throw new IllegalStateException("Initial balance refused for user " + userId + ": " + result.rejection());
        }
    }
}
