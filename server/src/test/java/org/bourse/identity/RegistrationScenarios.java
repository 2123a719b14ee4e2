package org.bourse.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.bourse.testsupport.ProblemAssertions.assertProblem;
import static org.bourse.testsupport.ProblemAssertions.assertValidationFailed;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;

import org.bourse.testsupport.HttpApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import tools.jackson.databind.JsonNode;

/** {@code POST /api/v1/auth/register}: who may register, what they get back, and what is refused. */
abstract class RegistrationScenarios extends IdentityApiTest {

    private static final int CONCURRENT_REGISTRATIONS = 8;

    @Test
    void registrationAnswersTheNewUserWithoutItsPassword() {
        Member alice = newMember();

        HttpApi.Reply reply = api().post(REGISTER, alice.registration());

        assertThat(reply.status()).isEqualTo(201);
        JsonNode user = reply.json();
        assertThat(user.propertyNames()).containsExactlyInAnyOrder("id", "username", "email", "role", "is_active", "created_at",
                "email_verified");
        assertThat(user.path("email_verified").asBoolean()).as("until the mailed link is followed").isFalse();
        assertThat(user.path("id").isString()).as("ids are JSON strings").isTrue();
        assertThat(Long.parseLong(user.path("id").asString())).isPositive();
        assertThat(user.path("username").asString()).isEqualTo(alice.username());
        assertThat(user.path("email").asString()).isEqualTo(alice.email());
        assertThat(user.path("role").asString()).isEqualTo("normal");
        assertThat(user.path("is_active").asBoolean()).isTrue();
        assertThat(user.path("created_at").asString()).endsWith("Z");
        assertThat(Instant.parse(user.path("created_at").asString())).isCloseTo(clock.instant(), within(1, ChronoUnit.MINUTES));
        assertThat(reply.body()).doesNotContain(alice.password()).doesNotContain("$2a$");
    }

    @Test
    void theRegisteredUserIsWhatMeAnswersLater() {
        Member member = newMember();
        JsonNode registered = api().post(REGISTER, member.registration()).json();

        Session session = logIn(member);

        assertThat(api().withBearer(session.accessToken()).get(ME).json()).isEqualTo(registered);
    }

    @Test
    void registrationOpensTheAccountWithTheRequestsTraceId() {
        HttpApi.Reply reply = api().withHeader("X-Request-Id", "register-trace-1").post(REGISTER, newMember().registration());

        long userId = Long.parseLong(reply.text("id"));
        assertThat(wallet.openedFor(userId)).containsExactly(new RecordingAccountOpening.Opened(userId, "register-trace-1"));
    }

    @Test
    void aWalletFailingOnceIsAskedAgainSoTheAccountOpensWithTheRegistration() {
        wallet.failNextCalls(1);

        HttpApi.Reply reply = api().withHeader("X-Request-Id", "register-retried").post(REGISTER, newMember().registration());

        assertThat(reply.status()).isEqualTo(201);
        long userId = Long.parseLong(reply.text("id"));
        assertThat(wallet.openedFor(userId)).containsExactly(new RecordingAccountOpening.Opened(userId, "register-retried"));
    }

    @Test
    void aWalletThatKeepsFailingFailsTheRegistrationAndRegistersNoOne() {
        Member member = newMember();
        wallet.failNextCalls(RecordingAccountOpening.MORE_THAN_ANY_RETRY);

        HttpApi.Reply refused = api().post(REGISTER, member.registration());

        assertProblem(refused, 503, "ACCOUNT_OPENING_FAILED");
        assertThat(refused.header("Retry-After")).isNotBlank();
        assertProblem(api().post(LOGIN, member.credentials()), 401, "INVALID_CREDENTIALS");
        wallet.failNextCalls(0);
        assertThat(api().post(REGISTER, member.registration()).status()).as("the same registration, once the wallet works")
                .isEqualTo(201);
    }

    @Test
    void anAccountLeftUnopenedByACrashIsOpenedAtTheNextLoginOnly() {
        Member member = newMember();
        long userId = Long.parseLong(api().withHeader("X-Request-Id", "registering").post(REGISTER, member.registration())
                .text("id"));
        forgetTheAccountWasOpened(userId);

        logIn(api().withHeader("X-Request-Id", "first-login"), member);
        logIn(api().withHeader("X-Request-Id", "second-login"), member);

        assertThat(wallet.openedFor(userId)).extracting(RecordingAccountOpening.Opened::traceId)
                .containsExactly("registering", "first-login");
    }

    @Test
    void aLoginIsRefusedWhileTheAccountStillCannotBeOpened() {
        Member member = newMember();
        long userId = register(member);
        forgetTheAccountWasOpened(userId);
        wallet.failNextCalls(RecordingAccountOpening.MORE_THAN_ANY_RETRY);

        HttpApi.Reply refused = api().post(LOGIN, member.credentials());

        wallet.failNextCalls(0);
        assertProblem(refused, 503, "ACCOUNT_OPENING_FAILED");
        assertThat(api().post(LOGIN, member.credentials()).status()).isEqualTo(200);
    }

    @Test
    void anEmailOnceListedAsAdminRegistersAsANormalUser() {
        HttpApi.Reply reply = api().post(REGISTER, newMemberWithEmail(ONCE_LISTED_AS_ADMIN.toUpperCase(Locale.ROOT))
                .registration());

        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.text("role")).isEqualTo("normal");
    }

    /** What a crash between the user row and the wallet's answer leaves: a user whose account is not open. */
    private void forgetTheAccountWasOpened(long userId) {
        jdbc.sql("UPDATE users SET account_opened_at = NULL WHERE id = :id").param("id", userId).update();
    }

    @Test
    void aTakenEmailIsRefusedWhateverItsCase() {
        Member first = newMember();
        register(first);

        HttpApi.Reply reply = api().post(REGISTER, newMemberWithEmail(first.email().toUpperCase(Locale.ROOT)).registration());

        assertProblem(reply, 409, "EMAIL_TAKEN");
    }

    @Test
    void aTakenUsernameIsRefusedWhateverItsCase() {
        Member first = newMember();
        register(first);
        Member second = newMember();

        HttpApi.Reply reply = api().post(REGISTER,
                new Member(first.username().toUpperCase(Locale.ROOT), second.email(), second.password()).registration());

        assertProblem(reply, 409, "USERNAME_TAKEN");
    }

    @Test
    void concurrentRegistrationsOfOneUsernameLetExactlyOneThrough() throws Exception {
        String username = newMember().username();

        List<HttpApi.Reply> replies = registerAtOnce(i -> new Member(username, newMember().email(), "password " + i));

        assertExactlyOneRegisteredAndTheRestRefused(replies, "USERNAME_TAKEN");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM users WHERE username_key = :key").param("key", username.toLowerCase(Locale.ROOT))
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void concurrentRegistrationsOfOneEmailLetExactlyOneThrough() throws Exception {
        String email = newMember().email();

        List<HttpApi.Reply> replies = registerAtOnce(i -> newMemberWithEmail(email));

        assertExactlyOneRegisteredAndTheRestRefused(replies, "EMAIL_TAKEN");
    }

    static Stream<Arguments> invalidRegistrations() {
        return Stream.of(
                Arguments.of("username", "ab"),
                Arguments.of("username", "a".repeat(51)),
                Arguments.of("username", "two words"),
                Arguments.of("username", "émile"),
                Arguments.of("username", "semi;colon"),
                Arguments.of("email", "not-an-e-mail"),
                Arguments.of("email", "no-domain@"),
                Arguments.of("email", "x@" + "d".repeat(250) + ".com"),
                Arguments.of("password", "seven77"),
                Arguments.of("password", "p".repeat(73)),
                Arguments.of("password", "é".repeat(37))); // 37 characters, but 74 bytes
    }

    @ParameterizedTest(name = "{0} = \"{1}\"")
    @MethodSource("invalidRegistrations")
    void anInvalidFieldIsRefusedByName(String field, String value) {
        Map<String, Object> body = new HashMap<>(newMember().registration());
        body.put(field, value);

        Map<String, String> errors = assertValidationFailed(api().post(REGISTER, body));

        assertThat(errors).containsOnlyKeys(field);
    }

    static Stream<String> usernamesAtTheEdges() {
        String unique = newMember().username().substring("user_".length()); // 12 characters
        return Stream.of(
                "u" + unique.substring(0, 2),          // 3 characters
                "u".repeat(38) + unique,               // 50 characters
                "A-b_c.9" + unique);                   // every kind of character allowed
    }

    @ParameterizedTest
    @MethodSource("usernamesAtTheEdges")
    void usernamesAtTheEdgesAreAccepted(String username) {
        Member member = newMember();

        HttpApi.Reply reply = api().post(REGISTER, new Member(username, member.email(), member.password()).registration());

        assertThat(reply.status()).as("%s", reply).isEqualTo(201);
        assertThat(reply.text("username")).isEqualTo(username);
    }

    @ParameterizedTest
    @ValueSource(strings = {"eight888", "éééé" /* 4 characters, 8 bytes */, "pppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppp" /* 72 */})
    void passwordsAtTheEdgesAreAcceptedAndWork(String password) {
        Member member = newMember();
        Member withPassword = new Member(member.username(), member.email(), password);

        register(withPassword);

        assertThat(api().post(LOGIN, withPassword.credentials()).status()).isEqualTo(200);
    }

    @Test
    void everyInvalidFieldGetsItsOwnErrorRow() {
        Map<String, String> errors = assertValidationFailed(
                api().post(REGISTER, Map.of("username", "x", "email", "nope", "password", "short")));

        assertThat(errors).containsOnlyKeys("username", "email", "password");
    }

    private List<HttpApi.Reply> registerAtOnce(Function<Integer, Member> memberNumber) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<HttpApi.Reply>> pending = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(CONCURRENT_REGISTRATIONS)) {
            for (int i = 0; i < CONCURRENT_REGISTRATIONS; i++) {
                Member member = memberNumber.apply(i);
                HttpApi caller = api();
                pending.add(threads.submit(() -> {
                    start.await();
                    return caller.post(REGISTER, member.registration());
                }));
            }
            start.countDown();
            List<HttpApi.Reply> replies = new ArrayList<>();
            for (Future<HttpApi.Reply> reply : pending) {
                replies.add(reply.get(1, TimeUnit.MINUTES));
            }
            return replies;
        }
    }

    private static void assertExactlyOneRegisteredAndTheRestRefused(List<HttpApi.Reply> replies, String code) {
        assertThat(replies).as("%s", replies).filteredOn(reply -> reply.status() == 201).hasSize(1);
        List<HttpApi.Reply> refused = replies.stream().filter(reply -> reply.status() != 201).toList();
        assertThat(refused).hasSize(CONCURRENT_REGISTRATIONS - 1);
        refused.forEach(reply -> assertProblem(reply, 409, code));
    }
}
