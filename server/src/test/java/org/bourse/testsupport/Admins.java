package org.bourse.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Admins in tests, made the way an operator makes the first one: a logged-in user posts the one-time token
 * the server left in {@code <data dir>/admin-bootstrap-token} to {@code POST /api/v1/admin/bootstrap}.
 *
 * <p>{@link #bootstrap} is that step alone. {@link #admin(int)} is what most tests want: a client logged in as
 * the admin of the server on that port, registered and bootstrapped on first use, then the same admin for
 * every later test of that server (its data directory), since the token works only once.
 */
public final class Admins {

    public static final String TOKEN_FILE = "admin-bootstrap-token";
    /** The password of every admin these helpers make. */
    public static final String PASSWORD = "the admin's own password";
    private static final Map<Path, String> EMAILS = new ConcurrentHashMap<>();

    private Admins() {
    }

    /** Sends the data directory's bootstrap token as {@code loggedInUser} (a client holding an access token). */
    public static HttpApi.Reply bootstrap(HttpApi loggedInUser, Path dataDir) {
        return loggedInUser.post("/api/v1/admin/bootstrap", Map.of("token", token(dataDir)));
    }

    /** The token the server wrote, as text. */
    public static String token(Path dataDir) {
        try {
            return Files.readString(dataDir.resolve(TOKEN_FILE), StandardCharsets.US_ASCII).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("No bootstrap token in " + dataDir + " (is there an admin already?)", e);
        }
    }

    /** A client logged in as the admin of a server started in this JVM (see {@link TestServers}). */
    public static HttpApi admin(int port) {
        return admin(port, TestServers.dataDirectory(port));
    }

    /** A client logged in as the admin of the server on {@code port} keeping its data in {@code dataDir}. */
    public static HttpApi admin(int port, Path dataDir) {
        return HttpApi.onPort(port).withBearer(accessToken(port, dataDir));
    }

    /** The e-mail the admin of a server started in this JVM logs in with (made on first use; {@link #PASSWORD}). */
    public static String email(int port) {
        Path dataDir = TestServers.dataDirectory(port);
        return EMAILS.computeIfAbsent(dataDir.toAbsolutePath().normalize(), dir -> makeAdmin(HttpApi.onPort(port), dir));
    }

    /** A fresh access token of the admin of a server started in this JVM. */
    public static String accessToken(int port) {
        return accessToken(port, TestServers.dataDirectory(port));
    }

    private static String accessToken(int port, Path dataDir) {
        HttpApi api = HttpApi.onPort(port);
        String email = EMAILS.computeIfAbsent(dataDir.toAbsolutePath().normalize(), dir -> makeAdmin(api, dir));
        return logIn(api, email);
    }

    private static String makeAdmin(HttpApi api, Path dataDir) {
        String username = "admin_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String email = username + "@bourse.test";
        HttpApi.Reply registered = api.post("/api/v1/auth/register",
                Map.of("username", username, "email", email, "password", PASSWORD));
        assertThat(registered.status()).as("registering the admin: %s", registered).isEqualTo(201);
        HttpApi.Reply made = bootstrap(api.withBearer(logIn(api, email)), dataDir);
        assertThat(made.status()).as("bootstrapping the admin: %s", made).isEqualTo(204);
        return email;
    }

    private static String logIn(HttpApi api, String email) {
        HttpApi.Reply login = api.post("/api/v1/auth/login", Map.of("email", email, "password", PASSWORD));
        assertThat(login.status()).as("admin login: %s", login).isEqualTo(200);
        return login.text("access_token");
    }
}
