package org.bourse.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import org.bourse.testsupport.Admins;
import org.bourse.testsupport.BourseHttpTest;
import org.bourse.testsupport.HttpApi;
import org.bourse.testsupport.TestClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import tools.jackson.databind.JsonNode;

/**
 * What every identity HTTP test shares: the server (its database chosen by the concrete subclass), a
 * recording wallet and password encoder, users that never collide, and short-hands for registering and logging in. Subclasses
 * keep these annotations unchanged so that all of them share one Spring context per database.
 */
@BourseHttpTest
@Import({RecordingAccountOpening.class, RecordingPasswordEncoder.class})
@TestPropertySource(properties = {
        // no longer read by the server: set here to show that listing an e-mail grants nothing
        "bourse.identity.admin-emails=" + IdentityApiTest.ONCE_LISTED_AS_ADMIN,
        // small enough to reach in a test; each HttpApi caller has its own address, so tests stay apart
        "bourse.identity.login.max-failures-per-ip=" + IdentityApiTest.MAX_FAILURES_PER_IP})
abstract class IdentityApiTest {

    static final String REGISTER = "/api/v1/auth/register";
    static final String LOGIN = "/api/v1/auth/login";
    static final String REFRESH = "/api/v1/auth/refresh";
    static final String LOGOUT = "/api/v1/auth/logout";
    static final String ME = "/api/v1/users/me";
    static final String ADMIN_USERS = "/api/v1/admin/users/";

    static final String ONCE_LISTED_AS_ADMIN = "boss@bourse.test";
    static final int MAX_FAILURES_PER_EMAIL = 5; // the default of bourse.identity.login.max-failures-per-email
    static final int MAX_FAILURES_PER_IP = 8;

    @LocalServerPort
    int port;

    @Autowired
    TestClock clock;

    @Autowired
    RecordingAccountOpening wallet;

    @Autowired
    RecordingPasswordEncoder passwords;

    @Autowired
    JdbcClient jdbc;

    /** A new caller, with an address of its own. */
    HttpApi api() {
        return HttpApi.onPort(port);
    }

    /** Someone who has not registered yet; names are unique across the whole run. */
    record Member(String username, String email, String password) {

        Map<String, Object> registration() {
            return Map.of("username", username, "email", email, "password", password);
        }

        Map<String, Object> credentials() {
            return Map.of("email", email, "password", password);
        }

        Map<String, Object> withPassword(String otherPassword) {
            return Map.of("email", email, "password", otherPassword);
        }
    }

    /** What a login answered. */
    record Session(long userId, String accessToken, String refreshToken) {
    }

    static Member newMember() {
        String unique = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        return new Member("user_" + unique, "user." + unique + "@example.com", "correct horse " + unique);
    }

    static Member newMemberWithEmail(String email) {
        Member member = newMember();
        return new Member(member.username(), email, member.password());
    }

    long register(Member member) {
        HttpApi.Reply reply = api().post(REGISTER, member.registration());
        assertThat(reply.status()).as("registration of %s: %s", member, reply).isEqualTo(201);
        return Long.parseLong(reply.text("id"));
    }

    Session logIn(Member member) {
        return logIn(api(), member);
    }

    Session logIn(HttpApi caller, Member member) {
        HttpApi.Reply reply = caller.post(LOGIN, member.credentials());
        assertThat(reply.status()).as("login of %s: %s", member, reply).isEqualTo(200);
        JsonNode body = reply.json();
        return new Session(Long.parseLong(body.path("user").path("id").asString()), body.path("access_token").asString(),
                body.path("refresh_token").asString());
    }

    /** A registered, logged-in member. */
    Session newSession() {
        Member member = newMember();
        register(member);
        return logIn(member);
    }

    /** An access token of the admin, made with the bootstrap token when this context has none yet. */
    String adminToken() {
        return Admins.accessToken(port);
    }

    static Map<String, Object> refreshBody(String refreshToken) {
        return Map.of("refresh_token", refreshToken);
    }
}
