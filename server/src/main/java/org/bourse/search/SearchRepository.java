package org.bourse.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The SQL of a search over {@code order_search}: one page by keyset, and the counts of the whole result. */
@Repository
class SearchRepository {

    /** A row of a page: the body as the API shows it, and its position for the next cursor. */
    record Hit(String body, SearchCursor.Position position) {
    }

    /** {@code total} and the facets, each counting every match, not the page. */
    record Counts(long total, Map<String, Long> status, Map<String, Long> symbol, Map<String, Long> type) {
    }

    private final JdbcTemplate jdbc;

    SearchRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** At most {@code limit + 1} rows from the cursor on: the one beyond the page says there is a next one. */
    List<Hit> page(SearchQuery query) {
        List<Object> args = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT id, body, ").append(query.sort().field().column)
                .append(" AS sort_value FROM order_search WHERE ").append(where(query, args));
        SearchSort sort = query.sort();
        String direction = sort.descending() ? " DESC" : " ASC";
        if (query.after() != null) {
            String column = sort.field().column;
            String comparison = sort.descending() ? " < ?" : " > ?";
            Object value = sort.field().isTime() ? query.after().timeValue() : query.after().decimalValue();
            sql.append(" AND (").append(column).append(comparison).append(" OR (").append(column)
                    .append(" = ? AND id").append(comparison).append("))");
            args.add(value);
            args.add(value);
            args.add(query.after().id());
        }
        sql.append(" ORDER BY ");
        if (query.userId() != null) {
            // fixed, but named so that H2 walks the (user_id, column, id) index and stops after the page
            sql.append("user_id").append(direction).append(", ");
        }
        sql.append(sort.field().column).append(direction).append(", id").append(direction).append(" LIMIT ?");
        args.add(query.limit() + 1);
        String parameter = sort.parameter();
        return jdbc.query(sql.toString(), (r, i) -> new Hit(r.getString("body"), new SearchCursor.Position(parameter,
                sort.field().isTime() ? Long.toString(r.getLong("sort_value"))
                        : r.getBigDecimal("sort_value").stripTrailingZeros().toPlainString(), r.getLong("id"))),
                args.toArray());
    }

    Counts counts(SearchQuery query) {
        List<Object> args = new ArrayList<>();
        String sql = "SELECT status, symbol, side, COUNT(*) AS n FROM order_search WHERE " + where(query, args)
                + " GROUP BY status, symbol, side";
        Map<String, Long> status = new TreeMap<>();
        Map<String, Long> symbol = new TreeMap<>();
        Map<String, Long> type = new TreeMap<>();
        long[] total = {0};
        jdbc.query(sql, r -> {
            long n = r.getLong("n");
            total[0] += n;
            status.merge(r.getString("status"), n, Long::sum);
            symbol.merge(r.getString("symbol"), n, Long::sum);
            type.merge(r.getString("side"), n, Long::sum);
        }, args.toArray());
        return new Counts(total[0], status, symbol, type);
    }

    private static String where(SearchQuery q, List<Object> args) {
        List<String> conditions = new ArrayList<>();
        if (q.userId() != null) {
            conditions.add("user_id = ?");
            args.add(q.userId());
        }
        if (!q.statuses().isEmpty()) {
            conditions.add("status IN (" + String.join(", ", q.statuses().stream().map(s -> "?").toList()) + ")");
            args.addAll(q.statuses());
        }
        equal(conditions, args, "side", q.type());
        equal(conditions, args, "order_kind", q.orderKind());
        equal(conditions, args, "symbol", q.symbol());
        bound(conditions, args, "price >= ?", q.minPrice());
        if (q.maxPrice() != null) {
            conditions.add("price >= 0"); // orders without a price are stored at -1: below every maximum, yet no match
        }
        bound(conditions, args, "price <= ?", q.maxPrice());
        bound(conditions, args, "quantity >= ?", q.minQuantity());
        bound(conditions, args, "quantity <= ?", q.maxQuantity());
        bound(conditions, args, "total_amount >= ?", q.minTotal());
        bound(conditions, args, "total_amount <= ?", q.maxTotal());
        bound(conditions, args, "created_at >= ?", q.from() == null ? null : q.from().toEpochMilli());
        bound(conditions, args, "created_at < ?", q.to() == null ? null : q.to().toEpochMilli());
        if (q.executedTo() != null && q.executedFrom() == null) {
            conditions.add("executed_at >= 0"); // not executed yet is stored as -1
        }
        bound(conditions, args, "executed_at >= ?", q.executedFrom() == null ? null : q.executedFrom().toEpochMilli());
        bound(conditions, args, "executed_at < ?", q.executedTo() == null ? null : q.executedTo().toEpochMilli());
        if (q.q() != null) {
            String prefix = likePrefix(q.q());
            conditions.add("(client_order_id LIKE ? ESCAPE '\\' OR trace_id LIKE ? ESCAPE '\\' OR id_text LIKE ? ESCAPE '\\')");
            args.add(prefix);
            args.add(prefix);
            args.add(prefix);
        }
        return conditions.isEmpty() ? "1 = 1" : String.join(" AND ", conditions);
    }

    private static void equal(List<String> conditions, List<Object> args, String column, String value) {
        bound(conditions, args, column + " = ?", value);
    }

    private static void bound(List<String> conditions, List<Object> args, String condition, Object value) {
        if (value != null) {
            conditions.add(condition);
            args.add(value);
        }
    }

    /** {@code q} matched literally at the start: LIKE's wildcards and the escape itself are escaped. */
    static String likePrefix(String q) {
        return q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}
