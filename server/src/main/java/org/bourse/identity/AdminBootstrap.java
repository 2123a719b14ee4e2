package org.bourse.identity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;

import org.bourse.platform.DataDirectory;
import org.bourse.platform.DurableWrites;
import org.bourse.platform.SecretFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Service;

/**
 * How the first admin is made, the way Jenkins and Grafana do it: while no active admin exists, a one-time
 * token waits in {@code <data dir>/admin-bootstrap-token} (mode 600, its path logged at start-up); a logged-in
 * user who can read that file sends the token ({@code POST /api/v1/admin/bootstrap}) and becomes the admin. So
 * the role goes to whoever controls the server's disk, never to whoever registers some e-mail first. Later
 * admins are made by admins ({@code PATCH /api/v1/admin/users/{id}}).
 *
 * <p>Deleting the file claims the token: only one caller can succeed, across threads and processes. Should
 * granting the role then fail, the server writes a new token at its next start, since there is still no admin.
 */
@Service
class AdminBootstrap implements InitializingBean {

    static final String FILE_NAME = "admin-bootstrap-token";
    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);
    private static final int TOKEN_BYTES = 32;

    sealed interface Outcome {
        record Granted(User admin) implements Outcome {
        }

        /** There is an admin already (or the token was just claimed by another caller): the route is gone. */
        record NotAvailable() implements Outcome {
        }

        record WrongToken() implements Outcome {
        }
    }

    private final UserRepository users;
    private final SessionCache sessionCache;
    private final DurableWrites durableWrites;
    private final Environment environment;
    private final Clock clock;
    private final Path file;

    AdminBootstrap(UserRepository users, SessionCache sessionCache, DurableWrites durableWrites, DataDirectory dataDirectory,
                   Environment environment, Clock clock) {
        this.users = users;
        this.sessionCache = sessionCache;
        this.durableWrites = durableWrites;
        this.environment = environment;
        this.clock = clock;
        this.file = dataDirectory.resolve(FILE_NAME);
    }

    /** At start-up, after the migrations: a token while there is no admin, none once there is. */
    @Override
    public void afterPropertiesSet() throws IOException {
        warnAboutTheOldAdminList();
        if (users.anyActiveAdmin()) {
            if (Files.deleteIfExists(file)) {
                log.info("Deleted {}: this exchange has an admin", file);
            }
            return;
        }
        if (Files.exists(file) && SecretFiles.othersMayAccess(file)) {
            log.warn("{} was readable by other users (mode {}); replacing it with a new token", file, SecretFiles.mode(file));
            Files.delete(file);
        }
        if (!Files.exists(file)) {
            SecretFiles.createOwnerOnly(file, newToken() + "\n");
        }
        log.warn("This exchange has no admin yet. The one-time admin bootstrap token is in {} (readable by its owner "
                + "only): register, log in and POST it as {\"token\": \"...\"} to /api/v1/admin/bootstrap to become "
                + "the admin.", file);
    }

    /** Makes {@code userId} the admin if {@code token} is the one in the file and there is no admin yet. */
    Outcome bootstrap(long userId, String token) {
        if (users.anyActiveAdmin()) {
            deleteLeftover();
            return new Outcome.NotAvailable();
        }
        Optional<String> expected = readToken();
        if (expected.isEmpty()) {
            return new Outcome.NotAvailable();
        }
        // constant time: the answer must not tell how much of a guess was right
        if (!MessageDigest.isEqual(expected.get().getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8))) {
            return new Outcome.WrongToken();
        }
        Optional<User> caller = users.find(userId).filter(User::active);
        if (caller.isEmpty() || !claim()) {
            return new Outcome.NotAvailable();
        }
        users.setRole(userId, User.ADMIN, clock.instant());
        durableWrites.flush(); // the caller hears "you are the admin" only once that survives a crash
        sessionCache.evict(userId);
        log.info("User {} ({}) is now the admin, made with the bootstrap token", userId, caller.get().username());
        return new Outcome.Granted(users.find(userId).orElseThrow());
    }

    private Optional<String> readToken() {
        try {
            String text = Files.readString(file, StandardCharsets.US_ASCII).trim();
            return text.isEmpty() ? Optional.empty() : Optional.of(text);
        } catch (NoSuchFileException gone) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    /** Deletes the file: true for the one caller that did. */
    private boolean claim() {
        try {
            Files.delete(file);
            return true;
        } catch (NoSuchFileException anotherCallerFirst) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + file, e);
        }
    }

    private void deleteLeftover() {
        try {
            Files.deleteIfExists(file); // another node's token, or one a failed start left behind
        } catch (IOException e) {
            log.warn("Could not delete {}: {}", file, e.toString());
        }
    }

    private void warnAboutTheOldAdminList() {
        for (String name : new String[] {"BOURSE_ADMIN_EMAILS", "bourse.identity.admin-emails"}) {
            String value = environment.getProperty(name);
            if (value != null && !value.isBlank()) {
                log.warn("{} is set but no longer read: no e-mail address makes an admin, since the exchange does "
                        + "not verify e-mail addresses. The first admin is made with the bootstrap token; others by "
                        + "an admin (PATCH /api/v1/admin/users/{id}).", name);
            }
        }
    }

    private static String newToken() {
        byte[] random = new byte[TOKEN_BYTES];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }
}
