package org.bourse.identity;

import java.security.SecureRandom;
import java.util.Base64;

import org.springframework.stereotype.Component;

/** {@link SystemUsers} on top of {@link Registration}, with a random password thrown away at once. */
@Component
final class SystemUserRegistration implements SystemUsers {

    private final Registration registration;
    private final UserRepository users;
    private final AccountOpener accounts;
    private final SecureRandom random = new SecureRandom();

    SystemUserRegistration(Registration registration, UserRepository users, AccountOpener accounts) {
        this.registration = registration;
        this.users = users;
        this.accounts = accounts;
    }

    @Override
    public UserSummary ensure(String username, String email, String traceId) {
        User user = users.findByEmail(email).orElse(null);
        if (user == null) {
            Registration.Outcome outcome = registration.register(username, email, unguessablePassword(), traceId);
            user = switch (outcome) {
                case Registration.Outcome.Registered registered -> registered.user(); // account opened by register
                // a concurrent ensure of the same user got there first, or the name is someone else's
                case Registration.Outcome.Taken taken -> existing(users.findByEmail(email).orElseThrow(() ->
                        new IllegalStateException("Cannot register system user " + username + ": " + taken.conflict())),
                        username, traceId);
                case Registration.Outcome.AccountNotOpened notOpened -> throw new IllegalStateException(
                        "Cannot open the account of system user " + username + "; the next attempt retries");
            };
        } else {
            existing(user, username, traceId);
        }
        return new UserSummary(user.id(), user.username(), user.role(), user.active());
    }

    private User existing(User user, String username, String traceId) {
        if (!user.username().equalsIgnoreCase(username)) {
            throw new IllegalStateException("The e-mail of system user " + username + " belongs to " + user.username());
        }
        accounts.openIfPending(user, traceId);
        return user;
    }

    /** 48 random characters (within bcrypt's 72 bytes): nobody, not even the server, can log in with it. */
    private String unguessablePassword() {
        byte[] bytes = new byte[36];
        random.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }
}
