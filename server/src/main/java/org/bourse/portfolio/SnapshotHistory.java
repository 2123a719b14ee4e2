package org.bourse.portfolio;

import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/** Reads a user's snapshots, oldest first. */
@Repository
class SnapshotHistory {

    private static final RowMapper<Snapshot> ROW = (rs, n) -> new Snapshot(rs.getLong("taken_at"),
            rs.getBigDecimal("total_value"), rs.getBigDecimal("total_invested"), rs.getBigDecimal("benchmark_price"));

    private final JdbcTemplate jdbc;

    SnapshotHistory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    List<Snapshot> all(long userId, long since) {
        return jdbc.query("""
                SELECT taken_at, total_value, total_invested, benchmark_price FROM portfolio_snapshots
                WHERE user_id = ? AND taken_at >= ? ORDER BY taken_at""", ROW, userId, since);
    }

    /** Snapshots in [from, to] whose time is a multiple of {@code step} ms, after {@code after}, at most {@code limit}. */
    List<Snapshot> page(long userId, long from, long to, long step, long after, int limit) {
        return jdbc.query("""
                SELECT taken_at, total_value, total_invested, benchmark_price FROM portfolio_snapshots
                WHERE user_id = ? AND taken_at >= ? AND taken_at <= ? AND taken_at > ? AND MOD(taken_at, ?) = 0
                ORDER BY taken_at FETCH FIRST ? ROWS ONLY""", ROW, userId, from, to, after, step, limit);
    }

    void insert(long userId, Snapshot s) {
        jdbc.update("""
                INSERT INTO portfolio_snapshots (user_id, taken_at, total_value, total_invested, profit_loss, benchmark_price)
                VALUES (?, ?, ?, ?, ?, ?)""", userId, s.at(), s.value(), s.invested(), s.profitLoss(), s.benchmark());
    }

}
