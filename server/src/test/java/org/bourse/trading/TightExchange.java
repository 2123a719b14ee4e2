package org.bourse.trading;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.bourse.testsupport.BourseHttpTest;
import org.bourse.testsupport.EngineStall;
import org.springframework.test.context.TestPropertySource;

/**
 * One server for the tests of the exchange's limits: few working orders per user (3 per market, 5 in all),
 * an answer deadline of 2 s, and queues small enough to fill (8 commands waiting, journaled one at a time), so
 * that a stalled engine ({@link EngineStall}) turns into deadlines passing and into overload.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@BourseHttpTest
@TestPropertySource(properties = {"bourse.demo.enabled=false", "bourse.rate-limit.capacity=100000",
        "bourse.rate-limit.refill-per-second=100000", "bourse.exchange.fsync=false",
        "bourse.exchange.max-open-orders-per-market=" + TightExchange.PER_MARKET,
        "bourse.exchange.max-open-orders=" + TightExchange.IN_ALL,
        "bourse.exchange.request-timeout=2s", "bourse.exchange.queue-capacity=8", "bourse.exchange.max-batch=1"})
@interface TightExchange {

    int PER_MARKET = 3;
    int IN_ALL = 5;
}
