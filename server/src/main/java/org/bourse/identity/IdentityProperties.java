package org.bourse.identity;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param login           lock-out after repeated failures: at most so many failed logins per e-mail (since its
 *                        last success) and per IP within the sliding window
 * @param passwordHashing how many bcrypt hashes may run at once (0: half the cores, at least one), and how long
 *                        a login or registration waits for its turn before a 503
 */
@ConfigurationProperties("bourse.identity")
record IdentityProperties(Duration accessTokenTtl, Duration refreshTokenTtl, Login login,
                          @DefaultValue PasswordHashing passwordHashing) {

    record Login(Duration window, int maxFailuresPerEmail, int maxFailuresPerIp) {
    }

    record PasswordHashing(@DefaultValue("0") int concurrency, @DefaultValue("10s") Duration maxWait) {
    }
}
