package org.bourse.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.bourse.notify.Notices;
import org.bourse.platform.DurableWrites;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * E-mail confirmation, password reset and password change. Every token is single-use, expires, and is stored
 * only as a hash ({@link AccountTokens}). Both ways of changing a password revoke every refresh token of the
 * user and tell them by e-mail, in the same transaction as the change.
 */
@Service
class AccountSecurity {

    sealed interface PasswordChange {
        record Changed() implements PasswordChange {
        }

        /** Unknown, used or expired token. */
        record InvalidToken() implements PasswordChange {
        }

        record WrongPassword() implements PasswordChange {
        }

        record Weak(String reason) implements PasswordChange {
        }
    }

    sealed interface ResetRequest {
        record Accepted() implements ResetRequest {
        }

        record Throttled(Duration retryAfter) implements ResetRequest {
        }
    }

    private static final int MAX_IP_LENGTH = 64;

    private final UserRepository users;
    private final AccountTokens tokens;
    private final RefreshTokens refreshTokens;
    private final SessionCache sessionCache;
    private final PasswordEncoder passwords;
    private final Notices notices;
    private final TransactionTemplate transaction;
    private final DurableWrites durableWrites;
    private final AccountProperties properties;
    private final Clock clock;

    AccountSecurity(UserRepository users, AccountTokens tokens, RefreshTokens refreshTokens, SessionCache sessionCache,
                    PasswordEncoder passwords, Notices notices, TransactionTemplate transaction,
                    DurableWrites durableWrites, AccountProperties properties, Clock clock) {
        this.users = users;
        this.tokens = tokens;
        this.refreshTokens = refreshTokens;
        this.sessionCache = sessionCache;
        this.passwords = passwords;
        this.notices = notices;
        this.transaction = transaction;
        this.durableWrites = durableWrites;
        this.properties = properties;
        this.clock = clock;
    }

    /** Mails a new user the confirmation link. */
    void sendVerification(User user) {
        transaction.executeWithoutResult(status -> {
            String token = tokens.issue(user.id(), AccountTokens.Purpose.VERIFY_EMAIL, clock.instant(),
                    properties.verifyEmailTtl());
            notices.account(contact(user), new Notices.AccountMail.VerifyEmail(token));
        });
    }

    /** @return whether the token confirmed an address (false: unknown, used or expired) */
    boolean verifyEmail(String token) {
        Instant now = clock.instant();
        Boolean verified = transaction.execute(status -> tokens.use(token, AccountTokens.Purpose.VERIFY_EMAIL, now)
                .map(userId -> {
                    users.markEmailVerified(userId, now);
                    return true;
                }).orElse(false));
        if (Boolean.TRUE.equals(verified)) {
            durableWrites.flush();
        }
        return Boolean.TRUE.equals(verified);
    }

    /**
     * Counts the request whatever the e-mail, so the answer never tells whether it is registered. Beyond the
     * limit per address the caller is told to wait; beyond the limit per e-mail nothing more is sent.
     */
    ResetRequest requestReset(String email, String clientAddress) {
        Instant now = clock.instant();
        String ip = clientAddress.length() <= MAX_IP_LENGTH ? clientAddress : clientAddress.substring(0, MAX_IP_LENGTH);
        long[] counts = tokens.recordResetRequest(UserRepository.key(email), ip, now, properties.resetWindow());
        if (counts[1] > properties.resetsPerIp()) {
            return new ResetRequest.Throttled(properties.resetWindow());
        }
        if (counts[0] > properties.resetsPerEmail()) {
            return new ResetRequest.Accepted();
        }
        users.findByEmail(email).filter(User::active).ifPresent(user -> transaction.executeWithoutResult(status -> {
            String token = tokens.issue(user.id(), AccountTokens.Purpose.PASSWORD_RESET, now, properties.passwordResetTtl());
            notices.account(contact(user), new Notices.AccountMail.PasswordReset(token));
        }));
        durableWrites.flush();
        return new ResetRequest.Accepted();
    }

    PasswordChange confirmReset(String token, String newPassword) {
        Optional<String> weak = PasswordStrength.weakness(newPassword, null, null);
        if (weak.isPresent()) {
            return new PasswordChange.Weak(weak.get()); // checked first: a weak try does not use the token up
        }
        String hash = passwords.encode(newPassword);
        Instant now = clock.instant();
        Optional<Long> changed = transaction.execute(status -> tokens.use(token, AccountTokens.Purpose.PASSWORD_RESET, now)
                .flatMap(users::find)
                .map(user -> {
                    replacePassword(user, hash, now);
                    return user.id();
                }));
        if (changed.isEmpty()) {
            return new PasswordChange.InvalidToken();
        }
        afterChange(changed.get());
        return new PasswordChange.Changed();
    }

    PasswordChange changePassword(long userId, String currentPassword, String newPassword) {
        Optional<User> found = users.find(userId);
        if (found.isEmpty() || !passwords.matches(currentPassword, found.get().passwordHash())) {
            return new PasswordChange.WrongPassword();
        }
        User user = found.get();
        Optional<String> weak = PasswordStrength.weakness(newPassword, user.username(), user.email());
        if (weak.isPresent()) {
            return new PasswordChange.Weak(weak.get());
        }
        String hash = passwords.encode(newPassword);
        Instant now = clock.instant();
        transaction.executeWithoutResult(status -> replacePassword(user, hash, now));
        afterChange(userId);
        return new PasswordChange.Changed();
    }

    private void replacePassword(User user, String hash, Instant now) {
        users.setPasswordHash(user.id(), hash, now);
        refreshTokens.revokeAllOf(user.id(), now);
        tokens.revokeAll(user.id(), AccountTokens.Purpose.PASSWORD_RESET, now);
        notices.account(contact(user), new Notices.AccountMail.PasswordChanged());
    }

    private void afterChange(long userId) {
        durableWrites.flush(); // revoked tokens must not come back to life after a crash
        sessionCache.evict(userId);
    }

    static org.bourse.identity.Contact contact(User user) {
        return new Contact(user.id(), user.username(), user.email(), user.emailVerified());
    }
}
