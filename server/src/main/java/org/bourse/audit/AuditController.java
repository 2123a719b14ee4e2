package org.bourse.audit;

import java.math.BigDecimal;
import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
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
                         String reservedByOrders, boolean mismatch) {
    }

    record RunResponse(String ranAt, String sequence, String lastLedgerId, boolean healthy, int negativeBalances,
                       int crossedBooks, int holdMismatches, List<AssetResponse> assets) {
    }

    @GetMapping("/reconciliation")
    RunResponse last() {
        Reconciliation.Run run = reconciliation.last();
        return new RunResponse(run.ranAt().toString(), Long.toString(run.sequence()), Long.toString(run.lastLedgerId()),
                run.healthy(), run.negativeBalances(), run.crossedBooks(), run.holdMismatches(),
                run.assets().stream().map(a -> new AssetResponse(a.asset(), text(a.balances()), text(a.held()),
                        text(a.ledger()), text(a.ledgerAllAccounts()), text(a.netDeposits()), text(a.feeAccount()),
                        text(a.reservedByOrders()), !a.matches())).toList());
    }

    private static String text(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }
}
