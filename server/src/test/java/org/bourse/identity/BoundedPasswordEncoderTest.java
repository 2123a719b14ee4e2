package org.bourse.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.bourse.platform.ApiException;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.password.PasswordEncoder;

/** bcrypt's CPU is rationed: never more hashes at once than the bound, and a caller that waits too long is told so. */
class BoundedPasswordEncoderTest {

    /** Stands in for bcrypt: counts how many run at once, and holds each until released. */
    private static final class SlowHash implements PasswordEncoder {
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger mostAtOnce = new AtomicInteger();
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public String encode(CharSequence raw) {
            int now = running.incrementAndGet();
            mostAtOnce.accumulateAndGet(now, Math::max);
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                running.decrementAndGet();
            }
            return "hash";
        }

        @Override
        public boolean matches(CharSequence raw, String encoded) {
            return encode(raw).equals(encoded);
        }
    }

    @Test
    void noMoreHashesRunAtOnceThanTheBound() throws Exception {
        SlowHash bcrypt = new SlowHash();
        PasswordEncoder bounded = new BoundedPasswordEncoder(bcrypt, 2, Duration.ofMinutes(1));
        List<Future<Boolean>> logins = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 16; i++) {
                logins.add(threads.submit(() -> bounded.matches("password", "hash")));
            }
            while (bcrypt.running.get() < 2) {
                Thread.onSpinWait(); // the first two are hashing; the other fourteen wait for a turn
            }
            bcrypt.release.countDown();
            for (Future<Boolean> login : logins) {
                assertThat(login.get()).isTrue();
            }
        }
        assertThat(bcrypt.mostAtOnce.get()).isEqualTo(2);
    }

    @Test
    void aCallerWhoseTurnDoesNotComeGetsServiceUnavailable() throws Exception {
        SlowHash bcrypt = new SlowHash();
        PasswordEncoder bounded = new BoundedPasswordEncoder(bcrypt, 1, Duration.ofMillis(50));
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<String> first = threads.submit(() -> bounded.encode("first"));
            while (bcrypt.running.get() < 1) {
                Thread.onSpinWait();
            }

            assertThatThrownBy(() -> bounded.encode("second"))
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status().value()).isEqualTo(503));

            bcrypt.release.countDown();
            assertThat(first.get()).isEqualTo("hash");
        }
    }
}
