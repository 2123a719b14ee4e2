package org.bourse.chain;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The SQL of withdrawals. Every change of status is one conditional update ({@code WHERE status IN (...)}): the
 * row is claimed by whoever changes it first, so an administrator's rejection and the sender's signature can
 * never both happen to one withdrawal.
 */
@Repository
class WithdrawalRepository {

    /** One withdrawal; amounts in whole units of the asset. */
    record Withdrawal(long id, long userId, String transactionId, String asset, BigDecimal amount, BigDecimal fee,
                      String address, String network, String status, String holdState, String reason, String reference,
                      Long nonce, String signedTx, String txHash, Long blockNumber, String traceId, Instant createdAt,
                      Instant updatedAt) {
    }

    private final JdbcTemplate jdbc;

    WithdrawalRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** @return the new row's id, or empty when the user already has one under that transaction id */
    Optional<Long> insertHolding(long userId, String transactionId, String asset, BigDecimal amount, BigDecimal fee,
                                 String address, String network, String traceId, Instant now) {
        try {
            jdbc.update("""
                    INSERT INTO withdrawals (user_id, transaction_id, asset, amount, fee, address, network, status,
                                             hold_state, trace_id, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, 'holding', 'none', ?, ?, ?)""", userId, transactionId, asset, amount, fee,
                    address, network, traceId, ChainRepository.at(now), ChainRepository.at(now));
        } catch (DuplicateKeyException exists) {
            return Optional.empty();
        }
        return find(userId, transactionId).map(Withdrawal::id);
    }

    Optional<Withdrawal> find(long userId, String transactionId) {
        return jdbc.query("SELECT * FROM withdrawals WHERE user_id = ? AND transaction_id = ?", this::row, userId,
                transactionId).stream().findFirst();
    }

    Optional<Withdrawal> find(long id) {
        return jdbc.query("SELECT * FROM withdrawals WHERE id = ?", this::row, id).stream().findFirst();
    }

    void delete(long id) {
        jdbc.update("DELETE FROM withdrawals WHERE id = ? AND status = 'holding'", id);
    }

    /** Moves the row from one of {@code from} to {@code to}. @return whether this call did it */
    boolean transition(long id, String to, Instant now, String... from) {
        return jdbc.update("UPDATE withdrawals SET status = ?, updated_at = ? WHERE id = ? AND status IN ("
                + placeholders(from.length) + ")", args(to, ChainRepository.at(now), id, from)) == 1;
    }

    boolean reject(long id, String reason, Instant now, String... from) {
        return jdbc.update("UPDATE withdrawals SET status = 'rejected', reason = ?, updated_at = ? WHERE id = ? "
                + "AND status IN (" + placeholders(from.length) + ")", args(reason, ChainRepository.at(now), id, from)) == 1;
    }

    boolean markPaid(long id, String reference, Instant now) {
        return jdbc.update("UPDATE withdrawals SET status = 'confirmed', reference = ?, updated_at = ? WHERE id = ? "
                + "AND network IS NULL AND status IN ('requested', 'approved')", reference, ChainRepository.at(now), id) == 1;
    }

    void holdState(long id, String holdState) {
        jdbc.update("UPDATE withdrawals SET hold_state = ? WHERE id = ?", holdState, id);
    }

    /** Keeps the signed transaction and the nonce it takes. @return false when the row was not approved any more */
    boolean markSigned(long id, long nonce, String signedTx, String txHash, Instant now) {
        return jdbc.update("UPDATE withdrawals SET status = 'signed', nonce = ?, signed_tx = ?, tx_hash = ?, updated_at = ? "
                + "WHERE id = ? AND status = 'approved'", nonce, signedTx, txHash, ChainRepository.at(now), id) == 1;
    }

    void blockNumber(long id, long blockNumber) {
        jdbc.update("UPDATE withdrawals SET block_number = ? WHERE id = ?", blockNumber, id);
    }

    boolean fail(long id, String reason, Instant now) {
        return jdbc.update("UPDATE withdrawals SET status = 'failed', reason = ?, updated_at = ? WHERE id = ? "
                + "AND status = 'broadcast'", reason, ChainRepository.at(now), id) == 1;
    }

    /** Approves the chain's requested withdrawals below the threshold. @return how many */
    int autoApprove(String network, BigDecimal below, Instant now) {
        return jdbc.update("UPDATE withdrawals SET status = 'approved', updated_at = ? WHERE network = ? "
                + "AND status = 'requested' AND amount < ?", ChainRepository.at(now), network, below);
    }

    /** The highest nonce any signed withdrawal took, or -1. */
    long highestNonce(String network) {
        Long highest = jdbc.queryForObject("SELECT MAX(nonce) FROM withdrawals WHERE network = ?", Long.class, network);
        return highest == null ? -1 : highest;
    }

    List<Withdrawal> withStatus(String network, String status) {
        return jdbc.query("SELECT * FROM withdrawals WHERE network = ? AND status = ? ORDER BY id", this::row, network,
                status);
    }

    /** Ended withdrawals whose hold the engine still has: the settle or release a crash interrupted. */
    List<Withdrawal> endedButHeld() {
        return jdbc.query("SELECT * FROM withdrawals WHERE hold_state = 'held' AND status IN ('confirmed', 'rejected', "
                + "'failed') ORDER BY id", this::row);
    }

    List<Withdrawal> holdingSince(Instant before) {
        return jdbc.query("SELECT * FROM withdrawals WHERE status = 'holding' AND created_at < ? ORDER BY id", this::row,
                ChainRepository.at(before));
    }

    List<Withdrawal> page(Long userId, String status, Long before, int limit) {
        StringBuilder sql = new StringBuilder("SELECT * FROM withdrawals WHERE status <> 'holding'");
        List<Object> args = new ArrayList<>();
        if (userId != null) {
            sql.append(" AND user_id = ?");
            args.add(userId);
        }
        if (status != null) {
            sql.append(" AND status IN (").append(placeholders(API_TO_STORED.get(status).size())).append(")");
            args.addAll(API_TO_STORED.get(status));
        }
        if (before != null) {
            sql.append(" AND id < ?");
            args.add(before);
        }
        sql.append(" ORDER BY id DESC LIMIT ?");
        args.add(limit);
        return jdbc.query(sql.toString(), this::row, args.toArray());
    }

    /**
     * Sums over a network's withdrawals of an asset, as the engine has them: paid out (amounts settled), and held
     * (amounts and fees).
     */
    BigDecimal[] totals(String network, String asset) {
        return jdbc.queryForObject("""
                SELECT SUM(CASE WHEN hold_state = 'settled' THEN amount ELSE 0 END) AS paid,
                       SUM(CASE WHEN hold_state = 'held' THEN amount + fee ELSE 0 END) AS held
                FROM withdrawals WHERE network = ? AND asset = ?""", (r, n) -> new BigDecimal[] {
                nonNull(r.getBigDecimal("paid")), nonNull(r.getBigDecimal("held"))}, network, asset);
    }

    /** The API's statuses and the stored ones each stands for (a signed transaction is not broadcast yet). */
    static final java.util.Map<String, List<String>> API_TO_STORED = java.util.Map.of(
            "requested", List.of("requested"),
            "approved", List.of("approved", "signed"),
            "broadcast", List.of("broadcast"),
            "confirmed", List.of("confirmed"),
            "rejected", List.of("rejected"),
            "failed", List.of("failed"));

    static String apiStatus(String stored) {
        return switch (stored) {
            case "holding" -> "requested";
            case "signed" -> "approved";
            default -> stored;
        };
    }

    private Withdrawal row(ResultSet r, int n) throws SQLException {
        return new Withdrawal(r.getLong("id"), r.getLong("user_id"), r.getString("transaction_id"), r.getString("asset"),
                r.getBigDecimal("amount"), r.getBigDecimal("fee"), r.getString("address"), r.getString("network"),
                r.getString("status"), r.getString("hold_state"), r.getString("reason"), r.getString("reference"),
                (Long) r.getObject("nonce", Long.class), r.getString("signed_tx"), r.getString("tx_hash"),
                (Long) r.getObject("block_number", Long.class), r.getString("trace_id"),
                ChainRepository.instant(r, "created_at"), ChainRepository.instant(r, "updated_at"));
    }

    private static BigDecimal nonNull(BigDecimal value) {
        return value == null ? BigDecimal.ZERO : value;
    }

    private static String placeholders(int count) {
        return String.join(", ", java.util.Collections.nCopies(count, "?"));
    }

    private static Object[] args(Object a, Object b, Object c, String[] rest) {
        Object[] all = new Object[3 + rest.length];
        all[0] = a;
        all[1] = b;
        all[2] = c;
        System.arraycopy(rest, 0, all, 3, rest.length);
        return all;
    }
}
