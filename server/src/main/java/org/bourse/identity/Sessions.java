package org.bourse.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

import org.bourse.identity.LoginAttemptRepository.Outcome;
import org.bourse.platform.DurableWrites;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/** Login, token refresh and logout: what a user's session is made of, from the first token to the last. */
@Service
class Sessions {

    sealed interface Login {
        record Granted(User user, String accessToken, String refreshToken, long expiresInSeconds) implements Login {
        }

        /** Wrong password or unknown e-mail: the caller cannot tell which. */
        record InvalidCredentials() implements Login {
        }

        /** Only said to a caller who knows the password, so it does not reveal which e-mails exist. */
        record AccountDisabled() implements Login {
        }

        record Throttled(Duration retryAfter) implements Login {
        }

        /** The password was right, but the user's account (cut short at registration) could still not be opened. */
        /** The password was right, but two-factor authentication is on and no code came with it. */
        record OtpRequired() implements Login {
        }

        /** The password was right, the code was not (counted as a failed login, like a wrong password). */
        record OtpInvalid() implements Login {
        }

        record AccountNotOpened() implements Login {
        }
    }

    record AccessGrant(String accessToken, long expiresInSeconds) {
    }

    private static final int MAX_IP_LENGTH = 64; // login_attempts.ip

    private final UserRepository users;
    private final PasswordEncoder passwords;
    private final LoginThrottle throttle;
    private final LoginAttemptRepository attempts;
    private final TokenIssuer tokens;
    private final RefreshTokens refreshTokens;
    private final SessionCache sessionCache;
    private final AccountOpener accounts;
    private final DurableWrites durableWrites;
    private final Duration sessionTtl;
    private final Clock clock;
    /** Compared against when the e-mail is unknown, so that answer costs the same bcrypt time as a wrong password. */
    private final String unknownUserHash;
    private final org.bourse.notify.Notices notices;
    private final TwoFactor twoFactor;

    Sessions(UserRepository users, PasswordEncoder passwords, LoginThrottle throttle, LoginAttemptRepository attempts,
             TokenIssuer tokens, RefreshTokens refreshTokens, SessionCache sessionCache, AccountOpener accounts,
             DurableWrites durableWrites, IdentityProperties properties, Clock clock, org.bourse.notify.Notices notices,
             TwoFactor twoFactor) {
        this.notices = notices;
        this.twoFactor = twoFactor;
        this.users = users;
        this.passwords = passwords;
        this.throttle = throttle;
        this.attempts = attempts;
        this.tokens = tokens;
        this.refreshTokens = refreshTokens;
        this.sessionCache = sessionCache;
        this.accounts = accounts;
        this.durableWrites = durableWrites;
        this.sessionTtl = properties.accessTokenTtl();
        this.clock = clock;
        this.unknownUserHash = passwords.encode(UUID.randomUUID().toString());
    }

    /**
     * Every attempt is recorded in {@code login_attempts}, whatever its outcome, and recorded before the
     * lock-out is checked and the password hashed, so parallel guesses cannot slip past the limit together.
     */
    Login login(String email, String password, String otp, String clientAddress, String traceId) {
        Instant now = clock.instant();
        String emailKey = UserRepository.key(email);
        String ip = fitted(clientAddress);
        long attempt = attempts.begin(emailKey, ip, now);
        Optional<Duration> wait = throttle.waitBeforeAttempt(emailKey, ip, now);
        if (wait.isPresent()) {
            attempts.finish(attempt, Outcome.RATE_LIMITED);
            return new Login.Throttled(wait.get());
        }
        Optional<User> found = users.findByEmail(email);
        boolean passwordMatches;
        try {
            passwordMatches = passwords.matches(password, found.map(User::passwordHash).orElse(unknownUserHash));
        } catch (RuntimeException notChecked) {
            attempts.finish(attempt, Outcome.RATE_LIMITED); // no turn at the hash: the password was never tried
            throw notChecked;
        }
        if (found.isEmpty() || !passwordMatches) {
            attempts.finish(attempt, Outcome.INVALID_CREDENTIALS);
            return new Login.InvalidCredentials();
        }
        User user = found.get();
        if (!user.active()) {
            attempts.finish(attempt, Outcome.ACCOUNT_DISABLED);
            return new Login.AccountDisabled();
        }
        if (twoFactor.enabled(user.id())) {
            if (otp == null || otp.isBlank()) {
                attempts.finish(attempt, Outcome.OTP_REQUIRED);
                return new Login.OtpRequired();
            }
            if (!twoFactor.verify(user.id(), otp)) {
                attempts.finish(attempt, Outcome.INVALID_CREDENTIALS); // counts towards the lock-out: no code guessing
                return new Login.OtpInvalid();
            }
        }
        attempts.finish(attempt, Outcome.SUCCESS);
        users.recordLogin(user.id(), now);
        if (users.rememberLoginAddress(user.id(), ip, now) && user.lastLogin() != null) {
            notices.newLoginAddress(AccountSecurity.contact(user), ip); // not for the first login ever
        }
        try {
            accounts.openIfPending(user, traceId);
        } catch (AccountOpener.NotOpened e) {
            return new Login.AccountNotOpened();
        }
        String accessToken = tokens.accessToken(user, now.truncatedTo(ChronoUnit.SECONDS));
        String refreshToken = refreshTokens.issue(user.id(), now);
        durableWrites.flush(); // a refresh token the caller holds must still be known after a crash
        sessionCache.store(user, sessionTtl);
        return new Login.Granted(user, accessToken, refreshToken, tokens.accessTokenSeconds());
    }

    /** Behind a proxy the address comes from a header; keep whatever it says within the column. */
    private static String fitted(String clientAddress) {
        return clientAddress.length() <= MAX_IP_LENGTH ? clientAddress : clientAddress.substring(0, MAX_IP_LENGTH);
    }

    /** @return a new access token, or empty when the refresh token is not a live one of an active user */
    Optional<AccessGrant> refresh(String refreshToken) {
        Instant now = clock.instant();
        return refreshTokens.ownerOfValid(refreshToken, now)
                .flatMap(users::find)
                .filter(User::active)
                .map(user -> {
                    sessionCache.store(user, sessionTtl);
                    return new AccessGrant(tokens.accessToken(user, now.truncatedTo(ChronoUnit.SECONDS)),
                            tokens.accessTokenSeconds());
                });
    }

    /** Revokes the refresh token and drops the cached session; an unknown or already revoked token changes nothing. */
    void logout(String refreshToken) {
        refreshTokens.revoke(refreshToken, clock.instant()).ifPresent(userId -> {
            durableWrites.flush(); // a revoked token must not come back to life after a crash
            sessionCache.evict(userId);
        });
    }
}
