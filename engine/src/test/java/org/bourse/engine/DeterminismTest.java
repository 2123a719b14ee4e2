package org.bourse.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bourse.engine.Exchange.BTC;
import static org.bourse.engine.Exchange.LOT;
import static org.bourse.engine.Exchange.USD;

import org.junit.jupiter.api.Test;

class DeterminismTest {

    private static Exchange script() {
        Exchange x = new Exchange();
        x.user(1, 100_000 * USD, BTC);
        x.user(2, 100_000 * USD, BTC);
        x.limit(1, Side.SELL, 100 * USD, LOT * 10);
        x.limit(2, Side.BUY, 101 * USD, LOT * 4);
        x.place(2, Side.BUY, OrderKind.STOP_LIMIT, null, 105 * USD, 104 * USD, LOT);
        return x;
    }

    @Test
    void theSameCommandsGiveTheSameStateHash() {
        assertThat(script().engine.stateHash()).isEqualTo(script().engine.stateHash());
    }

    @Test
    void anyDifferenceChangesTheStateHash() {
        Exchange other = script();
        other.limit(1, Side.SELL, 200 * USD, LOT);
        assertThat(other.engine.stateHash()).isNotEqualTo(script().engine.stateHash());
    }
}
