package org.bourse.wallet;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Reads of the wallet's read models, always scoped to one account. */
@Repository
class WalletRepository {

    record LedgerLine(long id, String asset, BigDecimal amount, BigDecimal balanceAfter, String type, Long orderId,
                      Long tradeId, String transactionId, String traceId, Instant createdAt) {
    }

    record Transaction(long userId, String transactionId, String type, long counterpartyId, String asset,
                       BigDecimal amount, String memo, Instant createdAt, String traceId) {
    }

    record LedgerFilter(String asset, String type, Instant from, Instant to, Long before, int limit) {
    }

    private final JdbcTemplate jdbc;

    WalletRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    List<LedgerLine> ledger(long accountId, LedgerFilter filter) {
        StringBuilder sql = new StringBuilder("""
                SELECT id, asset, amount, balance_after, type, order_id, trade_id, transaction_id, trace_id, created_at
                FROM ledger_entries WHERE account_id = ?""");
        List<Object> args = new ArrayList<>(List.of(accountId));
        if (filter.asset() != null) {
            sql.append(" AND asset = ?");
            args.add(filter.asset());
        }
        if (filter.type() != null) {
            sql.append(" AND type = ?");
            args.add(filter.type());
        }
        if (filter.from() != null) {
            sql.append(" AND created_at >= ?");
            args.add(filter.from().atOffset(ZoneOffset.UTC));
        }
        if (filter.to() != null) {
            sql.append(" AND created_at < ?");
            args.add(filter.to().atOffset(ZoneOffset.UTC));
        }
        if (filter.before() != null) {
            sql.append(" AND id < ?");
            args.add(filter.before());
        }
        // account_id too, though fixed: only then does H2 walk ix_ledger_account backwards and stop after the
        // page, instead of reading every line of the account and sorting them (PostgreSQL does either way)
        sql.append(" ORDER BY account_id DESC, id DESC LIMIT ?");
        args.add(filter.limit());
        return jdbc.query(sql.toString(), (r, n) -> new LedgerLine(r.getLong("id"), r.getString("asset"),
                r.getBigDecimal("amount"), r.getBigDecimal("balance_after"), r.getString("type"),
                (Long) r.getObject("order_id", Long.class), (Long) r.getObject("trade_id", Long.class),
                r.getString("transaction_id"), r.getString("trace_id"), instant(r, "created_at")), args.toArray());
    }

    Optional<Transaction> transaction(long userId, String transactionId) {
        return jdbc.query("""
                SELECT user_id, transaction_id, type, counterparty_id, asset, amount, memo, created_at, trace_id
                FROM wallet_transactions WHERE user_id = ? AND transaction_id = ?""",
                (r, n) -> new Transaction(r.getLong("user_id"), r.getString("transaction_id"), r.getString("type"),
                        r.getLong("counterparty_id"), r.getString("asset"), r.getBigDecimal("amount"),
                        r.getString("memo"), instant(r, "created_at"), r.getString("trace_id")),
                userId, transactionId).stream().findFirst();
    }

    /**
     * What deposits credited the user in {@code asset} after {@code since}, leaving out one transaction id (the
     * opening balance's): the faucet's allowance is measured against it.
     */
    BigDecimal depositedSince(long userId, String asset, Instant since, String excludedTransactionId) {
        BigDecimal sum = jdbc.queryForObject("""
                SELECT SUM(amount) FROM wallet_transactions
                WHERE user_id = ? AND type = 'DEPOSIT' AND asset = ? AND created_at > ? AND transaction_id <> ?""",
                BigDecimal.class, userId, asset, since.atOffset(ZoneOffset.UTC), excludedTransactionId);
        return sum == null ? BigDecimal.ZERO : sum;
    }

    private static Instant instant(ResultSet r, String column) throws SQLException {
        OffsetDateTime value = r.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
