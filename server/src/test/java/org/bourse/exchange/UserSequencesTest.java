package org.bourse.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.bourse.engine.LedgerType;
import org.bourse.engine.Side;
import org.junit.jupiter.api.Test;

class UserSequencesTest {

    private final UserSequences sequences = new UserSequences();

    @Test
    void aTradeTouchesTheMakerWhoseOrderRestedAsWellAsTheTaker() {
        sequences.apply(new CommandEvents(7, 0, null, null, List.of(new ExchangeEvent.TradeExecuted(1, "BTC-USD", 100, 1,
                Side.BUY, 11, 12, 3, 4, 0, 0, 100, 100, 0))));

        assertThat(sequences.lastTouching(3)).isEqualTo(7);
        assertThat(sequences.lastTouching(4)).isEqualTo(7);
        assertThat(sequences.lastTouching(5)).isZero();
    }

    @Test
    void aTransferTouchesItsRecipientAndLaterCommandsMoveTheMarkForward() {
        sequences.apply(new CommandEvents(9, 0, null, null, List.of(new ExchangeEvent.TransactionCompleted(
                LedgerType.TRANSFER_OUT, "t-1", 3, 5, "USD", 10, null, "trace", 0))));
        sequences.apply(new CommandEvents(10, 0, null, null, List.of(new ExchangeEvent.BalanceChanged(3, "USD", 0, 0))));

        assertThat(sequences.lastTouching(5)).isEqualTo(9);
        assertThat(sequences.lastTouching(3)).isEqualTo(10);
    }

    @Test
    void othersCommandsDoNotMoveAUsersMark() {
        sequences.apply(new CommandEvents(4, 0, null, null, List.of(new ExchangeEvent.BalanceChanged(3, "USD", 0, 0))));
        sequences.apply(new CommandEvents(5, 0, null, null, List.of(new ExchangeEvent.BalanceChanged(8, "USD", 0, 0))));

        assertThat(sequences.lastTouching(3)).isEqualTo(4);
    }
}
