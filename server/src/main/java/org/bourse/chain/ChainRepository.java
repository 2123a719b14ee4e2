package org.bourse.chain;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The SQL of deposit addresses, the watcher's position and the deposits it found. */
@Repository
class ChainRepository {

    /** A transfer to a deposit address; {@code amount} is what is credited, in whole units of the asset. */
    record ChainDeposit(long id, String txHash, int transferIndex, long userId, String address, String asset,
                        BigDecimal amount, long blockNumber, String blockHash, boolean credited, Instant createdAt,
                        Instant creditedAt) {

        /** The engine's transaction id of the credit: the deposit's identity on the chain. */
        String transactionId() {
            return txHash + "/" + transferIndex;
        }
    }

    record Cursor(long lastBlock, long head) {
    }

    private final JdbcTemplate jdbc;

    ChainRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    // ---- deposit addresses ----

    Optional<String> depositAddress(String network, long userId) {
        return jdbc.queryForList("SELECT address FROM deposit_addresses WHERE network = ? AND user_id = ?", String.class,
                network, userId).stream().findFirst();
    }

    /** Records the address; another request that recorded it first is as good. */
    void saveDepositAddress(String network, long userId, long index, String address, Instant now) {
        try {
            jdbc.update("INSERT INTO deposit_addresses (network, user_id, derivation_index, address, created_at) "
                    + "VALUES (?, ?, ?, ?, ?)", network, userId, index, address, at(now));
        } catch (DuplicateKeyException alreadyThere) {
            // the same user asked twice at once: the address is derived, so it is the same one
        }
    }

    /** Lower-case address → user id. */
    Map<String, Long> depositAddresses(String network) {
        Map<String, Long> byAddress = new HashMap<>();
        jdbc.query("SELECT address, user_id FROM deposit_addresses WHERE network = ?",
                row -> {
                    byAddress.put(row.getString("address"), row.getLong("user_id"));
                }, network);
        return byAddress;
    }

    // ---- the watcher's position and the blocks it read ----

    Optional<Cursor> cursor(String network) {
        return jdbc.query("SELECT last_block, head FROM chain_cursor WHERE network = ?",
                (r, n) -> new Cursor(r.getLong("last_block"), r.getLong("head")), network).stream().findFirst();
    }

    void saveCursor(String network, long lastBlock, long head) {
        if (jdbc.update("UPDATE chain_cursor SET last_block = ?, head = ? WHERE network = ?", lastBlock, head, network) == 0) {
            jdbc.update("INSERT INTO chain_cursor (network, last_block, head) VALUES (?, ?, ?)", network, lastBlock, head);
        }
    }

    Optional<String> blockHash(String network, long number) {
        return jdbc.queryForList("SELECT hash FROM chain_blocks WHERE network = ? AND number = ?", String.class,
                network, number).stream().findFirst();
    }

    void saveBlock(String network, long number, String hash) {
        jdbc.update("DELETE FROM chain_blocks WHERE network = ? AND number = ?", network, number);
        jdbc.update("INSERT INTO chain_blocks (network, number, hash) VALUES (?, ?, ?)", network, number, hash);
    }

    void forgetBlock(String network, long number) {
        jdbc.update("DELETE FROM chain_blocks WHERE network = ? AND number = ?", network, number);
    }

    void forgetBlocksBelow(String network, long number) {
        jdbc.update("DELETE FROM chain_blocks WHERE network = ? AND number < ?", network, number);
    }

    // ---- deposits ----

    /** @return false when this transfer was recorded before */
    boolean saveDeposit(String network, String txHash, int index, long userId, String address, String asset,
                        BigDecimal amount, BigInteger wei, long blockNumber, String blockHash, Instant now) {
        try {
            jdbc.update("""
                    INSERT INTO chain_deposits (network, tx_hash, transfer_index, user_id, address, asset, amount, amount_wei,
                                                block_number, block_hash, status, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'seen', ?)""", network, txHash, index, userId, address, asset,
                    amount, new BigDecimal(wei), blockNumber, blockHash, at(now));
            return true;
        } catch (DuplicateKeyException seenBefore) {
            return false;
        }
    }

    /** Deposits of a block that left the chain before they were credited: as if never seen. @return how many */
    int unseeBlock(String network, long blockNumber) {
        return jdbc.update("DELETE FROM chain_deposits WHERE network = ? AND block_number = ? AND status = 'seen'",
                network, blockNumber);
    }

    List<ChainDeposit> creditedInBlock(String network, long blockNumber) {
        return jdbc.query("SELECT * FROM chain_deposits WHERE network = ? AND block_number = ? AND status = 'credited'",
                this::deposit, network, blockNumber);
    }

    List<ChainDeposit> uncredited(String network) {
        return jdbc.query("SELECT * FROM chain_deposits WHERE network = ? AND status = 'seen' ORDER BY block_number, id",
                this::deposit, network);
    }

    void markCredited(long id, Instant now) {
        jdbc.update("UPDATE chain_deposits SET status = 'credited', credited_at = ? WHERE id = ?", at(now), id);
    }

    List<ChainDeposit> deposits(long userId, String asset, Long before, int limit) {
        StringBuilder sql = new StringBuilder("SELECT * FROM chain_deposits WHERE user_id = ?");
        List<Object> args = new ArrayList<>(List.of(userId));
        if (asset != null) {
            sql.append(" AND asset = ?");
            args.add(asset);
        }
        if (before != null) {
            sql.append(" AND id < ?");
            args.add(before);
        }
        sql.append(" ORDER BY user_id DESC, id DESC LIMIT ?");
        args.add(limit);
        return jdbc.query(sql.toString(), this::deposit, args.toArray());
    }

    /** Credited deposits of a network, in whole units of the asset. */
    BigDecimal creditedTotal(String network, String asset) {
        BigDecimal sum = jdbc.queryForObject("SELECT SUM(amount) FROM chain_deposits WHERE network = ? AND asset = ? "
                + "AND status = 'credited'", BigDecimal.class, network, asset);
        return sum == null ? BigDecimal.ZERO : sum;
    }

    /** The addresses that ever received a deposit: where deposited funds sit until someone sweeps them. */
    List<String> addressesWithDeposits(String network) {
        return jdbc.queryForList("SELECT DISTINCT address FROM chain_deposits WHERE network = ?", String.class, network);
    }

    private ChainDeposit deposit(ResultSet r, int row) throws SQLException {
        return new ChainDeposit(r.getLong("id"), r.getString("tx_hash"), r.getInt("transfer_index"), r.getLong("user_id"),
                r.getString("address"), r.getString("asset"), r.getBigDecimal("amount"), r.getLong("block_number"),
                r.getString("block_hash"), "credited".equals(r.getString("status")), instant(r, "created_at"),
                instant(r, "credited_at"));
    }

    static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(ResultSet r, String column) throws SQLException {
        OffsetDateTime value = r.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
