package org.bourse.identity;

import static org.bourse.identity.UserRepository.instant;
import static org.bourse.identity.UserRepository.utc;

import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/**
 * The {@code login_attempts} table: every login attempt, successful or not, with its outcome. An attempt is
 * written {@code PENDING} before its password is checked and given its outcome after, so attempts running at
 * the same moment count against each other's lock-out (a pending one counts as a failure until it is known).
 */
@Repository
class LoginAttemptRepository {

    enum Outcome { PENDING, SUCCESS, INVALID_CREDENTIALS, ACCOUNT_DISABLED, RATE_LIMITED, OTP_REQUIRED }

    private final JdbcClient jdbc;

    LoginAttemptRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records an attempt as {@code PENDING}, committed at once, so that every later count sees it. @return its id */
    long begin(String email, String ip, Instant at) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO login_attempts (email, ip, success, outcome, attempted_at)
                        VALUES (:email, :ip, FALSE, :outcome, :at)""")
                .param("email", email).param("ip", ip).param("outcome", Outcome.PENDING.name()).param("at", utc(at))
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    void finish(long attempt, Outcome outcome) {
        jdbc.sql("UPDATE login_attempts SET outcome = :outcome, success = :success WHERE id = :id")
                .param("outcome", outcome.name()).param("success", outcome == Outcome.SUCCESS).param("id", attempt)
                .update();
    }

    /** Times of the newest failed or still pending attempts (wrong password or unknown e-mail) for an e-mail
     *  after {@code since} and after its last successful login, newest first, at most {@code limit}. */
    List<Instant> recentFailuresOfEmail(String email, Instant since, int limit) {
        return jdbc.sql("""
                        SELECT attempted_at FROM login_attempts
                        WHERE email = :email AND outcome IN ('INVALID_CREDENTIALS', 'PENDING') AND attempted_at > :since
                          AND attempted_at > COALESCE((SELECT MAX(s.attempted_at) FROM login_attempts s
                                                       WHERE s.email = :email AND s.success = TRUE), :since)
                        ORDER BY email DESC, attempted_at DESC -- email too: H2 then reads the index backwards
                        LIMIT :limit""")
                .param("email", email).param("since", utc(since)).param("limit", limit)
                .query((row, n) -> instant(row, "attempted_at")).list();
    }

    /** Same for an IP; a success does not wipe an IP's failures (one known account must not unlock guessing others). */
    List<Instant> recentFailuresOfIp(String ip, Instant since, int limit) {
        return jdbc.sql("""
                        SELECT attempted_at FROM login_attempts
                        WHERE ip = :ip AND outcome IN ('INVALID_CREDENTIALS', 'PENDING') AND attempted_at > :since
                        ORDER BY ip DESC, attempted_at DESC
                        LIMIT :limit""")
                .param("ip", ip).param("since", utc(since)).param("limit", limit)
                .query((row, n) -> instant(row, "attempted_at")).list();
    }

    /** For tests and audits: how many attempts were recorded for an e-mail. */
    long countFor(String email) {
        return jdbc.sql("SELECT COUNT(*) FROM login_attempts WHERE email = :email").param("email", email)
                .query(Long.class).single();
    }
}
