package org.bourse.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bourse.testsupport.ProblemAssertions.assertProblem;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.bourse.testsupport.BourseHttpTest;
import org.bourse.testsupport.HttpApi;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * Token-bucket rate limiting as a caller sees it, with a budget small enough to exhaust: every answer says
 * the limit and what remains, and the request over budget is {@code 429 RATE_LIMITED} with Retry-After.
 * One subclass per place the buckets live.
 */
@BourseHttpTest
@TestPropertySource(properties = {
        "bourse.rate-limit.capacity=" + RateLimitScenarios.CAPACITY,
        "bourse.rate-limit.refill-per-second=" + RateLimitScenarios.REFILL_PER_SECOND})
abstract class RateLimitScenarios {

    static final int CAPACITY = 5;
    static final String REFILL_PER_SECOND = "0.5"; // one token every 2 seconds: none comes back during a test's burst
    static final String ANY_API_PATH = "/api/v1/users/me";

    @LocalServerPort
    int port;

    HttpApi api() {
        return HttpApi.onPort(port);
    }

    /** Lets the buckets refill for that long, however the subclass's buckets measure time. */
    abstract void letTimePass(Duration duration) throws InterruptedException;

    @Test
    void everyAnswerCarriesTheLimitAndWhatRemains() {
        HttpApi caller = api();

        for (int remaining = CAPACITY - 1; remaining >= CAPACITY - 3; remaining--) {
            HttpApi.Reply reply = caller.get(ANY_API_PATH);
            assertThat(reply.header("X-RateLimit-Limit")).isEqualTo(Integer.toString(CAPACITY));
            assertThat(reply.header("X-RateLimit-Remaining")).isEqualTo(Integer.toString(remaining));
        }
    }

    @Test
    void theRequestOverBudgetIsRefusedWithRetryAfter() {
        HttpApi caller = api();
        spend(caller);

        HttpApi.Reply refused = caller.get(ANY_API_PATH);

        assertProblem(refused, 429, "RATE_LIMITED");
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 2L);
        assertThat(refused.header("X-RateLimit-Limit")).isEqualTo(Integer.toString(CAPACITY));
        assertThat(refused.header("X-RateLimit-Remaining")).isEqualTo("0");
    }

    @Test
    void anotherCallerKeepsItsOwnBudget() {
        spend(api());

        assertThat(api().get(ANY_API_PATH).status()).isNotEqualTo(429);
    }

    @Test
    void aUserIsChargedToTheirOwnBudgetNotTheirAddress() {
        HttpApi caller = api();
        String unique = UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> member = Map.of("username", "rl_" + unique, "email", "rl." + unique + "@example.com",
                "password", "correct horse");
        assertThat(caller.post("/api/v1/auth/register", member).status()).isEqualTo(201);
        String token = caller.post("/api/v1/auth/login", member).text("access_token");
        for (int i = 2; i < CAPACITY; i++) {
            caller.get(ANY_API_PATH);
        }
        assertProblem(caller.get(ANY_API_PATH), 429, "RATE_LIMITED");

        HttpApi.Reply reply = caller.withBearer(token).get(ANY_API_PATH);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("X-RateLimit-Remaining")).isEqualTo(Integer.toString(CAPACITY - 1));
    }

    @Test
    void theBudgetComesBackAsTimePasses() throws InterruptedException {
        HttpApi caller = api();
        spend(caller);
        HttpApi.Reply refused = caller.get(ANY_API_PATH);
        assertThat(refused.status()).isEqualTo(429);

        letTimePass(Duration.ofSeconds(Long.parseLong(refused.header("Retry-After"))));

        assertThat(caller.get(ANY_API_PATH).status()).isNotEqualTo(429);
    }

    /** Spends a fresh caller's whole budget, checking that exactly the capacity was let through. */
    private static void spend(HttpApi caller) {
        for (int i = 0; i < CAPACITY; i++) {
            assertThat(caller.get(ANY_API_PATH).status()).as("request %d of %d", i + 1, CAPACITY).isNotEqualTo(429);
        }
    }
}
