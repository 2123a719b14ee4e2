package org.bourse.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

import org.bourse.testsupport.HttpApi;
import org.junit.jupiter.api.Test;

/**
 * Guesses sent all at once get no more tries than guesses sent one after another: each attempt is counted
 * before its password is checked, so the lock-out holds under a burst of parallel logins.
 */
class ParallelLoginTest extends IdentityApiTest {

    private static final int GUESSES = 40;

    @Test
    void parallelWrongPasswordsForOneEmailGetNoMoreTriesThanTheLimit() throws Exception {
        Member victim = newMember();
        register(victim);
        HttpApi anyone = api();

        Map<Integer, Integer> statuses = sendTogether(i -> anyone.anotherCaller(), i -> victim.withPassword("guess " + i));

        assertThat(statuses.getOrDefault(401, 0)).as("guesses checked, of %s", statuses).isLessThanOrEqualTo(MAX_FAILURES_PER_EMAIL);
        assertThat(statuses.getOrDefault(429, 0)).as("guesses refused, of %s", statuses)
                .isEqualTo(GUESSES - statuses.getOrDefault(401, 0));
    }

    @Test
    void parallelWrongPasswordsFromOneAddressGetNoMoreTriesThanTheLimit() throws Exception {
        HttpApi attacker = api();

        Map<Integer, Integer> statuses = sendTogether(i -> attacker, i -> newMember().withPassword("guess " + i));

        assertThat(statuses.getOrDefault(401, 0)).as("guesses checked, of %s", statuses).isLessThanOrEqualTo(MAX_FAILURES_PER_IP);
        assertThat(statuses.getOrDefault(429, 0)).as("guesses refused, of %s", statuses)
                .isEqualTo(GUESSES - statuses.getOrDefault(401, 0));
    }

    /** Sends {@value #GUESSES} logins released at the same moment; @return how many got each status */
    private static Map<Integer, Integer> sendTogether(IntFunction<HttpApi> caller, IntFunction<Map<String, Object>> body)
            throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> answers = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < GUESSES; i++) {
                HttpApi from = caller.apply(i);
                Map<String, Object> credentials = body.apply(i);
                answers.add(threads.submit(() -> {
                    start.await();
                    return from.post(LOGIN, credentials).status();
                }));
            }
            start.countDown();
            Map<Integer, Integer> statuses = new java.util.TreeMap<>();
            for (Future<Integer> answer : answers) {
                statuses.merge(answer.get(), 1, Integer::sum);
            }
            return statuses;
        }
    }
}
