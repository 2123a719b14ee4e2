package org.bourse.platform;

import java.time.Duration;

import org.bourse.testsupport.HttpApi;
import org.bourse.testsupport.TestClock;
import org.springframework.beans.factory.annotation.Autowired;

/** Rate limiting with the embedded default: buckets in this JVM, timed by the server's clock. */
class LocalRateLimitTest extends RateLimitScenarios {

    @Autowired
    TestClock clock;

    @Override
    void letTimePass(HttpApi caller, Duration duration) {
        clock.advance(duration);
    }
}
