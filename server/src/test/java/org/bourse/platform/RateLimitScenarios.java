package org.bourse.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bourse.testsupport.ProblemAssertions.assertProblem;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

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
    /**
     * One token in 1 000 s: whatever the machine's load, no token comes back on its own during a test, under
     * the server's clock or Redis's; a test that wants one back lets time pass for its bucket.
     */
    static final String REFILL_PER_SECOND = "0.001";
    static final long SECONDS_PER_TOKEN = 1_000;
    /** Needs a token: without one the answer is exactly {@code 401}, with the rate-limit headers. */
    static final String ANY_API_PATH = "/api/v1/users/me";

    @LocalServerPort
    int port;

    HttpApi api() {
        return HttpApi.onPort(port);
    }

    /** Lets the caller's bucket refill for that long, however the subclass's buckets measure time. */
    abstract void letTimePass(HttpApi caller, Duration duration);

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
        assertThat(Long.parseLong(refused.header("Retry-After"))).as("seconds until one token is back")
                .isBetween(1L, SECONDS_PER_TOKEN);
        assertThat(refused.header("X-RateLimit-Limit")).isEqualTo(Integer.toString(CAPACITY));
        assertThat(refused.header("X-RateLimit-Remaining")).isEqualTo("0");
    }

    @Test
    void anotherCallerKeepsItsOwnBudget() {
        spend(api());

        HttpApi.Reply another = api().get(ANY_API_PATH);

        assertProblem(another, 401, "UNAUTHORIZED");
        assertThat(another.header("X-RateLimit-Remaining")).isEqualTo(Integer.toString(CAPACITY - 1));
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
    void theBudgetComesBackAsTimePasses() {
        HttpApi caller = api();
        spend(caller);
        HttpApi.Reply refused = caller.get(ANY_API_PATH);
        assertProblem(refused, 429, "RATE_LIMITED");

        letTimePass(caller, Duration.ofSeconds(Long.parseLong(refused.header("Retry-After"))));

        HttpApi.Reply again = caller.get(ANY_API_PATH);
        assertProblem(again, 401, "UNAUTHORIZED");
        assertThat(again.header("X-RateLimit-Remaining")).as("the one token that came back, spent").isEqualTo("0");
        assertProblem(caller.get(ANY_API_PATH), 429, "RATE_LIMITED");
    }

    /**
     * Many requests of one caller at the same moment, on many connections: the bucket is charged atomically,
     * so exactly its capacity gets through, each with a different number remaining, and every other is refused.
     */
    @Test
    void aConcurrentBurstLetsThroughExactlyTheCapacity() throws Exception {
        HttpApi caller = api();
        int requests = 8 * CAPACITY;
        CountDownLatch go = new CountDownLatch(1);
        List<Future<HttpApi.Reply>> replies = new ArrayList<>();
        try (ExecutorService clients = Executors.newFixedThreadPool(requests)) {
            for (int i = 0; i < requests; i++) {
                replies.add(clients.submit(() -> {
                    go.await();
                    return caller.get(ANY_API_PATH);
                }));
            }
            go.countDown();
        }
        List<HttpApi.Reply> answered = new ArrayList<>();
        for (Future<HttpApi.Reply> reply : replies) {
            answered.add(reply.get());
        }

        assertThat(answered).extracting(HttpApi.Reply::status).containsOnly(401, 429);
        assertThat(answered).filteredOn(reply -> reply.status() == 401).as("let through")
                .extracting(reply -> reply.header("X-RateLimit-Remaining"))
                .containsExactlyInAnyOrder("4", "3", "2", "1", "0");
        assertThat(answered).filteredOn(reply -> reply.status() == 429).hasSize(requests - CAPACITY)
                .allSatisfy(reply -> assertProblem(reply, 429, "RATE_LIMITED"));
    }

    /** Spends a fresh caller's whole budget, checking that exactly the capacity was let through. */
    private static void spend(HttpApi caller) {
        for (int i = 0; i < CAPACITY; i++) {
            HttpApi.Reply reply = caller.get(ANY_API_PATH);
            assertThat(reply.status()).as("request %d of %d: %s", i + 1, CAPACITY, reply).isEqualTo(401);
            assertThat(reply.header("X-RateLimit-Remaining")).isEqualTo(Integer.toString(CAPACITY - 1 - i));
        }
    }
}
