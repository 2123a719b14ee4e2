package org.bourse.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class OpenLoopTest {

    @Test
    void theMeasuredWindowGetsExactlyTheRate() {
        double rate = 5_000;
        long firstInWindow = -1;
        for (long i = 0; firstInWindow < 0; i++) {
            if (OpenLoop.dueNanos(i, rate, 60) >= 60_000_000_000L) {
                firstInWindow = i;
            }
        }
        for (long k = 0; k < 10; k++) {
            long gap = OpenLoop.dueNanos(firstInWindow + k + 1, rate, 60) - OpenLoop.dueNanos(firstInWindow + k, rate, 60);
            assertThat(gap).isBetween(199_999L, 200_001L); // 1 / 5 000 s
        }
    }

    @Test
    void theWarmUpClimbsFromATenthOfTheRate() {
        double rate = 5_000;
        // the warm-up's arrivals: the average of 500/s and 5 000/s over 60 s
        long due = OpenLoop.dueNanos(165_000, rate, 60);
        assertThat(due / 1e9).isCloseTo(60, within(0.001));
        double earlyGap = (OpenLoop.dueNanos(101, rate, 60) - OpenLoop.dueNanos(100, rate, 60)) / 1e9;
        assertThat(earlyGap).isCloseTo(1 / 500.0, within(0.0001));
        double lateGap = (OpenLoop.dueNanos(164_001, rate, 60) - OpenLoop.dueNanos(164_000, rate, 60)) / 1e9;
        assertThat(lateGap).isCloseTo(1 / 5_000.0, within(0.00001));
    }

    @Test
    void withoutWarmUpEveryArrivalIsOneIntervalApart() {
        assertThat(OpenLoop.dueNanos(0, 1_000, 0)).isZero();
        assertThat(OpenLoop.dueNanos(1_000, 1_000, 0)).isEqualTo(1_000_000_000L);
    }
}
