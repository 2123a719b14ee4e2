package org.bourse.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;

import org.bourse.engine.Engine;
import org.bourse.engine.OrderKind;
import org.bourse.engine.Result;
import org.bourse.engine.Side;
import org.bourse.engine.command.CancelOrder;
import org.bourse.engine.command.Command;
import org.bourse.engine.command.Deposit;
import org.bourse.engine.command.PlaceOrder;
import org.junit.jupiter.api.Test;

/** The working-order counts a placement is checked against, as the engine's orders come and go. */
class WorkingOrdersTest {

    private static final long ALICE = 7;
    private final Engine engine = new Engine();
    private final AtomicLong sequence = new AtomicLong();

    private Result apply(Command command) {
        return engine.apply(sequence.incrementAndGet(), sequence.get(), command);
    }

    private long pendingBuy() {
        // 0.01 BTC at 100.00 USD, created pending: it works (and counts) until executed, cancelled or expired
        return apply(new PlaceOrder(ALICE, null, "BTC-USD", Side.BUY, OrderKind.LIMIT, null, false, 10_000, 0,
                1_000_000, 0, false, "t")).orderId();
    }

    @Test
    void aRestartCountsTheOrdersStillWorkingAndForgetsFinishedOnes() {
        MarketListing.initial().getFirst().commands("t").forEach(this::apply);
        apply(new Deposit("d", ALICE, "USD", 100_000, "t"));
        long first = pendingBuy();
        pendingBuy();
        pendingBuy();
        apply(new CancelOrder(ALICE, first, "t"));

        WorkingOrders restarted = new WorkingOrders(3, 5);
        restarted.restore(engine);

        assertThat(restarted.working(ALICE, "BTC-USD")).isEqualTo(2);
        assertThat(restarted.reserve(ALICE, "BTC-USD")).as("a third slot").isTrue();
        assertThat(restarted.reserve(ALICE, "BTC-USD")).as("a fourth").isFalse();
        restarted.release(ALICE, "BTC-USD");
        assertThat(restarted.reserve(ALICE, "BTC-USD")).as("the third, given back").isTrue();
    }
}
