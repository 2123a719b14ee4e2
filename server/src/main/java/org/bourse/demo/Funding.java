package org.bourse.demo;

import java.util.LinkedHashMap;
import java.util.Map;

import org.bourse.engine.Asset;
import org.bourse.engine.Result;
import org.bourse.engine.account.Account;
import org.bourse.engine.command.Deposit;
import org.bourse.exchange.ExchangeGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a bot's balances at their targets with deposits from the treasury, like any user's faucet deposit.
 * A deposit is made only when an asset's total (available + held) has fallen below half its target, and it
 * brings the total back to the target: so a restart on the same data finds the money there and deposits
 * nothing. Its transaction id names the state it was decided on ({@code demo-funding-<asset>-<ledger id>}),
 * so the same decision sent twice (a retry, a crash before the answer) is credited once by the engine.
 */
final class Funding {

    private static final Logger log = LoggerFactory.getLogger(Funding.class);
    static final String TRACE_ID = "demo-funding";

    private final ExchangeGateway exchange;

    Funding(ExchangeGateway exchange) {
        this.exchange = exchange;
    }

    /** @param targets minor units per asset code */
    void topUp(long userId, Map<String, Long> targets) {
        record Shortfall(long amount, long ledgerId) {
        }
        Map<String, Shortfall> shortfalls = exchange.query(engine -> {
            Map<String, Shortfall> missing = new LinkedHashMap<>();
            Account account = engine.account(userId);
            targets.forEach((code, target) -> {
                Asset asset = engine.asset(code);
                long total = account == null || asset == null ? 0 : account.total(asset.index());
                if (asset != null && total < target / 2) {
                    missing.put(code, new Shortfall(target - total, engine.lastLedgerId()));
                }
            });
            return missing;
        });
        shortfalls.forEach((asset, shortfall) -> {
            String transactionId = "demo-funding-" + asset + "-" + shortfall.ledgerId();
            Result result = exchange.execute(new Deposit(transactionId, userId, asset, shortfall.amount(), TRACE_ID));
            if (result.accepted()) {
                log.info("Demo user {} funded with {} minor units of {} ({})", userId, shortfall.amount(), asset,
                        transactionId);
            } else {
                log.warn("Demo funding of user {} in {} refused: {}", userId, asset, result.rejection());
            }
        });
    }
}
