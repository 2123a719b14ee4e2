package org.bourse.notify;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code mail_outbox} table: mails written in the same transaction as whatever caused them, and worked by
 * {@link OutboxSender}. A mail is claimed ({@code SENDING}) in a transaction of its own before it is sent, so
 * two senders never send the same row.
 */
@Repository("mailOutbox") // not "outbox": messaging.Outbox is that bean
class Outbox {

    static final String QUEUED = "QUEUED";
    static final String SENDING = "SENDING";
    static final String SENT = "SENT";
    static final String FAILED = "FAILED";
    /** No SMTP server configured: kept for admins to read, never sent. */
    static final String KEPT = "KEPT";

    record Row(long id, long userId, String recipient, String kind, String subject, String text, String html,
               String status, int attempts, String lastError, Instant createdAt, Instant sentAt) {
    }

    private static final String COLUMNS =
            "id, user_id, recipient, kind, subject, text_body, html_body, status, attempts, last_error, created_at, sent_at";

    private final JdbcClient jdbc;

    Outbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void add(long userId, String recipient, Kind kind, Mail mail, String status, Instant now) {
        jdbc.sql("""
                        INSERT INTO mail_outbox (user_id, recipient, kind, subject, text_body, html_body, status, attempts,
                                                 next_attempt_at, created_at)
                        VALUES (:user, :to, :kind, :subject, :text, :html, :status, 0, :now, :now)""")
                .param("user", userId).param("to", recipient).param("kind", kind.name())
                .param("subject", fit(mail.subject(), 300)).param("text", fit(mail.text(), 20_000))
                .param("html", fit(mail.html(), 40_000)).param("status", status).param("now", utc(now))
                .update();
    }

    /** @return the oldest due mail, now claimed by the caller, or empty when none is due */
    Optional<Row> claimNextDue(Instant now) {
        for (Long id : jdbc.sql("""
                        SELECT id FROM mail_outbox WHERE status = 'QUEUED' AND next_attempt_at <= :now
                        ORDER BY next_attempt_at, id LIMIT 5""")
                .param("now", utc(now)).query(Long.class).list()) {
            int claimed = jdbc.sql("UPDATE mail_outbox SET status = 'SENDING', attempts = attempts + 1 "
                            + "WHERE id = :id AND status = 'QUEUED'")
                    .param("id", id).update();
            if (claimed == 1) {
                return find(id);
            }
        }
        return Optional.empty();
    }

    void sent(long id, Instant now) {
        jdbc.sql("UPDATE mail_outbox SET status = 'SENT', sent_at = :now, last_error = NULL WHERE id = :id")
                .param("now", utc(now)).param("id", id).update();
    }

    void retryAt(long id, Instant next, String error) {
        jdbc.sql("UPDATE mail_outbox SET status = 'QUEUED', next_attempt_at = :next, last_error = :error WHERE id = :id")
                .param("next", utc(next)).param("error", fit(error, 500)).param("id", id).update();
    }

    void failed(long id, String error) {
        jdbc.sql("UPDATE mail_outbox SET status = 'FAILED', last_error = :error WHERE id = :id")
                .param("error", fit(error, 500)).param("id", id).update();
    }

    /**
     * Mails a previous process was sending when it stopped without finishing: whether the SMTP server took them
     * is unknown, so they are sent again (with the same Message-ID, by which mail clients drop a duplicate).
     * @return how many
     */
    int requeueInterrupted() {
        return jdbc.sql("UPDATE mail_outbox SET status = 'QUEUED' WHERE status = 'SENDING'").update();
    }

    Optional<Row> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM mail_outbox WHERE id = :id").param("id", id)
                .query(Outbox::row).optional();
    }

    /** Newest first; {@code to} exact (case-insensitive) when given, {@code before} an id when paging. */
    List<Row> page(String to, Long before, int limit) {
        String sql = "SELECT " + COLUMNS + " FROM mail_outbox WHERE id < :before"
                + (to == null ? "" : " AND LOWER(recipient) = LOWER(:to)") + " ORDER BY id DESC LIMIT :limit";
        JdbcClient.StatementSpec statement = jdbc.sql(sql)
                .param("before", before == null ? Long.MAX_VALUE : before).param("limit", limit);
        if (to != null) {
            statement = statement.param("to", to);
        }
        return statement.query(Outbox::row).list();
    }

    private static Row row(ResultSet r, int n) throws SQLException {
        return new Row(r.getLong("id"), r.getLong("user_id"), r.getString("recipient"), r.getString("kind"),
                r.getString("subject"), r.getString("text_body"), r.getString("html_body"), r.getString("status"),
                r.getInt("attempts"), r.getString("last_error"), instant(r, "created_at"), instant(r, "sent_at"));
    }

    static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    static String fit(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
