package org.bourse.identity;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.bourse.platform.DurableWrites;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/**
 * Registers users. Uniqueness of e-mail and username (both case-insensitive) is left to the database's
 * unique constraints, so two concurrent registrations of one name cannot both succeed.
 */
@Service
class Registration {

    sealed interface Outcome {
        record Registered(User user) implements Outcome {
        }

        record Taken(Conflict conflict) implements Outcome {
        }
    }

    /** What was already registered; the names are the API's error codes. */
    enum Conflict { EMAIL_TAKEN, USERNAME_TAKEN }

    private final UserRepository users;
    private final PasswordEncoder passwords;
    private final AccountOpener accounts;
    private final IdentityProperties properties;
    private final DurableWrites durableWrites;
    private final Clock clock;

    Registration(UserRepository users, PasswordEncoder passwords, AccountOpener accounts, IdentityProperties properties,
                 DurableWrites durableWrites, Clock clock) {
        this.users = users;
        this.passwords = passwords;
        this.accounts = accounts;
        this.properties = properties;
        this.durableWrites = durableWrites;
        this.clock = clock;
    }

    /** @param traceId the registering request's id, handed to the wallet for the opening ledger entries */
    Outcome register(String username, String email, String password, String traceId) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS); // what the API shows, so the answer equals later reads
        String role = properties.adminEmailKeys().contains(UserRepository.key(email)) ? User.ADMIN : User.NORMAL;
        User user;
        try {
            user = users.insert(username, email, passwords.encode(password), role, now);
        } catch (DuplicateKeyException e) {
            // The conflicting row is committed by now (that is what made ours fail), so it can be read back.
            return new Outcome.Taken(users.emailTaken(email) ? Conflict.EMAIL_TAKEN : Conflict.USERNAME_TAKEN);
        }
        accounts.openIfPending(user, traceId);
        durableWrites.flush(); // the user row is not in the engine's journal: on disk before the caller hears of it
        return new Outcome.Registered(user);
    }
}
