package org.bourse.identity;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;

/**
 * Lock-out after repeated failed logins, counted from the {@code login_attempts} table so it holds across
 * restarts and server nodes. The lock lifts by itself once the oldest counted failure leaves the window.
 */
@Component
class LoginThrottle {

    private final LoginAttemptRepository attempts;
    private final IdentityProperties.Login limits;

    LoginThrottle(LoginAttemptRepository attempts, IdentityProperties properties) {
        this.attempts = attempts;
        this.limits = properties.login();
    }

    /** @return how long the caller must wait, or empty when it may try now */
    Optional<Duration> waitBeforeNextAttempt(String email, String ip, Instant now) {
        Instant since = now.minus(limits.window());
        Optional<Duration> byEmail = lockedFor(attempts.recentFailuresOfEmail(email, since, limits.maxFailuresPerEmail()),
                limits.maxFailuresPerEmail(), now);
        Optional<Duration> byIp = lockedFor(attempts.recentFailuresOfIp(ip, since, limits.maxFailuresPerIp()),
                limits.maxFailuresPerIp(), now);
        if (byEmail.isPresent() && byIp.isPresent()) {
            return Optional.of(byEmail.get().compareTo(byIp.get()) >= 0 ? byEmail.get() : byIp.get());
        }
        return byEmail.or(() -> byIp);
    }

    /** {@code newestFirst} holds at most {@code max} failures; with all of them present, the lock lasts until
     *  the oldest of them leaves the window. */
    private Optional<Duration> lockedFor(List<Instant> newestFirst, int max, Instant now) {
        if (newestFirst.size() < max) {
            return Optional.empty();
        }
        Instant unlock = newestFirst.get(max - 1).plus(limits.window());
        return Optional.of(Duration.between(now, unlock));
    }
}
