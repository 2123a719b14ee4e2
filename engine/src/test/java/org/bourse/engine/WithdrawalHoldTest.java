package org.bourse.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bourse.engine.Exchange.USD;

import org.bourse.engine.account.Accounts;
import org.bourse.engine.command.HoldWithdrawal;
import org.bourse.engine.command.ReleaseWithdrawal;
import org.bourse.engine.command.SettleWithdrawal;
import org.bourse.engine.command.Transfer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A withdrawal's funds are held at once, then paid out (amount to the world, fee to the exchange) or released. */
class WithdrawalHoldTest {

    private static final String TX_HASH = "0x5c504ed432cb51138bcf09aa5e8a410dd4a1e204ef84bfed1be16dfba1b22060";

    private final Exchange x = new Exchange();
    private final long alice = x.user(1, 1_000 * USD, 0);
    private final long bob = x.user(2, 0, 0);

    @AfterEach
    void invariantsHold() {
        assertThat(x.engine.report().healthy()).as(x.engine.report().toString()).isTrue();
    }

    private HoldWithdrawal hold(String id, long amount, long fee) {
        return new HoldWithdrawal(id, alice, "USD", amount, fee, "trace-" + id);
    }

    @Test
    void aRequestHoldsTheAmountAndTheFeeAtOnceAndWritesNoLedgerLine() {
        Result result = x.apply(hold("w-1", 300 * USD, 2 * USD));

        assertThat(result.accepted()).isTrue();
        assertThat(x.available(alice, "USD")).isEqualTo(698 * USD);
        assertThat(x.held(alice, "USD")).isEqualTo(302 * USD);
        assertThat(x.events.commandLines).isEmpty();
        WithdrawalHold hold = x.engine.withdrawalHold(alice, "w-1");
        assertThat(hold.amount()).isEqualTo(300 * USD);
        assertThat(hold.fee()).isEqualTo(2 * USD);
        assertThat(x.engine.report().assets().get(0).withdrawing()).isEqualTo(302 * USD);
    }

    @Test
    void settlingPaysTheAmountOutAndTheFeeToTheFeeAccountWithTheReferenceOnEveryLine() {
        x.apply(hold("w-2", 300 * USD, 2 * USD));

        Result result = x.apply(new SettleWithdrawal("w-2", alice, TX_HASH, "t-settle"));

        assertThat(result.accepted()).isTrue();
        assertThat(x.available(alice, "USD")).isEqualTo(698 * USD);
        assertThat(x.held(alice, "USD")).isZero();
        assertThat(x.engine.account(Accounts.FEE_ACCOUNT).total(0)).isEqualTo(2 * USD);
        assertThat(x.engine.account(Accounts.TREASURY).total(0)).isEqualTo(-1_000 * USD + 300 * USD);
        assertThat(x.engine.netDeposits(x.engine.asset("USD"))).isEqualTo(700 * USD);
        assertThat(x.events.commandLines).extracting(Recorder.Line::account, Recorder.Line::amount, Recorder.Line::type)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(alice, -300 * USD, LedgerType.WITHDRAWAL),
                        org.assertj.core.groups.Tuple.tuple(Accounts.TREASURY, 300 * USD, LedgerType.WITHDRAWAL),
                        org.assertj.core.groups.Tuple.tuple(alice, -2 * USD, LedgerType.FEE),
                        org.assertj.core.groups.Tuple.tuple(Accounts.FEE_ACCOUNT, 2 * USD, LedgerType.FEE));
        assertThat(x.events.commandLines).allSatisfy(line -> {
            assertThat(line.transactionId()).isEqualTo(TX_HASH);
            assertThat(line.traceId()).isEqualTo("t-settle");
        });
        assertThat(x.engine.withdrawalHold(alice, "w-2")).isNull();
    }

    @Test
    void releasingGivesBackExactlyWhatWasHeld() {
        x.apply(hold("w-3", 123_45, 67));

        assertThat(x.apply(new ReleaseWithdrawal("w-3", alice, null)).accepted()).isTrue();

        assertThat(x.available(alice, "USD")).isEqualTo(1_000 * USD);
        assertThat(x.held(alice, "USD")).isZero();
        assertThat(x.events.commandLines).isEmpty();
        assertThat(x.engine.withdrawalHold(alice, "w-3")).isNull();
    }

    @Test
    void aWithdrawalBeyondTheAvailableBalanceFeeIncludedChangesNothing() {
        Result result = x.apply(hold("w-4", 1_000 * USD, 1));

        assertThat(result.rejection()).isEqualTo(RejectReason.INSUFFICIENT_FUNDS);
        assertThat(x.available(alice, "USD")).isEqualTo(1_000 * USD);
        assertThat(x.held(alice, "USD")).isZero();
        assertThat(x.engine.withdrawalHold(alice, "w-4")).isNull();
        // refused, so not remembered: the same id may be used once the funds are there
        assertThat(x.apply(hold("w-4", 999 * USD, 1 * USD)).accepted()).isTrue();
    }

    @Test
    void theSameTransactionIdHoldsOnceAndWithOtherContentIsRefused() {
        assertThat(x.apply(hold("w-5", 10 * USD, 1)).replayed()).isFalse();
        assertThat(x.apply(hold("w-5", 10 * USD, 1)).replayed()).isTrue();
        assertThat(x.apply(hold("w-5", 11 * USD, 1)).rejection()).isEqualTo(RejectReason.TRANSACTION_ID_REUSED);
        assertThat(x.apply(new Transfer("w-5", alice, bob, "USD", 1, null, null)).rejection())
                .isEqualTo(RejectReason.TRANSACTION_ID_REUSED);

        assertThat(x.held(alice, "USD")).isEqualTo(10 * USD + 1);
        // once paid out, a resent request is still the same request, not a second withdrawal
        x.apply(new SettleWithdrawal("w-5", alice, TX_HASH, null));
        assertThat(x.apply(hold("w-5", 10 * USD, 1)).replayed()).isTrue();
        assertThat(x.held(alice, "USD")).isZero();
    }

    @Test
    void aWithdrawalEndsOnceAndOnlyOneWay() {
        x.apply(hold("w-6", 5 * USD, 0));
        x.apply(hold("w-7", 5 * USD, 0));
        x.apply(new SettleWithdrawal("w-6", alice, "bank-ref-1", null));
        x.apply(new ReleaseWithdrawal("w-7", alice, null));

        assertThat(x.apply(new SettleWithdrawal("w-6", alice, "bank-ref-1", null)).replayed()).isTrue();
        assertThat(x.apply(new ReleaseWithdrawal("w-7", alice, null)).replayed()).isTrue();
        assertThat(x.apply(new ReleaseWithdrawal("w-6", alice, null)).rejection())
                .isEqualTo(RejectReason.WITHDRAWAL_NOT_FOUND);
        assertThat(x.apply(new SettleWithdrawal("w-7", alice, "bank-ref-2", null)).rejection())
                .isEqualTo(RejectReason.WITHDRAWAL_NOT_FOUND);
        assertThat(x.apply(new SettleWithdrawal("w-6", alice, "another-ref", null)).rejection())
                .isEqualTo(RejectReason.WITHDRAWAL_NOT_FOUND);
        assertThat(x.apply(new SettleWithdrawal("w-6", bob, "bank-ref-1", null)).rejection())
                .isEqualTo(RejectReason.WITHDRAWAL_NOT_FOUND);
        assertThat(x.available(alice, "USD")).isEqualTo(995 * USD);
        assertThat(x.held(alice, "USD")).isZero();
    }

    @Test
    void fundsHeldForAWithdrawalCannotBeTransferredOrTraded() {
        x.apply(hold("w-8", 990 * USD, 10 * USD));

        assertThat(x.apply(new Transfer("t-1", alice, bob, "USD", 1, null, null)).rejection())
                .isEqualTo(RejectReason.INSUFFICIENT_FUNDS);
        Result buy = x.limit(alice, Side.BUY, 100 * USD, Exchange.LOT);
        assertThat(buy.orderId() == 0 ? RejectReason.INSUFFICIENT_FUNDS : x.events.lastChangeOf(buy.orderId()).reason())
                .isEqualTo(RejectReason.INSUFFICIENT_FUNDS);
        assertThat(x.held(alice, "USD")).isEqualTo(1_000 * USD);
    }

    @Test
    void nonsenseIsRefusedWithoutHarm() {
        assertThat(x.apply(hold("w-9", 0, 0)).rejection()).isEqualTo(RejectReason.INVALID_AMOUNT);
        assertThat(x.apply(hold("w-9", -1, 0)).rejection()).isEqualTo(RejectReason.INVALID_AMOUNT);
        assertThat(x.apply(hold("w-9", 1, -1)).rejection()).isEqualTo(RejectReason.INVALID_AMOUNT);
        assertThat(x.apply(hold("w-9", Long.MAX_VALUE, Long.MAX_VALUE)).rejection()).isEqualTo(RejectReason.INVALID_AMOUNT);
        assertThat(x.apply(hold(null, 1, 0)).rejection()).isEqualTo(RejectReason.INVALID_TRANSACTION_ID);
        assertThat(x.apply(new HoldWithdrawal("w-9", alice, "XYZ", 1, 0, null)).rejection())
                .isEqualTo(RejectReason.ASSET_NOT_FOUND);
        assertThat(x.apply(new HoldWithdrawal("w-9", Accounts.FEE_ACCOUNT, "USD", 1, 0, null)).rejection())
                .isEqualTo(RejectReason.INSUFFICIENT_FUNDS);
        assertThat(x.apply(new HoldWithdrawal("w-9", 99, "USD", 1, 0, null)).rejection())
                .isEqualTo(RejectReason.INSUFFICIENT_FUNDS);
        assertThat(x.apply(new SettleWithdrawal("never", alice, "ref", null)).rejection())
                .isEqualTo(RejectReason.WITHDRAWAL_NOT_FOUND);
        assertThat(x.available(alice, "USD")).isEqualTo(1_000 * USD);
        assertThat(x.held(alice, "USD")).isZero();
    }
}
