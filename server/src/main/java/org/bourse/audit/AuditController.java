package org.bourse.audit;

import java.math.BigDecimal;
import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /admin/reconciliation}: the last audit run (admins only, like all of /admin). */
@RestController
@RequestMapping("/api/v1/admin")
class AuditController {

    private final Reconciliation reconciliation;

    AuditController(Reconciliation reconciliation) {
        this.reconciliation = reconciliation;
    }

    record AssetResponse(String asset, String sumOfBalances, String held, String sumOfLedgerEntries,
                         String ledgerAllAccounts, String depositsMinusWithdrawals, String feeAccount,
                         String reservedByOrders, String heldForWithdrawals, boolean mismatch) {
    }

    record ChainReserveResponse(String asset, String network, String hotWallet, String hotWalletBalance,
                         String depositAddressesBalance, String onChain, String usersBalances, String pendingWithdrawals,
                         String feeAccount, String difference, String creditedDeposits, String confirmedWithdrawals,
                         String pendingWithdrawalsRecorded, String unavailable) {
    }

    record RunResponse(String ranAt, String sequence, String lastLedgerId, boolean healthy, int negativeBalances,
                       int crossedBooks, int holdMismatches, boolean readModelsAhead, List<AssetResponse> assets,
                       List<ChainReserveResponse> chain) {
    }

    @GetMapping("/reconciliation")
    RunResponse last() {
        return respond(reconciliation.last());
    }

    /** Runs an audit now (e.g. right after a load test) and answers it; it becomes the last run. */
    @PostMapping("/reconciliation")
    RunResponse runNow() {
        return respond(reconciliation.run());
    }

    private static RunResponse respond(Reconciliation.Run run) {
        return new RunResponse(run.ranAt().toString(), Long.toString(run.sequence()), Long.toString(run.lastLedgerId()),
                run.healthy(), run.negativeBalances(), run.crossedBooks(), run.holdMismatches(), run.readModelsAhead(),
                run.assets().stream().map(a -> new AssetResponse(a.asset(), text(a.balances()), text(a.held()),
                        text(a.ledger()), text(a.ledgerAllAccounts()), text(a.netDeposits()), text(a.feeAccount()),
                        text(a.reservedByOrders()), text(a.heldForWithdrawals()), !a.matches())).toList(),
                run.chain().stream().map(c -> new ChainReserveResponse(c.asset(), c.network(), c.hotWallet(),
                        text(c.hotWalletBalance()), text(c.depositAddressesBalance()), text(c.onChain()),
                        text(c.usersBalances()), text(c.pendingWithdrawals()), text(c.feeAccount()), text(c.difference()),
                        text(c.creditedDeposits()), text(c.confirmedWithdrawals()), text(c.pendingWithdrawalsRecorded()),
                        c.unavailable())).toList());
    }

    private static String text(BigDecimal value) {
        return value == null ? null : value.stripTrailingZeros().toPlainString();
    }
}
