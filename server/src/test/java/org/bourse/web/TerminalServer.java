package org.bourse.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.bourse.testsupport.BourseHttpTest;
import org.springframework.test.context.TestPropertySource;

/**
 * The server the terminal's tests run against, one cached Spring context for all of them: no demo bots
 * (BOURSE_DEMO=false, so the books hold only what the tests put there), rate limits out of the way (every
 * browser is the same address), and the tests' admin ({@link TerminalUsers#admin}).
 */
@Documented
@Inherited
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@BourseHttpTest
@TestPropertySource(properties = {"bourse.demo.enabled=false", "bourse.rate-limit.capacity=100000",
        "bourse.rate-limit.refill-per-second=100000", "bourse.rate-limit.auth.capacity=100000",
        "bourse.rate-limit.auth.refill-per-second=100000"})
@interface TerminalServer {
}
