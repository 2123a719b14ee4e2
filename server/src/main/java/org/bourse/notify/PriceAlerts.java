package org.bourse.notify;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code price_alerts} table. An alert is {@code ACTIVE} until a trade meets its condition; the projection
 * then marks it {@code TRIGGERED} (once: the update is guarded by the status) and notifies its owner.
 */
@Repository
class PriceAlerts {

    static final int MAX_ACTIVE = 50;

    enum Condition {
        PRICE_ABOVE, PRICE_BELOW, CHANGE_PERCENT_24H;

        String apiName() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Optional<Condition> parse(String text) {
            for (Condition c : values()) {
                if (c.apiName().equals(text)) {
                    return Optional.of(c);
                }
            }
            return Optional.empty();
        }

        /**
         * @param low    the lowest price traded
         * @param high   the highest price traded
         * @param open24 the price 24 hours ago (null when unknown)
         */
        boolean metBy(BigDecimal threshold, BigDecimal low, BigDecimal high, BigDecimal open24) {
            return switch (this) {
                case PRICE_ABOVE -> high.compareTo(threshold) >= 0;
                case PRICE_BELOW -> low.compareTo(threshold) <= 0;
                case CHANGE_PERCENT_24H -> {
                    if (open24 == null || open24.signum() == 0) {
                        yield false;
                    }
                    // a positive threshold waits for a rise of at least that much, a negative one for a fall
                    BigDecimal price = threshold.signum() > 0 ? high : low;
                    BigDecimal change = price.subtract(open24).multiply(BigDecimal.valueOf(100))
                            .divide(open24, 8, RoundingMode.HALF_EVEN);
                    yield threshold.signum() > 0 ? change.compareTo(threshold) >= 0 : change.compareTo(threshold) <= 0;
                }
            };
        }
    }

    record Alert(long id, long userId, String symbol, Condition condition, BigDecimal threshold, String status,
                 Instant createdAt, Instant triggeredAt) {
    }

    private static final String COLUMNS = "id, user_id, symbol, condition, threshold, status, created_at, triggered_at";

    private final JdbcClient jdbc;

    PriceAlerts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @return the new alert, or empty when the user has {@link #MAX_ACTIVE} active ones already */
    Optional<Alert> add(long userId, String symbol, Condition condition, BigDecimal threshold, Instant now) {
        // the user's row lock is not available here; a count then insert may overshoot by a racing request,
        // which the next check corrects (the limit is a guard against abuse, not money)
        long active = jdbc.sql("SELECT COUNT(*) FROM price_alerts WHERE user_id = :user AND status = 'ACTIVE'")
                .param("user", userId).query(Long.class).single();
        if (active >= MAX_ACTIVE) {
            return Optional.empty();
        }
        var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO price_alerts (user_id, symbol, condition, threshold, status, created_at)
                        VALUES (:user, :symbol, :condition, :threshold, 'ACTIVE', :now)""")
                .param("user", userId).param("symbol", symbol).param("condition", condition.name())
                .param("threshold", threshold).param("now", Outbox.utc(now))
                .update(keys, "id");
        return find(userId, keys.getKeyAs(Number.class).longValue());
    }

    Optional<Alert> find(long userId, long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM price_alerts WHERE id = :id AND user_id = :user")
                .param("id", id).param("user", userId).query(PriceAlerts::row).optional();
    }

    List<Alert> ofUser(long userId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM price_alerts WHERE user_id = :user ORDER BY id DESC")
                .param("user", userId).query(PriceAlerts::row).list();
    }

    boolean delete(long userId, long id) {
        return jdbc.sql("DELETE FROM price_alerts WHERE id = :id AND user_id = :user")
                .param("id", id).param("user", userId).update() == 1;
    }

    List<Alert> activeOn(String symbol) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM price_alerts WHERE symbol = :symbol AND status = 'ACTIVE'")
                .param("symbol", symbol).query(PriceAlerts::row).list();
    }

    /** @return whether this call triggered it (false: it was triggered or deleted already) */
    boolean trigger(long id, Instant at) {
        return jdbc.sql("UPDATE price_alerts SET status = 'TRIGGERED', triggered_at = :at WHERE id = :id AND status = 'ACTIVE'")
                .param("at", Outbox.utc(at)).param("id", id).update() == 1;
    }

    private static Alert row(ResultSet r, int n) throws SQLException {
        return new Alert(r.getLong("id"), r.getLong("user_id"), r.getString("symbol"),
                Condition.valueOf(r.getString("condition")), r.getBigDecimal("threshold").stripTrailingZeros(),
                r.getString("status"), Outbox.instant(r, "created_at"), Outbox.instant(r, "triggered_at"));
    }
}
