package org.bourse.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.bourse.testsupport.ProblemAssertions.assertProblem;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.bourse.testsupport.HttpApi;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** {@code POST /api/v1/auth/login}: the tokens it hands out, what it refuses, and the lock-out after failures. */
abstract class LoginScenarios extends IdentityApiTest {

    @Test
    void loginAnswersTheUserAndBothTokens() {
        Member member = newMember();
        long userId = register(member);

        HttpApi.Reply reply = api().post(LOGIN, member.credentials());

        assertThat(reply.status()).isEqualTo(200);
        JsonNode body = reply.json();
        assertThat(body.propertyNames()).containsExactlyInAnyOrder("user", "access_token", "refresh_token", "token_type", "expires_in");
        assertThat(body.path("user").path("id").asString()).isEqualTo(Long.toString(userId));
        assertThat(body.path("user").path("email").asString()).isEqualTo(member.email());
        assertThat(body.path("token_type").asString()).isEqualTo("Bearer");
        assertThat(body.path("expires_in").isNumber()).isTrue();
        assertThat(body.path("expires_in").asLong()).isEqualTo(900);
        assertThat(body.path("access_token").asString()).isNotEqualTo(body.path("refresh_token").asString());
    }

    @Test
    void theAccessTokenCarriesTheContractsClaims() {
        Member member = newMember();
        long userId = register(member);

        JsonNode claims = claimsOf(logIn(member).accessToken());

        assertThat(claims.path("sub").asString()).isEqualTo(Long.toString(userId));
        assertThat(claims.path("username").asString()).isEqualTo(member.username());
        assertThat(claims.path("email").asString()).isEqualTo(member.email());
        assertThat(claims.path("role").asString()).isEqualTo("normal");
        long issuedAt = claims.path("iat").asLong();
        assertThat(Instant.ofEpochSecond(issuedAt)).isCloseTo(clock.instant(), within(1, ChronoUnit.MINUTES));
        assertThat(claims.path("nbf").asLong()).isEqualTo(issuedAt);
        assertThat(claims.path("exp").asLong()).isEqualTo(issuedAt + 15 * 60);
        assertThat(claims.has("type")).as("only refresh tokens have a type").isFalse();
    }

    @Test
    void unknownEmailAndWrongPasswordGetTheSameAnswer() {
        Member member = newMember();
        register(member);

        HttpApi.Reply wrongPassword = api().post(LOGIN, member.withPassword("not the password"));
        HttpApi.Reply unknownEmail = api().post(LOGIN, newMember().credentials());

        assertProblem(wrongPassword, 401, "INVALID_CREDENTIALS");
        assertProblem(unknownEmail, 401, "INVALID_CREDENTIALS");
        assertThat(withoutTraceId(unknownEmail.json())).isEqualTo(withoutTraceId(wrongPassword.json()));
    }

    /**
     * An unknown e-mail must not answer faster than a wrong password, or the timing would tell which e-mails
     * have accounts. Without the comparison against a stand-in hash it would answer some 20 times faster: the
     * password is compared with a bcrypt hash of the same cost either way.
     */
    @Test
    void anUnknownEmailCostsTheSamePasswordComparisonAsAWrongPassword() {
        Member member = newMember();
        register(member);
        String wrongPassword = "not the password of " + member.username();
        Member stranger = newMember();

        assertProblem(api().post(LOGIN, member.withPassword(wrongPassword)), 401, "INVALID_CREDENTIALS");
        assertProblem(api().post(LOGIN, stranger.credentials()), 401, "INVALID_CREDENTIALS");

        List<String> againstTheUsersHash = passwords.hashesComparedWith(wrongPassword);
        List<String> againstAStandIn = passwords.hashesComparedWith(stranger.password());
        assertThat(againstTheUsersHash).singleElement().satisfies(hash ->
                assertThat(RecordingPasswordEncoder.cost(hash)).isEqualTo(IdentityConfiguration.BCRYPT_COST));
        assertThat(againstAStandIn).as("the unknown e-mail's password, compared all the same").singleElement()
                .satisfies(hash -> assertThat(RecordingPasswordEncoder.cost(hash)).isEqualTo(IdentityConfiguration.BCRYPT_COST));
    }

    @Test
    void loginIgnoresTheCaseOfTheEmail() {
        Member member = newMember();
        register(member);

        HttpApi.Reply reply = api().post(LOGIN, Map.of("email", member.email().toUpperCase(Locale.ROOT), "password", member.password()));

        assertThat(reply.status()).isEqualTo(200);
    }

    @Test
    void everyLoginAttemptIsRecordedWithTheCallersAddress() {
        Member member = newMember();
        register(member);
        HttpApi caller = api();

        caller.post(LOGIN, member.withPassword("not the password"));
        caller.post(LOGIN, member.credentials());

        assertThat(attemptsOf(member.email())).containsExactly(
                new Attempt(caller.address(), false, "INVALID_CREDENTIALS"),
                new Attempt(caller.address(), true, "SUCCESS"));
    }

    @Test
    void anAttemptWithAnUnknownEmailIsRecordedToo() {
        Member stranger = newMember();
        HttpApi caller = api();

        caller.post(LOGIN, stranger.credentials());

        assertThat(attemptsOf(stranger.email())).containsExactly(new Attempt(caller.address(), false, "INVALID_CREDENTIALS"));
    }

    @Test
    void aLoginRecordsWhenItHappened() {
        Member member = newMember();
        long userId = register(member);

        logIn(member);

        Instant lastLogin = jdbc.sql("SELECT last_login FROM users WHERE id = :id").param("id", userId)
                .query((row, n) -> UserRepository.instant(row, "last_login")).single();
        assertThat(lastLogin).isCloseTo(clock.instant(), within(1, ChronoUnit.MINUTES));
    }

    @Test
    void repeatedFailuresLockTheEmailOutEvenForTheRightPassword() {
        Member member = newMember();
        register(member);
        HttpApi caller = api();
        failToLogIn(caller, member, MAX_FAILURES_PER_EMAIL);

        HttpApi elsewhere = api();
        HttpApi.Reply locked = caller.post(LOGIN, member.credentials());
        HttpApi.Reply lockedElsewhere = elsewhere.post(LOGIN, member.credentials());

        for (HttpApi.Reply reply : List.of(locked, lockedElsewhere)) {
            assertProblem(reply, 429, "RATE_LIMITED");
            assertThat(Long.parseLong(reply.header("Retry-After"))).isBetween(1L, Duration.ofMinutes(15).toSeconds());
        }
        assertThat(attemptsOf(member.email())).endsWith(
                new Attempt(caller.address(), false, "RATE_LIMITED"),
                new Attempt(elsewhere.address(), false, "RATE_LIMITED"));
    }

    @Test
    void theLockOutLiftsWhenItsWindowHasPassed() {
        Member member = newMember();
        register(member);
        failToLogIn(api(), member, MAX_FAILURES_PER_EMAIL);
        assertProblem(api().post(LOGIN, member.credentials()), 429, "RATE_LIMITED");

        clock.advance(Duration.ofMinutes(15).plusSeconds(1));

        assertThat(api().post(LOGIN, member.credentials()).status()).isEqualTo(200);
    }

    @Test
    void aSuccessfulLoginForgivesTheEarlierFailures() {
        Member member = newMember();
        register(member);
        for (int round = 0; round < 2; round++) {
            failToLogIn(api(), member, MAX_FAILURES_PER_EMAIL - 1);
            assertThat(api().post(LOGIN, member.credentials()).status()).as("round %d", round).isEqualTo(200);
        }
    }

    @Test
    void repeatedFailuresFromOneAddressLockThatAddressOut() {
        Member member = newMember();
        register(member);
        HttpApi guesser = api();
        for (int i = 0; i < MAX_FAILURES_PER_IP; i++) {
            assertProblem(guesser.post(LOGIN, newMember().credentials()), 401, "INVALID_CREDENTIALS");
        }

        assertProblem(guesser.post(LOGIN, member.credentials()), 429, "RATE_LIMITED");
        assertThat(api().post(LOGIN, member.credentials()).status()).as("from another address").isEqualTo(200);
    }

    record Attempt(String ip, boolean success, String outcome) {
    }

    private static void failToLogIn(HttpApi caller, Member member, int times) {
        for (int i = 0; i < times; i++) {
            assertProblem(caller.post(LOGIN, member.withPassword("guess " + i)), 401, "INVALID_CREDENTIALS");
        }
    }

    private List<Attempt> attemptsOf(String email) {
        return jdbc.sql("SELECT ip, success, outcome FROM login_attempts WHERE email = :email ORDER BY id")
                .param("email", email.toLowerCase(Locale.ROOT))
                .query((row, n) -> new Attempt(row.getString("ip"), row.getBoolean("success"), row.getString("outcome")))
                .list();
    }

    private static JsonNode withoutTraceId(JsonNode problem) {
        ObjectNode copy = (ObjectNode) problem.deepCopy();
        copy.remove("trace_id");
        return copy;
    }

    static JsonNode claimsOf(String jwt) {
        String payload = jwt.split("\\.")[1];
        return JsonMapper.builder().build().readTree(new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8));
    }
}
