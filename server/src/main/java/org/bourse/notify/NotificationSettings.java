package org.bourse.notify;

import java.time.Instant;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code notification_settings} table: which kinds reach a user by e-mail. No row: every kind does. */
@Repository
class NotificationSettings {

    record Settings(boolean orderExecuted, boolean orderExpired, boolean depositCredited, boolean transferReceived,
                    boolean newLoginIp, boolean priceAlert) {

        static final Settings ALL = new Settings(true, true, true, true, true, true);

        boolean mails(Kind kind) {
            return switch (kind) {
                case ORDER_EXECUTED -> orderExecuted;
                case ORDER_EXPIRED -> orderExpired;
                case DEPOSIT_CREDITED -> depositCredited;
                case TRANSFER_RECEIVED -> transferReceived;
                case NEW_LOGIN_IP -> newLoginIp;
                case PRICE_ALERT -> priceAlert;
                case ACCOUNT -> true;
            };
        }
    }

    private final JdbcClient jdbc;

    NotificationSettings(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Settings of(long userId) {
        return jdbc.sql("""
                        SELECT order_executed, order_expired, deposit_credited, transfer_received, new_login_ip, price_alert
                        FROM notification_settings WHERE user_id = :user""")
                .param("user", userId)
                .query((r, n) -> new Settings(r.getBoolean(1), r.getBoolean(2), r.getBoolean(3), r.getBoolean(4),
                        r.getBoolean(5), r.getBoolean(6)))
                .optional().orElse(Settings.ALL);
    }

    void save(long userId, Settings s, Instant now) {
        int updated = jdbc.sql("""
                        UPDATE notification_settings SET order_executed = :a, order_expired = :b, deposit_credited = :c,
                               transfer_received = :d, new_login_ip = :e, price_alert = :f, updated_at = :now
                        WHERE user_id = :user""")
                .params(values(userId, s, now)).update();
        if (updated == 0) {
            jdbc.sql("""
                            INSERT INTO notification_settings (user_id, order_executed, order_expired, deposit_credited,
                                                               transfer_received, new_login_ip, price_alert, updated_at)
                            VALUES (:user, :a, :b, :c, :d, :e, :f, :now)""")
                    .params(values(userId, s, now)).update();
        }
    }

    private static java.util.Map<String, Object> values(long userId, Settings s, Instant now) {
        return java.util.Map.of("user", userId, "a", s.orderExecuted(), "b", s.orderExpired(), "c", s.depositCredited(),
                "d", s.transferReceived(), "e", s.newLoginIp(), "f", s.priceAlert(), "now", Outbox.utc(now));
    }
}
