package org.bourse.wallet;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bourse.engine.LedgerType;
import org.bourse.exchange.CommandEvents;
import org.bourse.exchange.ExchangeEvent;
import org.bourse.exchange.MarketCatalog;
import org.bourse.exchange.Projection;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Writes every ledger line, the latest balance of each account and asset, and every completed transaction. */
@Component
final class WalletProjection implements Projection {

    private final MarketCatalog catalog;

    WalletProjection(MarketCatalog catalog) {
        this.catalog = catalog;
    }

    private record BalanceKey(long account, String asset) {
    }

    @Override
    public void project(List<CommandEvents> batch, JdbcTemplate jdbc) {
        List<Object[]> lines = new ArrayList<>();
        List<Object[]> transactions = new ArrayList<>();
        Map<BalanceKey, Object[]> balances = new LinkedHashMap<>();
        for (CommandEvents command : batch) {
            OffsetDateTime at = Instant.ofEpochMilli(command.timestamp()).atOffset(ZoneOffset.UTC);
            for (ExchangeEvent event : command.events()) {
                switch (event) {
                    case ExchangeEvent.LedgerPosted l -> lines.add(new Object[] {l.entryId(), l.accountId(), l.asset(),
                            decimal(l.asset(), l.amount()), decimal(l.asset(), l.balanceAfter()), l.type().name(),
                            zeroAsNull(l.orderId()), zeroAsNull(l.tradeId()), l.transactionId(), l.traceId(), at});
                    case ExchangeEvent.BalanceChanged b -> balances.put(new BalanceKey(b.accountId(), b.asset()),
                            new Object[] {decimal(b.asset(), b.available()), decimal(b.asset(), b.held()), at,
                                    command.sequence(), b.accountId(), b.asset(), command.sequence()});
                    case ExchangeEvent.TransactionCompleted t when t.transactionId() != null ->
                            transactions.add(transaction(t, at));
                    default -> {
                    }
                }
            }
        }
        if (!lines.isEmpty()) {
            jdbc.batchUpdate("""
                    INSERT INTO ledger_entries (id, account_id, asset, amount, balance_after, type, order_id, trade_id,
                                                transaction_id, trace_id, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", lines);
        }
        if (!transactions.isEmpty()) {
            jdbc.batchUpdate("""
                    INSERT INTO wallet_transactions (user_id, transaction_id, type, counterparty_id, asset, amount, memo,
                                                     created_at, trace_id)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""", transactions);
        }
        upsertBalances(jdbc, List.copyOf(balances.values()));
    }

    /**
     * The balance as of each row's command, unless a later command's is already there: the projector writes in
     * sequence order, except a quarantined command written after a fix (see exchange.Quarantine).
     */
    private void upsertBalances(JdbcTemplate jdbc, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return;
        }
        int[] updated = jdbc.batchUpdate("""
                UPDATE balances SET available = ?, held = ?, updated_at = ?, sequence = ?
                WHERE account_id = ? AND asset = ? AND sequence <= ?""", rows);
        List<Object[]> inserts = new ArrayList<>();
        for (int i = 0; i < updated.length; i++) {
            if (updated[i] == 0) {
                Object[] row = rows.get(i);
                inserts.add(new Object[] {row[0], row[1], row[2], row[3], row[4], row[5], row[4], row[5]});
            }
        }
        if (!inserts.isEmpty()) {
            jdbc.batchUpdate("""
                    INSERT INTO balances (available, held, updated_at, sequence, account_id, asset)
                    SELECT ?, ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM balances WHERE account_id = ? AND asset = ?)""",
                    inserts);
        }
    }

    /** Kept under the user who initiated it: the sender of a transfer, the owner of a deposit or withdrawal. */
    private Object[] transaction(ExchangeEvent.TransactionCompleted t, OffsetDateTime at) {
        boolean deposit = t.type() == LedgerType.DEPOSIT;
        long owner = deposit ? t.toAccount() : t.fromAccount();
        long counterparty = deposit ? t.fromAccount() : t.toAccount();
        String type = t.type() == LedgerType.TRANSFER_OUT ? "TRANSFER" : t.type().name();
        return new Object[] {owner, t.transactionId(), type, counterparty, t.asset(), decimal(t.asset(), t.amount()),
                t.memo(), at, t.traceId()};
    }

    private BigDecimal decimal(String asset, long minor) {
        return BigDecimal.valueOf(minor, catalog.assetScale(asset).orElseThrow());
    }

    private static Long zeroAsNull(long id) {
        return id == 0 ? null : id;
    }
}
