package org.bourse.testsupport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The server's clock in tests: real UTC time plus an offset that a test moves forward to make tokens expire
 * or lock-outs lift. It keeps ticking on its own, so rate-limit buckets still refill and timestamps still
 * order. Time only moves forward, because tests sharing a Spring context share this clock.
 */
public final class TestClock extends Clock {

    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    public void advance(Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("the test clock only moves forward, got " + by);
        }
        offset.accumulateAndGet(by, Duration::plus);
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.offset(Clock.system(zone), offset.get());
    }

    /** Replaces the server's {@code Clock} bean; {@link BourseHttpTest} imports it. */
    @TestConfiguration(proxyBeanMethods = false)
    public static class Provider {

        @Bean
        @Primary
        TestClock testClock() {
            return new TestClock();
        }
    }
}
