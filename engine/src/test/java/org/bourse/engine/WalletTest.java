package org.bourse.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bourse.engine.Exchange.USD;

import org.bourse.engine.account.Accounts;
import org.bourse.engine.command.Deposit;
import org.bourse.engine.command.Transfer;
import org.bourse.engine.command.Withdraw;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WalletTest {

    private final Exchange x = new Exchange();
    private final long alice = x.user(1, 1_000 * USD, 0);
    private final long bob = x.user(2, 0, 0);

    @AfterEach
    void invariantsHold() {
        assertThat(x.engine.report().healthy()).as(x.engine.report().toString()).isTrue();
    }

    @Test
    void aDepositComesFromTheTreasuryAndIsWrittenTwice() {
        x.apply(new Deposit("d-1", alice, "USD", 250 * USD, "t-1"));

        assertThat(x.available(alice, "USD")).isEqualTo(1_250 * USD);
        assertThat(x.engine.account(Accounts.TREASURY).total(0)).isEqualTo(-1_250 * USD);
        assertThat(x.events.commandLines).extracting(Recorder.Line::amount).containsExactly(-250 * USD, 250 * USD);
        assertThat(x.events.commandLines).allSatisfy(l -> {
            assertThat(l.transactionId()).isEqualTo("d-1");
            assertThat(l.traceId()).isEqualTo("t-1");
            assertThat(l.type()).isEqualTo(LedgerType.DEPOSIT);
        });
    }

    @Test
    void theSameTransactionIdWithTheSameContentIsAppliedOnce() {
        Deposit deposit = new Deposit("d-2", alice, "USD", 5 * USD, null);
        assertThat(x.apply(deposit).replayed()).isFalse();
        assertThat(x.apply(deposit).replayed()).isTrue();

        assertThat(x.available(alice, "USD")).isEqualTo(1_005 * USD);
    }

    @Test
    void theSameTransactionIdWithOtherContentIsRefused() {
        x.apply(new Transfer("t-9", alice, bob, "USD", 10 * USD, "lunch", null));

        Result reused = x.apply(new Transfer("t-9", alice, bob, "USD", 11 * USD, "lunch", null));

        assertThat(reused.rejection()).isEqualTo(RejectReason.TRANSACTION_ID_REUSED);
        assertThat(x.available(bob, "USD")).isEqualTo(10 * USD);
    }

    @Test
    void aTransferDebitsOneAccountAndCreditsTheOtherAtomically() {
        Result result = x.apply(new Transfer("t-1", alice, bob, "USD", 400 * USD, "rent", null));

        assertThat(result.accepted()).isTrue();
        assertThat(x.available(alice, "USD")).isEqualTo(600 * USD);
        assertThat(x.available(bob, "USD")).isEqualTo(400 * USD);
        assertThat(x.events.commandLines).extracting(Recorder.Line::type)
                .containsExactly(LedgerType.TRANSFER_OUT, LedgerType.TRANSFER_IN);
    }

    @Test
    void aTransferOrWithdrawalBeyondTheAvailableBalanceChangesNothing() {
        assertThat(x.apply(new Transfer("t-2", alice, bob, "USD", 1_001 * USD, null, null)).rejection())
                .isEqualTo(RejectReason.INSUFFICIENT_FUNDS);
        assertThat(x.apply(new Withdraw("w-1", alice, "USD", 1_001 * USD, null)).rejection())
                .isEqualTo(RejectReason.INSUFFICIENT_FUNDS);
        assertThat(x.available(alice, "USD")).isEqualTo(1_000 * USD);
        assertThat(x.available(bob, "USD")).isZero();
        // refused transactions are not remembered: the same id may succeed later
        x.apply(new Deposit("d-3", alice, "USD", 1 * USD, null));
        assertThat(x.apply(new Transfer("t-2", alice, bob, "USD", 1_001 * USD, null, null)).accepted()).isTrue();
    }

    @Test
    void fundsHeldByOrdersCannotBeWithdrawnOrTransferred() {
        x.limit(alice, Side.BUY, 100 * USD, 900 * Exchange.LOT); // holds 9.00 USD and the largest fee
        long held = x.held(alice, "USD");
        long available = x.available(alice, "USD");
        assertThat(held).isPositive();

        assertThat(x.apply(new Withdraw("w-2", alice, "USD", available + 1, null)).rejection())
                .isEqualTo(RejectReason.INSUFFICIENT_FUNDS);
        assertThat(x.apply(new Transfer("t-4", alice, bob, "USD", available + 1, null, null)).rejection())
                .isEqualTo(RejectReason.INSUFFICIENT_FUNDS);
        assertThat(x.available(bob, "USD")).isZero();

        assertThat(x.apply(new Transfer("t-5", alice, bob, "USD", available / 2, null, null)).accepted()).isTrue();
        assertThat(x.apply(new Withdraw("w-3", alice, "USD", available - available / 2, null)).accepted()).isTrue();
        assertThat(x.available(alice, "USD")).isZero();
        assertThat(x.held(alice, "USD")).as("what the order holds stays held").isEqualTo(held);
        assertThat(x.available(bob, "USD")).isEqualTo(available / 2);
    }

    @Test
    void nonsenseAmountsAndUnknownAssetsAreRefused() {
        assertThat(x.apply(new Deposit("d-4", alice, "USD", 0, null)).rejection()).isEqualTo(RejectReason.INVALID_AMOUNT);
        assertThat(x.apply(new Deposit("d-5", alice, "USD", -1, null)).rejection()).isEqualTo(RejectReason.INVALID_AMOUNT);
        assertThat(x.apply(new Deposit("d-6", alice, "USD", Long.MAX_VALUE, null)).rejection())
                .isEqualTo(RejectReason.INVALID_AMOUNT);
        assertThat(x.apply(new Deposit("d-7", alice, "XYZ", 1, null)).rejection()).isEqualTo(RejectReason.ASSET_NOT_FOUND);
        assertThat(x.apply(new Transfer("t-3", alice, alice, "USD", 1, null, null)).rejection())
                .isEqualTo(RejectReason.SAME_ACCOUNT);
    }

    @Test
    void transactionIdsAreForgottenAfterTheRetention() {
        Exchange short_ = new Exchange(new EngineConfig(50_000, 1_000));
        long user = short_.user(5, 0, 0);
        Deposit deposit = new Deposit("d-8", user, "USD", 1, null);
        short_.apply(deposit);
        short_.clock += 2_000;

        assertThat(short_.apply(deposit).replayed()).isFalse();
        assertThat(short_.available(user, "USD")).isEqualTo(2);
    }
}
