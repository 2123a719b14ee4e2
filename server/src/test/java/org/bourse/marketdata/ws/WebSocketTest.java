package org.bourse.marketdata.ws;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.bourse.testsupport.BourseHttpTest;
import org.springframework.test.context.TestPropertySource;

/**
 * The server for WebSocket tests, one shared context: no demo liquidity (books start empty), no rate limit in
 * the way of thousands of orders, no fsync (durability is not what these tests check), a small outbox so
 * a client that stops reading is found slow quickly, socket budgets that do not refill while a test runs
 * (each {@link WsClient} comes from an address of its own), room for {@value #MAX_CHANNELS} channels per socket
 * (instead of 200) so that a test can reach the limit, and no heartbeat of its own: sockets are idle by the
 * server's clock, which tests move, so a test that needs a heartbeat runs it at the moment it chooses.
 */
@Documented
@Inherited
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@BourseHttpTest
@TestPropertySource(properties = {"bourse.demo=false", "bourse.rate-limit.capacity=100000",
        "bourse.rate-limit.refill-per-second=100000",
        "bourse.exchange.fsync=false", "bourse.ws.send-queue=256", "bourse.ws.max-channels=" + WebSocketTest.MAX_CHANNELS,
        "bourse.ws.ping-interval=1d",
        // books of thousands of one user's orders
        "bourse.exchange.max-open-orders-per-market=100000", "bourse.exchange.max-open-orders=100000",
        // budgets that do not refill during a test, so the ones that exhaust them are exact
        "bourse.ws.message-burst=" + WebSocketTest.MESSAGE_BURST, "bourse.ws.messages-per-second=0.0001",
        "bourse.ws.subscriptions-per-second=0.0001"})
@interface WebSocketTest {

    int MAX_CHANNELS = 10;
    int MESSAGE_BURST = 100;
    int SUBSCRIPTION_BURST = 400; // bourse.ws.subscription-burst's default
}
