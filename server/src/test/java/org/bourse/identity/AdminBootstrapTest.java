package org.bourse.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bourse.testsupport.ProblemAssertions.assertProblem;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import org.bourse.platform.DataDirectory;
import org.bourse.platform.SecretFiles;
import org.bourse.testsupport.Admins;
import org.bourse.testsupport.BourseHttpTest;
import org.bourse.testsupport.HttpApi;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * How the first admin is made: with the one-time token the server leaves in its data directory, never by
 * registering. A context of its own (the property below), since the token works once per data directory.
 */
@BourseHttpTest
@TestPropertySource(properties = "bourse.identity.login.window=15m")
class AdminBootstrapTest {

    private static final String BOOTSTRAP = "/api/v1/admin/bootstrap";
    private static final String ADMIN_ROUTE = "/api/v1/admin/reconciliation";

    @LocalServerPort
    int port;

    @Autowired
    DataDirectory dataDirectory;

    @Test
    void theFirstAdminIsMadeOnceWithTheTokenFromTheDataDirectory() throws IOException {
        Path file = dataDirectory.resolve(Admins.TOKEN_FILE);
        assertThat(SecretFiles.mode(file)).as("the token file's mode").isEqualTo("rw-------");
        String token = Admins.token(dataDirectory.path());
        HttpApi alice = loggedIn();
        HttpApi bob = loggedIn();
        assertProblem(alice.get(ADMIN_ROUTE), 404, "NOT_FOUND");

        assertProblem(alice.post(BOOTSTRAP, Map.of("token", token.substring(1) + "x")), 403, "BOOTSTRAP_TOKEN_INVALID");
        assertThat(file).as("a wrong token spends nothing").exists();

        HttpApi.Reply made = Admins.bootstrap(alice, dataDirectory.path());

        assertThat(made.status()).as("%s", made).isEqualTo(204);
        assertThat(file).as("the token works once").doesNotExist();
        assertThat(alice.get(ADMIN_ROUTE).status()).as("admin routes, with the token alice already had").isEqualTo(200);
        assertThat(alice.get("/api/v1/users/me").text("role")).isEqualTo("admin");
        assertProblem(bob.post(BOOTSTRAP, Map.of("token", token)), 404, "NOT_FOUND");
        assertProblem(bob.get(ADMIN_ROUTE), 404, "NOT_FOUND");
    }

    @Test
    void theBootstrapNeedsALoggedInUser() {
        assertProblem(HttpApi.onPort(port).post(BOOTSTRAP, Map.of("token", "anything")), 401, "UNAUTHORIZED");
    }

    private HttpApi loggedIn() {
        HttpApi api = HttpApi.onPort(port);
        String name = "user_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String email = name + "@example.com";
        assertThat(api.post("/api/v1/auth/register", Map.of("username", name, "email", email, "password",
                "correct horse " + name)).status()).isEqualTo(201);
        HttpApi.Reply login = api.post("/api/v1/auth/login", Map.of("email", email, "password", "correct horse " + name));
        return api.withBearer(login.text("access_token"));
    }
}
