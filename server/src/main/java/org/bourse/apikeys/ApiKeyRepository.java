package org.bourse.apikeys;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** The {@code api_keys} table. Secrets only sealed ({@link SecretSeal}). */
@Repository
class ApiKeyRepository {

    record StoredKey(long id, long userId, String apiKey, String label, String secretSealed, Set<Permission> permissions,
                     IpAllowlist ipAllowlist, Instant createdAt, Instant lastUsedAt, Instant revokedAt) {
    }

    private static final String COLUMNS = "id, user_id, api_key, label, secret_sealed, permissions, ip_allowlist, "
            + "created_at, last_used_at, revoked_at";

    private final JdbcClient jdbc;

    ApiKeyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(long userId, String apiKey, String label, String secretSealed, Set<Permission> permissions,
                IpAllowlist ipAllowlist, Instant now) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO api_keys (user_id, api_key, label, secret_sealed, permissions, ip_allowlist, created_at)
                        VALUES (:userId, :apiKey, :label, :sealed, :permissions, :ips, :now)""")
                .param("userId", userId).param("apiKey", apiKey).param("label", label).param("sealed", secretSealed)
                .param("permissions", String.join(",", permissions.stream().map(Permission::code).toList()))
                .param("ips", String.join(",", ipAllowlist.entries())).param("now", utc(now))
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    Optional<StoredKey> findByApiKey(String apiKey) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM api_keys WHERE api_key = :apiKey").param("apiKey", apiKey)
                .query(ApiKeyRepository::key).optional();
    }

    List<StoredKey> active(long userId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM api_keys WHERE user_id = :userId AND revoked_at IS NULL ORDER BY id")
                .param("userId", userId).query(ApiKeyRepository::key).list();
    }

    /** @return whether a key of this user was active and is now revoked */
    boolean revoke(long userId, long id, Instant now) {
        return jdbc.sql("UPDATE api_keys SET revoked_at = :now WHERE id = :id AND user_id = :userId AND revoked_at IS NULL")
                .param("now", utc(now)).param("id", id).param("userId", userId).update() == 1;
    }

    void recordUse(long id, Instant now, String ip) {
        jdbc.sql("UPDATE api_keys SET last_used_at = :now, last_used_ip = :ip WHERE id = :id")
                .param("now", utc(now)).param("ip", ip.length() > 45 ? ip.substring(0, 45) : ip).param("id", id)
                .update();
    }

    private static StoredKey key(ResultSet r, int row) throws SQLException {
        Set<Permission> permissions = EnumSet.noneOf(Permission.class);
        for (String code : r.getString("permissions").split(",")) {
            Permission.of(code).ifPresent(permissions::add);
        }
        return new StoredKey(r.getLong("id"), r.getLong("user_id"), r.getString("api_key"), r.getString("label"),
                r.getString("secret_sealed"), permissions,
                new IpAllowlist(new ArrayList<>(IpAllowlist.parseStored(r.getString("ip_allowlist")))),
                instant(r, "created_at"), instant(r, "last_used_at"), instant(r, "revoked_at"));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet r, String column) throws SQLException {
        OffsetDateTime value = r.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
