package org.bourse.identity;

import static org.bourse.identity.UserRepository.utc;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Single-use tokens mailed to users ({@code account_tokens}): 256 random bits, stored only as a SHA-256 hash,
 * with an expiry. Using one is one guarded update, so of two requests racing with the same token one wins.
 */
@Repository
class AccountTokens {

    enum Purpose { VERIFY_EMAIL, PASSWORD_RESET }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;

    AccountTokens(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @return the token, to be mailed; only its hash is kept */
    String issue(long userId, Purpose purpose, Instant now, Duration ttl) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        jdbc.sql("""
                        INSERT INTO account_tokens (token_hash, user_id, purpose, created_at, expires_at)
                        VALUES (:hash, :user, :purpose, :now, :expires)""")
                .param("hash", RefreshTokens.hash(token)).param("user", userId).param("purpose", purpose.name())
                .param("now", utc(now)).param("expires", utc(now.plus(ttl)))
                .update();
        return token;
    }

    /** @return the owner when the token is one of this purpose, unused and unexpired; it is used up now */
    Optional<Long> use(String token, Purpose purpose, Instant now) {
        String hash = RefreshTokens.hash(token);
        int used = jdbc.sql("""
                        UPDATE account_tokens SET used_at = :now
                        WHERE token_hash = :hash AND purpose = :purpose AND used_at IS NULL AND expires_at > :now""")
                .param("now", utc(now)).param("hash", hash).param("purpose", purpose.name())
                .update();
        if (used != 1) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT user_id FROM account_tokens WHERE token_hash = :hash").param("hash", hash)
                .query(Long.class).optional();
    }

    /** Tokens of that purpose the user still holds stop working (a password reset ends the others). */
    void revokeAll(long userId, Purpose purpose, Instant now) {
        jdbc.sql("UPDATE account_tokens SET used_at = :now WHERE user_id = :user AND purpose = :purpose AND used_at IS NULL")
                .param("now", utc(now)).param("user", userId).param("purpose", purpose.name()).update();
    }

    /** Records a reset request. @return the requests for the e-mail and from the address within the window, this one included */
    long[] recordResetRequest(String emailKey, String ip, Instant now, Duration window) {
        jdbc.sql("INSERT INTO password_reset_requests (email, ip, requested_at) VALUES (:email, :ip, :now)")
                .param("email", emailKey).param("ip", ip).param("now", utc(now)).update();
        Instant since = now.minus(window);
        long byEmail = jdbc.sql("SELECT COUNT(*) FROM password_reset_requests WHERE email = :email AND requested_at > :since")
                .param("email", emailKey).param("since", utc(since)).query(Long.class).single();
        long byIp = jdbc.sql("SELECT COUNT(*) FROM password_reset_requests WHERE ip = :ip AND requested_at > :since")
                .param("ip", ip).param("since", utc(since)).query(Long.class).single();
        return new long[] {byEmail, byIp};
    }
}
