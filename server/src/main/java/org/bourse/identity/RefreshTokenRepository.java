package org.bourse.identity;

import static org.bourse.identity.UserRepository.instant;
import static org.bourse.identity.UserRepository.utc;

import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code refresh_tokens} table: only hashes of the tokens, so a leaked table cannot be replayed. */
@Repository
class RefreshTokenRepository {

    record StoredRefreshToken(long userId, Instant expiresAt, Instant revokedAt) {
    }

    private final JdbcClient jdbc;

    RefreshTokenRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(long userId, String tokenHash, Instant issuedAt, Instant expiresAt) {
        jdbc.sql("""
                        INSERT INTO refresh_tokens (user_id, token_hash, issued_at, expires_at)
                        VALUES (:userId, :hash, :issuedAt, :expiresAt)""")
                .param("userId", userId).param("hash", tokenHash)
                .param("issuedAt", utc(issuedAt)).param("expiresAt", utc(expiresAt))
                .update();
    }

    Optional<StoredRefreshToken> find(String tokenHash) {
        return jdbc.sql("SELECT user_id, expires_at, revoked_at FROM refresh_tokens WHERE token_hash = :hash")
                .param("hash", tokenHash)
                .query((row, n) -> new StoredRefreshToken(row.getLong("user_id"), instant(row, "expires_at"),
                        instant(row, "revoked_at")))
                .optional();
    }

    /** @return the owner's id when a not-yet-revoked token was revoked now */
    Optional<Long> revoke(String tokenHash, Instant now) {
        Optional<Long> owner = jdbc.sql("SELECT user_id FROM refresh_tokens WHERE token_hash = :hash AND revoked_at IS NULL")
                .param("hash", tokenHash).query(Long.class).optional();
        owner.ifPresent(userId -> jdbc.sql("UPDATE refresh_tokens SET revoked_at = :now WHERE token_hash = :hash AND revoked_at IS NULL")
                .param("now", utc(now)).param("hash", tokenHash).update());
        return owner;
    }

    void revokeAllOf(long userId, Instant now) {
        jdbc.sql("UPDATE refresh_tokens SET revoked_at = :now WHERE user_id = :userId AND revoked_at IS NULL")
                .param("now", utc(now)).param("userId", userId).update();
    }
}
