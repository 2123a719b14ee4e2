package org.bourse.chain;

import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waits for something the chain worker does in the background (it looks at the chain every 100 ms in these
 * tests). The bound only keeps a broken build from hanging: nothing asserts how long it took.
 */
final class Eventually {

    private static final Duration PATIENCE = Duration.ofSeconds(90);

    private Eventually() {
    }

    static <T> T until(String what, Supplier<T> probe, Predicate<T> done) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        T last = probe.get();
        while (!done.test(last)) {
            if (System.nanoTime() > deadline) {
                fail("still not " + what + " after " + PATIENCE.toSeconds() + " s; last seen: " + last);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            last = probe.get();
        }
        return last;
    }
}
