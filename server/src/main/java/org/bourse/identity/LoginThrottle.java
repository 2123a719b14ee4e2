package org.bourse.identity;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;

/**
 * Lock-out after repeated failed logins, counted from the {@code login_attempts} table so it holds across
 * restarts and server nodes. The lock lifts by itself once the oldest counted failure leaves the window.
 *
 * <p>The attempt being decided is recorded (pending) before it is counted, and counts itself: of N attempts
 * racing, the k-th to be recorded sees at least k, so at most the limit ever reach the password check, however
 * many arrive at once. Counting first and recording after the check would let all N through.
 */
@Component
class LoginThrottle {

    private final LoginAttemptRepository attempts;
    private final IdentityProperties.Login limits;

    LoginThrottle(LoginAttemptRepository attempts, IdentityProperties properties) {
        this.attempts = attempts;
        this.limits = properties.login();
    }

    /**
     * For an attempt already recorded as pending ({@link LoginAttemptRepository#begin}).
     *
     * @return how long the caller must wait, or empty when this attempt may check the password
     */
    Optional<Duration> waitBeforeAttempt(String email, String ip, Instant now) {
        Instant since = now.minus(limits.window());
        Optional<Duration> byEmail = lockedFor(attempts.recentFailuresOfEmail(email, since, limits.maxFailuresPerEmail() + 1),
                limits.maxFailuresPerEmail(), now);
        Optional<Duration> byIp = lockedFor(attempts.recentFailuresOfIp(ip, since, limits.maxFailuresPerIp() + 1),
                limits.maxFailuresPerIp(), now);
        if (byEmail.isPresent() && byIp.isPresent()) {
            return Optional.of(byEmail.get().compareTo(byIp.get()) >= 0 ? byEmail.get() : byIp.get());
        }
        return byEmail.or(() -> byIp);
    }

    /**
     * {@code newestFirst} holds at most {@code max + 1} failed or pending attempts, the one being decided among
     * them: with more than {@code max}, the ones before it have used the allowance, and the lock lasts until the
     * oldest of those leaves the window.
     */
    private Optional<Duration> lockedFor(List<Instant> newestFirst, int max, Instant now) {
        if (newestFirst.size() <= max) {
            return Optional.empty();
        }
        Instant unlock = newestFirst.get(max).plus(limits.window());
        return Optional.of(Duration.between(now, unlock));
    }
}
