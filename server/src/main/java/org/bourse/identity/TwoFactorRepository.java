package org.bourse.identity;

import static org.bourse.identity.UserRepository.utc;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code two_factor} and {@code two_factor_recovery_codes} tables. */
@Repository
class TwoFactorRepository {

    record Enrolment(long userId, String secretSealed, long lastUsedStep, boolean enabled) {
    }

    private final JdbcClient jdbc;

    TwoFactorRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Enrolment> find(long userId) {
        return jdbc.sql("SELECT user_id, secret_sealed, last_used_step, enabled_at FROM two_factor WHERE user_id = :u")
                .param("u", userId)
                .query((r, n) -> new Enrolment(r.getLong("user_id"), r.getString("secret_sealed"),
                        r.getLong("last_used_step"), r.getObject("enabled_at") != null))
                .optional();
    }

    /** Replaces an enrolment not yet confirmed; one that is enabled stays. @return whether it was written */
    boolean enrol(long userId, String secretSealed, Instant now) {
        jdbc.sql("DELETE FROM two_factor WHERE user_id = :u AND enabled_at IS NULL").param("u", userId).update();
        if (find(userId).isPresent()) {
            return false;
        }
        jdbc.sql("""
                        INSERT INTO two_factor (user_id, secret_sealed, last_used_step, created_at)
                        VALUES (:u, :sealed, -1, :now)""")
                .param("u", userId).param("sealed", secretSealed).param("now", utc(now)).update();
        return true;
    }

    /** Takes {@code step} as used, only when it is newer than every step used before: a code works once. */
    boolean useStep(long userId, long step) {
        return jdbc.sql("UPDATE two_factor SET last_used_step = :step WHERE user_id = :u AND last_used_step < :step")
                .param("step", step).param("u", userId).update() == 1;
    }

    void enable(long userId, List<String> recoveryCodeHashes, Instant now) {
        jdbc.sql("UPDATE two_factor SET enabled_at = :now WHERE user_id = :u").param("now", utc(now)).param("u", userId)
                .update();
        jdbc.sql("DELETE FROM two_factor_recovery_codes WHERE user_id = :u").param("u", userId).update();
        for (String hash : recoveryCodeHashes) {
            jdbc.sql("INSERT INTO two_factor_recovery_codes (user_id, code_hash) VALUES (:u, :hash)")
                    .param("u", userId).param("hash", hash).update();
        }
    }

    /** Marks an unused recovery code used. @return whether there was one with this hash */
    boolean useRecoveryCode(long userId, String codeHash, Instant now) {
        return jdbc.sql("""
                        UPDATE two_factor_recovery_codes SET used_at = :now
                        WHERE user_id = :u AND code_hash = :hash AND used_at IS NULL""")
                .param("now", utc(now)).param("u", userId).param("hash", codeHash).update() >= 1;
    }
}
