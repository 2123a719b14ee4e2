package org.bourse.notify;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.bourse.identity.Contact;
import org.bourse.identity.UserDirectory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Execution mails, at most one per user per interval (a minute by default): the projection writes every fill
 * into {@code fill_mail_queue}; once the user's last execution mail is an interval old, the fills gathered
 * since become one mail. Taking the fills, writing the mail and moving the user's clock happen in one
 * transaction, so each fill is in exactly one mail.
 */
@Component
class FillMails {

    record Fill(long userId, long orderId, String symbol, String side, String price, String quantity, Instant executedAt) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final UserDirectory users;
    private final Notices notices;
    private final NotificationSettings settings;
    private final NotifyProperties properties;

    FillMails(JdbcClient jdbc, TransactionTemplate transaction, UserDirectory users, Notices notices,
              NotificationSettings settings, NotifyProperties properties) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.users = users;
        this.notices = notices;
        this.settings = settings;
        this.properties = properties;
    }

    /** Called by the projection, inside its transaction. */
    void gather(org.springframework.jdbc.core.JdbcTemplate projectorJdbc, List<Fill> fills) {
        if (fills.isEmpty()) {
            return;
        }
        projectorJdbc.batchUpdate("""
                INSERT INTO fill_mail_queue (user_id, order_id, symbol, side, price, quantity, executed_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)""", fills.stream().map(f -> new Object[] {f.userId(), f.orderId(),
                f.symbol(), f.side(), f.price(), f.quantity(), Outbox.utc(f.executedAt())}).toList());
    }

    /** Writes the execution mail of every user whose last one is at least an interval old. */
    void queueDue(Instant now) {
        Instant cutoff = now.minus(properties.fillMailInterval());
        List<Long> due = jdbc.sql("""
                        SELECT DISTINCT q.user_id FROM fill_mail_queue q
                        WHERE NOT EXISTS (SELECT 1 FROM fill_mail_state s WHERE s.user_id = q.user_id AND s.last_sent_at > :cutoff)""")
                .param("cutoff", Outbox.utc(cutoff)).query(Long.class).list();
        for (long userId : due) {
            transaction.executeWithoutResult(status -> queueFor(userId, now));
        }
    }

    private void queueFor(long userId, Instant now) {
        List<Fill> fills = jdbc.sql("""
                        SELECT id, user_id, order_id, symbol, side, price, quantity, executed_at FROM fill_mail_queue
                        WHERE user_id = :user ORDER BY id""")
                .param("user", userId)
                .query((r, n) -> new Fill(r.getLong("user_id"), r.getLong("order_id"), r.getString("symbol"),
                        r.getString("side"), r.getString("price"), r.getString("quantity"), Outbox.instant(r, "executed_at")))
                .list();
        if (fills.isEmpty()) {
            return; // another node took them
        }
        int taken = jdbc.sql("DELETE FROM fill_mail_queue WHERE user_id = :user").param("user", userId).update();
        if (taken != fills.size()) {
            throw new IllegalStateException("fills of user " + userId + " changed while mailing them; tried again");
        }
        if (jdbc.sql("UPDATE fill_mail_state SET last_sent_at = :now WHERE user_id = :user")
                .param("now", Outbox.utc(now)).param("user", userId).update() == 0) {
            jdbc.sql("INSERT INTO fill_mail_state (user_id, last_sent_at) VALUES (:user, :now)")
                    .param("user", userId).param("now", Outbox.utc(now)).update();
        }
        Contact contact = users.contact(userId).orElse(null);
        if (contact == null || !settings.of(userId).mails(Kind.ORDER_EXECUTED)) {
            return;
        }
        List<String> lines = new ArrayList<>();
        for (Fill f : fills) {
            lines.add(String.format("%s  %s %s %s at %s (order %d)", f.executedAt(), f.side(), f.quantity(),
                    f.symbol(), f.price(), f.orderId()));
        }
        notices.queue(contact, Kind.ORDER_EXECUTED, MailTemplates.fills(contact.username(), lines), now);
    }
}
