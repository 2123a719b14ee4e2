package org.bourse.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bourse.testsupport.ProblemAssertions.assertProblem;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.bourse.testsupport.HttpApi;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Who may call what, as the access filter decides it: the Authorization header's forms, public routes,
 * the headers every API answer carries, and request paths that could be read two ways. Embedded only;
 * none of it depends on the database ({@link TokenScenarios} and {@link AdminScenarios} run on both).
 */
class ApiAccessTest extends IdentityApiTest {

    @Test
    void theBearerSchemeIsCaseInsensitive() {
        String token = newSession().accessToken();

        assertThat(api().withHeader("Authorization", "bearer " + token).get(ME).status()).isEqualTo(200);
        assertThat(api().withHeader("Authorization", "BEARER " + token).get(ME).status()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Basic dXNlcjpwYXNz", "Bearer", "Bearer ", "Bearer not a token", "Bearer abc$def",
            "Bearer ==", "Token abc.def.ghi", "Bearer abc.def.ghi"})
    void anythingButAValidBearerTokenIsUnauthorized(String authorization) {
        HttpApi.Reply reply = api().withHeader("Authorization", authorization).get(ME);

        assertProblem(reply, 401, "UNAUTHORIZED");
        assertThat(reply.header("WWW-Authenticate")).isEqualTo("Bearer");
    }

    @Test
    void publicRoutesIgnoreABadToken() {
        HttpApi stale = api().withBearer("not.a.token");

        assertThat(stale.get("/api/v1/markets").status()).isEqualTo(200);
        assertThat(stale.post(REGISTER, newMember().registration()).status()).isEqualTo(201);
    }

    @Test
    void anUnknownRouteWithoutATokenIsUnauthorizedNotNotFound() {
        // whether a route exists is not told to callers without a token
        assertProblem(api().get("/api/v1/no-such-route"), 401, "UNAUTHORIZED");
    }

    @Test
    void apiAnswersAreNotToBeStoredOrSniffed() {
        HttpApi.Reply me = api().withBearer(newSession().accessToken()).get(ME);
        HttpApi.Reply refused = api().get(ME);

        for (HttpApi.Reply reply : new HttpApi.Reply[] {me, refused}) {
            assertThat(reply.header("Cache-Control")).as("%s", reply).isEqualTo("no-store");
            assertThat(reply.header("X-Content-Type-Options")).as("%s", reply).isEqualTo("nosniff");
        }
        assertThat(api().get("/api/v1/markets").header("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/markets/../users/me", "/api/v1/markets/%2e%2e/users/me",
            "/api/v1/markets/..%2fusers/me", "/api/v1/markets;x=1/../../users/me", "/api/v1/auth/..;/users/me",
            "/api/v1//users/me", "/api/v1/markets/%2E%2E/%2E%2E/users/me", "/api/v1/users/me;jsessionid=1",
            "/api/v1/markets/.", "/api/v1/markets%5c..%5cusers/me"})
    void aPathThatCouldBeReadTwoWaysIsRefused(String path) throws IOException {
        RawReply reply = rawGet(path);

        // some are refused by the container itself, before any filter; none reaches a handler
        assertThat(reply.status()).as("%s -> %s", path, reply).isEqualTo(400);
        assertThat(reply.text()).doesNotContain("\"username\"");
    }

    @Test
    void theAccessFilterRefusesDotSegmentsAndPathParametersAsProblems() throws IOException {
        for (String path : new String[] {"/api/v1/markets/../users/me", "/api/v1/users/me;jsessionid=1"}) {
            RawReply reply = rawGet(path);

            assertThat(reply.status()).as("%s -> %s", path, reply).isEqualTo(400);
            assertThat(reply.text()).as(path).contains("application/problem+json").contains("\"code\":\"VALIDATION_FAILED\"");
        }
    }

    /** A request sent as written: HTTP clients normalise dot segments before sending. */
    private RawReply rawGet(String path) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int status = Integer.parseInt(text.substring(9, 12));
            return new RawReply(status, text);
        }
    }

    private record RawReply(int status, String text) {
    }
}
