package org.bourse.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;

class AnswerDeadlinesTest {

    @Test
    void anAnswerThatNeverComesFailsTheWaitWithATimeout() {
        try (AnswerDeadlines deadlines = new AnswerDeadlines(Duration.ofMillis(50))) {
            CompletableFuture<String> never = new CompletableFuture<>();

            assertThatThrownBy(() -> deadlines.await(never))
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(TimeoutException.class);
            assertThat(never.complete("late")).as("a late answer is ignored").isFalse();
        }
    }

    @Test
    void anAnswerInTimeIsReturned() throws Exception {
        try (AnswerDeadlines deadlines = new AnswerDeadlines(Duration.ofSeconds(30))) {
            CompletableFuture<String> answer = new CompletableFuture<>();
            Thread.ofVirtual().start(() -> answer.complete("filled"));

            assertThat(deadlines.await(answer)).isEqualTo("filled");
        }
    }

    @Test
    void theSweeperFailsOnlyExpiredWaitsAndStopsAtTheFirstThatStillHasTime() throws Exception {
        try (AnswerDeadlines deadlines = new AnswerDeadlines(Duration.ofHours(1))) {
            CompletableFuture<String> first = new CompletableFuture<>();
            CompletableFuture<String> answered = new CompletableFuture<>();
            CompletableFuture<String> second = new CompletableFuture<>();
            startWaiting(deadlines, first);
            startWaiting(deadlines, answered);
            startWaiting(deadlines, second);
            answered.complete("filled");

            deadlines.sweep(System.nanoTime());
            assertThat(first).as("an hour left").isNotDone();

            deadlines.sweep(System.nanoTime() + Duration.ofHours(2).toNanos());
            assertThat(first).isCompletedExceptionally();
            assertThat(second).isCompletedExceptionally();
            assertThat(answered).isCompletedWithValue("filled");
            assertThat(deadlines.pending()).isZero();
        }
    }

    /** One at a time, so the waits queue in this order. */
    private static void startWaiting(AnswerDeadlines deadlines, CompletableFuture<String> answer) {
        int before = deadlines.pending();
        Thread.ofVirtual().start(() -> awaitQuietly(deadlines, answer));
        while (deadlines.pending() == before) {
            Thread.onSpinWait();
        }
    }

    private static void awaitQuietly(AnswerDeadlines deadlines, CompletableFuture<String> answer) {
        try {
            deadlines.await(answer);
        } catch (ExecutionException | InterruptedException expected) {
            // the test looks at the futures
        }
    }
}
