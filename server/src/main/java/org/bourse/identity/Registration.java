package org.bourse.identity;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.bourse.platform.DurableWrites;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/**
 * Registers users, always with role {@code normal} (the first admin is made with the bootstrap token,
 * {@link AdminBootstrap}; no e-mail address makes an admin, since addresses are not verified). Uniqueness of
 * e-mail and username (both case-insensitive) is left to the database's unique constraints, so two concurrent
 * registrations of one name cannot both succeed. A registration is all or nothing for the caller: when the
 * account cannot be opened with its opening balance, the new user row is removed again and the caller is told
 * to try later, rather than being registered with no money.
 */
@Service
class Registration {

    sealed interface Outcome {
        record Registered(User user) implements Outcome {
        }

        record Taken(Conflict conflict) implements Outcome {
        }

        /** The wallet could not open the account; nothing is registered. */
        record AccountNotOpened() implements Outcome {
        }
    }

    /** What was already registered; the names are the API's error codes. */
    enum Conflict { EMAIL_TAKEN, USERNAME_TAKEN }

    private final UserRepository users;
    private final PasswordEncoder passwords;
    private final AccountOpener accounts;
    private final DurableWrites durableWrites;
    private final Clock clock;
    private final AccountSecurity accountSecurity;

    Registration(UserRepository users, PasswordEncoder passwords, AccountOpener accounts, DurableWrites durableWrites,
                 Clock clock, AccountSecurity accountSecurity) {
        this.accountSecurity = accountSecurity;
        this.users = users;
        this.passwords = passwords;
        this.accounts = accounts;
        this.durableWrites = durableWrites;
        this.clock = clock;
    }

    /** @param traceId the registering request's id, handed to the wallet for the opening ledger entries */
    Outcome register(String username, String email, String password, String traceId) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS); // what the API shows, so the answer equals later reads
        User user;
        try {
            user = users.insert(username, email, passwords.encode(password), User.NORMAL, now);
        } catch (DuplicateKeyException e) {
            // The conflicting row is committed by now (that is what made ours fail), so it can be read back.
            return new Outcome.Taken(users.emailTaken(email) ? Conflict.EMAIL_TAKEN : Conflict.USERNAME_TAKEN);
        }
        try {
            accounts.openIfPending(user, traceId);
        } catch (AccountOpener.NotOpened e) {
            // No one was told of this user yet. Should the engine still apply a queued opening later, its account
            // belongs to an id identity never hands out again: the ledger still balances.
            users.delete(user.id());
            return new Outcome.AccountNotOpened();
        }
        accountSecurity.sendVerification(user);
        durableWrites.flush(); // the user row is not in the engine's journal: on disk before the caller hears of it
        return new Outcome.Registered(user);
    }
}
