package org.bourse.identity;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** The {@code users} table. Uniqueness of e-mail and username is the database's job (unique constraints). */
@Repository
class UserRepository implements UserDirectory {

    private static final String COLUMNS =
            "id, username, email, password_hash, role, is_active, created_at, updated_at, last_login, account_opened_at, email_verified";

    private final JdbcClient jdbc;

    UserRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @throws org.springframework.dao.DuplicateKeyException when the username or e-mail is taken */
    User insert(String username, String email, String passwordHash, String role, Instant now) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO users (username, username_key, email, email_key, password_hash, role, is_active,
                                           created_at, updated_at)
                        VALUES (:username, :usernameKey, :email, :emailKey, :hash, :role, TRUE, :now, :now)""")
                .param("username", username)
                .param("usernameKey", key(username))
                .param("email", email)
                .param("emailKey", key(email))
                .param("hash", passwordHash)
                .param("role", role)
                .param("now", utc(now))
                .update(keys, "id");
        long id = keys.getKeyAs(Number.class).longValue();
        return new User(id, username, email, passwordHash, role, true, now, now, null, null, false);
    }

    boolean emailTaken(String email) {
        return jdbc.sql("SELECT COUNT(*) FROM users WHERE email_key = :key").param("key", key(email))
                .query(Long.class).single() > 0;
    }

    boolean usernameTaken(String username) {
        return jdbc.sql("SELECT COUNT(*) FROM users WHERE username_key = :key").param("key", key(username))
                .query(Long.class).single() > 0;
    }

    Optional<User> findByEmail(String email) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM users WHERE email_key = :key").param("key", key(email))
                .query(UserRepository::user).optional();
    }

    Optional<User> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM users WHERE id = :id").param("id", id)
                .query(UserRepository::user).optional();
    }

    void recordLogin(long id, Instant now) {
        jdbc.sql("UPDATE users SET last_login = :now WHERE id = :id").param("now", utc(now)).param("id", id).update();
    }

    void recordAccountOpened(long id, Instant now) {
        jdbc.sql("UPDATE users SET account_opened_at = :now WHERE id = :id AND account_opened_at IS NULL")
                .param("now", utc(now)).param("id", id).update();
    }

    /** @return false when there is no such user */
    boolean setActive(long id, boolean active, Instant now) {
        return jdbc.sql("UPDATE users SET is_active = :active, updated_at = :now WHERE id = :id")
                .param("active", active).param("now", utc(now)).param("id", id).update() == 1;
    }

    /** @return false when there is no such user */
    boolean setRole(long id, String role, Instant now) {
        return jdbc.sql("UPDATE users SET role = :role, updated_at = :now WHERE id = :id")
                .param("role", role).param("now", utc(now)).param("id", id).update() == 1;
    }

    boolean anyActiveAdmin() {
        return jdbc.sql("SELECT COUNT(*) FROM users WHERE role = :admin AND is_active = TRUE")
                .param("admin", User.ADMIN).query(Long.class).single() > 0;
    }

    /**
     * The active admins' ids, their rows locked until the transaction ends: two admins demoting or disabling
     * each other at once are so taken one after the other, and the second sees what the first left.
     */
    List<Long> lockActiveAdmins() {
        return jdbc.sql("SELECT id FROM users WHERE role = :admin AND is_active = TRUE ORDER BY id FOR UPDATE")
                .param("admin", User.ADMIN).query(Long.class).list();
    }

    /** Removes a user no one was told of yet (registration could not open the account). */
    void delete(long id) {
        jdbc.sql("DELETE FROM users WHERE id = :id").param("id", id).update();
    }

    @Override
    public Optional<UserSummary> findById(long userId) {
        return find(userId).map(UserRepository::summary);
    }

    @Override
    public Optional<UserSummary> findByUsername(String username) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM users WHERE username_key = :key").param("key", key(username))
                .query(UserRepository::user).optional().map(UserRepository::summary);
    }

    @Override
    public Optional<Contact> contact(long userId) {
        return find(userId).map(user -> new Contact(user.id(), user.username(), user.email(), user.emailVerified()));
    }

    void markEmailVerified(long id, Instant now) {
        jdbc.sql("UPDATE users SET email_verified = TRUE, updated_at = :now WHERE id = :id")
                .param("now", utc(now)).param("id", id).update();
    }

    void setPasswordHash(long id, String passwordHash, Instant now) {
        jdbc.sql("UPDATE users SET password_hash = :hash, updated_at = :now WHERE id = :id")
                .param("hash", passwordHash).param("now", utc(now)).param("id", id).update();
    }

    /** @return whether the address was new for the user (and is now remembered) */
    boolean rememberLoginAddress(long id, String ip, Instant now) {
        boolean known = jdbc.sql("SELECT COUNT(*) FROM login_addresses WHERE user_id = :id AND ip = :ip")
                .param("id", id).param("ip", ip).query(Long.class).single() > 0;
        if (known) {
            return false;
        }
        try {
            jdbc.sql("INSERT INTO login_addresses (user_id, ip, first_seen) VALUES (:id, :ip, :now)")
                    .param("id", id).param("ip", ip).param("now", utc(now)).update();
            return true;
        } catch (org.springframework.dao.DuplicateKeyException raced) {
            return false; // a parallel login from the same address remembered it first
        }
    }

    static String key(String emailOrUsername) {
        return emailOrUsername.trim().toLowerCase(Locale.ROOT);
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static UserSummary summary(User user) {
        return new UserSummary(user.id(), user.username(), user.role(), user.active());
    }

    private static User user(ResultSet row, int rowNumber) throws SQLException {
        return new User(row.getLong("id"), row.getString("username"), row.getString("email"),
                row.getString("password_hash"), row.getString("role"), row.getBoolean("is_active"),
                instant(row, "created_at"), instant(row, "updated_at"), instant(row, "last_login"),
                instant(row, "account_opened_at"), row.getBoolean("email_verified"));
    }
}
