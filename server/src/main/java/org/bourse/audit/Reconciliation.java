package org.bourse.audit;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.bourse.chain.ChainReserves;
import org.bourse.engine.StateReport;
import org.bourse.exchange.ExchangeGateway;
import org.bourse.exchange.MarketCatalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Reconciles, per asset, three independent records of the same money: the engine's balances (users and
 * the fee account), the ledger as projected to SQL (every line up to the newest one the engine had when
 * its balances were read), and deposits minus withdrawals. They must agree to the last minor unit; the
 * ledger over all accounts, the treasury included, must sum to zero. Runs periodically and on demand.
 */
@Component
final class Reconciliation {

    private static final Logger log = LoggerFactory.getLogger(Reconciliation.class);
    private static final long TREASURY = -2;

    /** One asset's figures, in whole units of the asset. */
    record AssetReconciliation(String asset, BigDecimal balances, BigDecimal held, BigDecimal ledger,
                               BigDecimal ledgerAllAccounts, BigDecimal netDeposits, BigDecimal feeAccount,
                               BigDecimal reservedByOrders, BigDecimal heldForWithdrawals, boolean matches) {
    }

    /**
     * A whole run: the engine sequence and ledger line it reconciled at, and the engine's own invariant checks.
     * {@code readModelsAhead} is true when the SQL read models hold ledger lines or a projected sequence the
     * engine does not have, which only a lost journal tail could cause.
     */
    record Run(Instant ranAt, long sequence, long lastLedgerId, List<AssetReconciliation> assets, int negativeBalances,
               int crossedBooks, int holdMismatches, boolean readModelsAhead, boolean healthy,
               List<ChainReconciliation> chain) {
    }

    /**
     * One asset on a chain: what is on the chain (hot wallet and deposit addresses) against what the exchange owes
     * its users (their balances, pending withdrawals included), and the difference: the exchange's own funds (fees,
     * the hot wallet's funding, dust below the asset's precision) less the gas it paid. Reported, not judged: the
     * figures on both sides are independent records (the chain, the engine, the module's deposits and withdrawals).
     * The on-chain figures and the difference are null when the node did not answer.
     */
    record ChainReconciliation(String asset, String network, String hotWallet, BigDecimal hotWalletBalance,
                               BigDecimal depositAddressesBalance, BigDecimal onChain, BigDecimal usersBalances,
                               BigDecimal pendingWithdrawals, BigDecimal feeAccount, BigDecimal difference,
                               BigDecimal creditedDeposits, BigDecimal confirmedWithdrawals,
                               BigDecimal pendingWithdrawalsRecorded, String unavailable) {
    }

    private record EngineSide(StateReport report, long lastLedgerId) {
    }

    private final ExchangeGateway exchange;
    private final MarketCatalog catalog;
    private final ChainReserves reserves;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private volatile Run last;

    Reconciliation(ExchangeGateway exchange, MarketCatalog catalog, ChainReserves reserves, JdbcTemplate jdbc,
                   Clock clock) {
        this.exchange = exchange;
        this.catalog = catalog;
        this.reserves = reserves;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    Run last() {
        Run run = last;
        return run != null ? run : run();
    }

    @Scheduled(fixedDelayString = "${bourse.audit.interval:5m}", initialDelayString = "${bourse.audit.initial-delay:1m}")
    void scheduled() {
        if (exchange.isRunning()) {
            Run run = run();
            if (!run.healthy()) {
                log.error("RECONCILIATION MISMATCH at sequence {}: {}", run.sequence(), run);
            }
        }
    }

    synchronized Run run() {
        // what the read models hold is read before the engine's state: the engine only moves on, so commands
        // applied meanwhile (traffic, the pending-order expiry) cannot make the read models look ahead of it
        ReadModelsHead head = readModelsHead();
        EngineSide engine = exchange.query(e -> new EngineSide(e.report(), e.lastLedgerId()));
        exchange.awaitReadModels();
        Map<String, BigDecimal[]> ledger = ledgerSums(engine.lastLedgerId());
        List<AssetReconciliation> assets = new ArrayList<>();
        boolean allMatch = true;
        for (StateReport.AssetTotals t : engine.report().assets()) {
            int scale = catalog.assetScale(t.asset()).orElse(0);
            BigDecimal[] sums = ledger.getOrDefault(t.asset(), new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
            BigDecimal balances = BigDecimal.valueOf(t.users() + t.fees(), scale);
            BigDecimal netDeposits = BigDecimal.valueOf(t.netDeposits(), scale);
            boolean matches = t.conserved() && balances.compareTo(sums[0]) == 0 && sums[1].signum() == 0
                    && balances.compareTo(netDeposits) == 0;
            allMatch &= matches;
            assets.add(new AssetReconciliation(t.asset(), balances, BigDecimal.valueOf(t.held(), scale), sums[0], sums[1],
                    netDeposits, BigDecimal.valueOf(t.fees(), scale), BigDecimal.valueOf(t.reserved(), scale),
                    BigDecimal.valueOf(t.withdrawing(), scale), matches));
        }
        StateReport report = engine.report();
        boolean ahead = head.projected() > report.lastSequence() || head.newestLedgerLine() > engine.lastLedgerId();
        Run run = new Run(clock.instant(), report.lastSequence(), engine.lastLedgerId(), List.copyOf(assets),
                report.negativeBalances(), report.crossedBooks(), report.holdMismatches(), ahead,
                allMatch && report.healthy() && !ahead, chain(report));
        last = run;
        return run;
    }

    private List<ChainReconciliation> chain(StateReport report) {
        List<ChainReconciliation> out = new ArrayList<>();
        for (ChainReserves.Reserve reserve : reserves.reserves()) {
            StateReport.AssetTotals totals = report.assets().stream().filter(t -> t.asset().equals(reserve.asset()))
                    .findFirst().orElseThrow();
            int scale = catalog.assetScale(reserve.asset()).orElse(0);
            BigDecimal owed = BigDecimal.valueOf(totals.users(), scale);
            BigDecimal onChain = reserve.onChain();
            out.add(new ChainReconciliation(reserve.asset(), reserve.network(), reserve.hotWallet(),
                    reserve.hotWalletBalance(), reserve.depositAddressesBalance(), onChain, owed,
                    BigDecimal.valueOf(totals.withdrawing(), scale), BigDecimal.valueOf(totals.fees(), scale),
                    onChain == null ? null : onChain.subtract(owed), reserve.creditedDeposits(),
                    reserve.confirmedWithdrawals(), reserve.pendingWithdrawals(), reserve.unavailable()));
        }
        return List.copyOf(out);
    }

    /**
     * The read models can trail the engine, never lead it: leading means the engine lost what they saw. These
     * are compared with the engine's sequence and newest ledger line read afterwards.
     */
    private record ReadModelsHead(long projected, long newestLedgerLine) {
    }

    private ReadModelsHead readModelsHead() {
        Long projected = jdbc.queryForObject("SELECT last_sequence FROM projection_state WHERE name = 'engine'", Long.class);
        Long newestLine = jdbc.queryForObject("SELECT MAX(id) FROM ledger_entries", Long.class);
        return new ReadModelsHead(projected == null ? 0 : projected, newestLine == null ? 0 : newestLine);
    }

    /** Per asset: the ledger summed over users and the fee account, and over every account. */
    private Map<String, BigDecimal[]> ledgerSums(long upToId) {
        Map<String, BigDecimal[]> sums = new HashMap<>();
        jdbc.query("""
                SELECT asset, SUM(CASE WHEN account_id <> ? THEN amount ELSE 0 END) AS held_by_us, SUM(amount) AS everyone
                FROM ledger_entries WHERE id <= ? GROUP BY asset""", row -> {
            sums.put(row.getString("asset"), new BigDecimal[] {row.getBigDecimal("held_by_us"), row.getBigDecimal("everyone")});
        }, TREASURY, upToId);
        return sums;
    }
}
