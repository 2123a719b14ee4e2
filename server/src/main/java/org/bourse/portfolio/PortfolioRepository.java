package org.bourse.portfolio;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The SQL of the portfolio's tables. Books are read and written whole per user, lots incrementally. */
@Repository
class PortfolioRepository {

    private static final int IN_CHUNK = 500;

    private final JdbcTemplate jdbc;

    PortfolioRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Optional<PortfolioBook> book(long userId, String bookCurrency) {
        return Optional.ofNullable(load(jdbc, List.of(userId), bookCurrency).get(userId));
    }

    /** The books of these users, with their holdings and lots; users without one are absent. */
    static Map<Long, PortfolioBook> load(JdbcTemplate jdbc, Collection<Long> userIds, String bookCurrency) {
        Map<Long, PortfolioBook> books = new HashMap<>();
        List<Long> ids = new ArrayList<>(userIds);
        for (int from = 0; from < ids.size(); from += IN_CHUNK) {
            List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + IN_CHUNK));
            String in = String.join(",", java.util.Collections.nCopies(chunk.size(), "?"));
            Object[] args = chunk.toArray();
            jdbc.query("SELECT * FROM portfolio_accounts WHERE user_id IN (" + in + ")", rs -> {
                long id = rs.getLong("user_id");
                books.put(id, new PortfolioBook(id, bookCurrency, rs.getBigDecimal("cash"), rs.getBigDecimal("net_invested"),
                        rs.getBigDecimal("realized_pnl"), rs.getBigDecimal("fees_paid"), rs.getLong("transactions_count"),
                        rs.getLong("last_sequence"), rs.getLong("last_order_id"), rs.getLong("updated_at"),
                        rs.getBoolean("needs_recalculation")));
            }, args);
            Map<String, List<Lot>> lots = new LinkedHashMap<>();
            jdbc.query("SELECT * FROM portfolio_lots WHERE user_id IN (" + in + ") ORDER BY user_id, asset, lot", rs -> {
                long orderId = rs.getLong("order_id");
                Long order = rs.wasNull() ? null : orderId;
                lots.computeIfAbsent(rs.getLong("user_id") + "/" + rs.getString("asset"), k -> new ArrayList<>())
                        .add(new Lot(rs.getLong("lot"), rs.getBigDecimal("quantity"), rs.getBigDecimal("cost"),
                                rs.getLong("acquired_at"), order));
            }, args);
            jdbc.query("SELECT * FROM portfolio_holdings WHERE user_id IN (" + in + ")", rs -> {
                PortfolioBook book = books.get(rs.getLong("user_id"));
                String asset = rs.getString("asset");
                if (book != null) {
                    book.holdings.put(asset, new Holding(asset,
                            lots.getOrDefault(book.userId + "/" + asset, List.of()), rs.getBigDecimal("average_buy_price"),
                            rs.getBigDecimal("realized_pnl"), rs.getBigDecimal("fees_paid"),
                            rs.getLong("transactions_count"), rs.getLong("next_lot")));
                }
            }, args);
        }
        return books;
    }

    /** Writes what changed in these books: accounts, closed and changed holdings, consumed and new lots. */
    static void save(JdbcTemplate jdbc, Collection<PortfolioBook> books) {
        List<Object[]> accountInserts = new ArrayList<>();
        List<Object[]> accountUpdates = new ArrayList<>();
        List<Object[]> closedHoldings = new ArrayList<>();
        List<Object[]> holdingInserts = new ArrayList<>();
        List<Object[]> holdingUpdates = new ArrayList<>();
        List<Object[]> lotDeletes = new ArrayList<>();
        List<Object[]> lotUpdates = new ArrayList<>();
        List<Object[]> lotInserts = new ArrayList<>();
        for (PortfolioBook b : books) {
            Object[] account = {Money.stored(b.cash), Money.stored(b.netInvested), Money.stored(b.realizedPnl),
                    Money.stored(b.feesPaid), b.transactions, b.lastSequence, b.lastOrderId, b.updatedAt,
                    b.needsRecalculation, b.userId};
            (b.isNew ? accountInserts : accountUpdates).add(account);
            b.isNew = false;
            for (String asset : b.closed) {
                closedHoldings.add(new Object[] {b.userId, asset});
            }
            b.closed.clear();
            for (Holding h : b.holdings.values()) {
                if (!h.changed && !h.fresh) {
                    continue;
                }
                Object[] holding = {Money.stored(h.averageBuyPrice), Money.stored(h.realizedPnl), Money.stored(h.feesPaid),
                        h.transactions, h.nextLot(), b.userId, h.asset};
                (h.fresh ? holdingInserts : holdingUpdates).add(holding);
                for (long seq : h.removedLots) {
                    if (!h.fresh) {
                        lotDeletes.add(new Object[] {b.userId, h.asset, seq});
                    }
                }
                for (Lot lot : h.writtenLots) {
                    if (h.fresh || lot.seq() >= h.firstUnsavedLot) {
                        lotInserts.add(new Object[] {lot.quantity(), lot.cost(), b.userId, h.asset, lot.seq(),
                                lot.acquiredAt(), lot.orderId()});
                    } else {
                        lotUpdates.add(new Object[] {lot.quantity(), lot.cost(), b.userId, h.asset, lot.seq()});
                    }
                }
                h.clearChanges();
                h.fresh = false;
            }
        }
        batch(jdbc, "DELETE FROM portfolio_lots WHERE user_id = ? AND asset = ?", closedHoldings);
        batch(jdbc, "DELETE FROM portfolio_holdings WHERE user_id = ? AND asset = ?", closedHoldings);
        batch(jdbc, """
                INSERT INTO portfolio_accounts (cash, net_invested, realized_pnl, fees_paid, transactions_count,
                    last_sequence, last_order_id, updated_at, needs_recalculation, user_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", accountInserts);
        batch(jdbc, """
                UPDATE portfolio_accounts SET cash = ?, net_invested = ?, realized_pnl = ?, fees_paid = ?,
                    transactions_count = ?, last_sequence = ?, last_order_id = ?, updated_at = ?, needs_recalculation = ?
                WHERE user_id = ?""", accountUpdates);
        batch(jdbc, """
                INSERT INTO portfolio_holdings (average_buy_price, realized_pnl, fees_paid, transactions_count, next_lot,
                    user_id, asset) VALUES (?, ?, ?, ?, ?, ?, ?)""", holdingInserts);
        batch(jdbc, """
                UPDATE portfolio_holdings SET average_buy_price = ?, realized_pnl = ?, fees_paid = ?,
                    transactions_count = ?, next_lot = ? WHERE user_id = ? AND asset = ?""", holdingUpdates);
        batch(jdbc, "DELETE FROM portfolio_lots WHERE user_id = ? AND asset = ? AND lot = ?", lotDeletes);
        batch(jdbc, """
                UPDATE portfolio_lots SET quantity = ?, cost = ? WHERE user_id = ? AND asset = ? AND lot = ?""",
                lotUpdates);
        batch(jdbc, """
                INSERT INTO portfolio_lots (quantity, cost, user_id, asset, lot, acquired_at, order_id)
                VALUES (?, ?, ?, ?, ?, ?, ?)""", lotInserts);
    }

    private static void batch(JdbcTemplate jdbc, String sql, List<Object[]> rows) {
        if (!rows.isEmpty()) {
            jdbc.batchUpdate(sql, rows);
        }
    }

    static Map<String, BigDecimal> rates(JdbcTemplate jdbc) {
        Map<String, BigDecimal> rates = new HashMap<>();
        jdbc.query("SELECT symbol, price FROM portfolio_rates", rs -> {
            rates.put(rs.getString("symbol"), rs.getBigDecimal("price"));
        });
        return rates;
    }

    static void saveRates(JdbcTemplate jdbc, Map<String, BigDecimal> changed) {
        List<Object[]> rows = new ArrayList<>();
        changed.forEach((symbol, price) -> rows.add(new Object[] {Money.stored(price), symbol}));
        int[] updated = jdbc.batchUpdate("UPDATE portfolio_rates SET price = ? WHERE symbol = ?", rows);
        List<Object[]> inserts = new ArrayList<>();
        for (int i = 0; i < updated.length; i++) {
            if (updated[i] == 0) {
                inserts.add(rows.get(i));
            }
        }
        batch(jdbc, "INSERT INTO portfolio_rates (price, symbol) VALUES (?, ?)", inserts);
    }

    /** Every user with a portfolio, ascending. */
    List<Long> users() {
        return jdbc.queryForList("SELECT user_id FROM portfolio_accounts ORDER BY user_id", Long.class);
    }

    Map<String, String> categories() {
        Map<String, String> categories = new HashMap<>();
        jdbc.query("SELECT asset, category FROM portfolio_asset_categories", rs -> {
            categories.put(rs.getString("asset"), rs.getString("category"));
        });
        return categories;
    }

    void category(String asset, String category) {
        if (jdbc.update("UPDATE portfolio_asset_categories SET category = ? WHERE asset = ?", category, asset) == 0) {
            jdbc.update("INSERT INTO portfolio_asset_categories (asset, category) VALUES (?, ?)", asset, category);
        }
    }

    JdbcTemplate jdbc() {
        return jdbc;
    }
}
