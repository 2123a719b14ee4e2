package org.bourse.notify;

import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code notifications} table: what {@code GET /notifications} lists. In-app delivery is always on. */
@Repository
class InAppNotifications {

    record Row(long id, long userId, String kind, String title, String body, Instant createdAt, Instant readAt) {
    }

    private final JdbcClient jdbc;
    private final NotificationFeed feed;

    InAppNotifications(JdbcClient jdbc, NotificationFeed feed) {
        this.jdbc = jdbc;
        this.feed = feed;
    }

    long add(long userId, Kind kind, String title, String body, Instant now) {
        var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO notifications (user_id, kind, title, body, created_at)
                        VALUES (:user, :kind, :title, :body, :now)""")
                .param("user", userId).param("kind", kind.apiName()).param("title", Outbox.fit(title, 200))
                .param("body", Outbox.fit(body, 4000)).param("now", Outbox.utc(now))
                .update(keys, "id");
        long id = keys.getKeyAs(Number.class).longValue();
        feed.written(userId, id, new NotificationController.NotificationResponse(Long.toString(id), kind.apiName(),
                Outbox.fit(title, 200), Outbox.fit(body, 4000), now.toString(), null));
        return id;
    }

    List<Row> page(long userId, Long before, int limit) {
        return jdbc.sql("""
                        SELECT id, user_id, kind, title, body, created_at, read_at FROM notifications
                        WHERE user_id = :user AND id < :before ORDER BY id DESC LIMIT :limit""")
                .param("user", userId).param("before", before == null ? Long.MAX_VALUE : before).param("limit", limit)
                .query((r, n) -> new Row(r.getLong("id"), r.getLong("user_id"), r.getString("kind"), r.getString("title"),
                        r.getString("body"), Outbox.instant(r, "created_at"), Outbox.instant(r, "read_at")))
                .list();
    }

    /** @return false when the user has no such notification (another user's included) */
    boolean markRead(long userId, long id, Instant now) {
        int found = jdbc.sql("SELECT COUNT(*) FROM notifications WHERE id = :id AND user_id = :user")
                .param("id", id).param("user", userId).query(Integer.class).single();
        if (found == 0) {
            return false;
        }
        jdbc.sql("UPDATE notifications SET read_at = :now WHERE id = :id AND user_id = :user AND read_at IS NULL")
                .param("now", Outbox.utc(now)).param("id", id).param("user", userId).update();
        return true;
    }
}
