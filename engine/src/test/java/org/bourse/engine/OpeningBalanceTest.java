package org.bourse.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bourse.engine.Exchange.USD;

import org.bourse.engine.account.Accounts;
import org.bourse.engine.command.Deposit;
import org.bourse.engine.command.OpenFundedAccount;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** An account's opening balance is credited when the account is opened, and never again, however late a retry. */
class OpeningBalanceTest {

    private static final long MONTH = 31L * 24 * 3600 * 1000;

    private final Exchange x = new Exchange();

    @AfterEach
    void invariantsHold() {
        assertThat(x.engine.report().healthy()).as(x.engine.report().toString()).isTrue();
    }

    @Test
    void openingAnAccountCreditsItsOpeningBalanceFromTheTreasury() {
        Result opened = x.apply(new OpenFundedAccount(1, "USD", 100_000 * USD, "t-open"));

        assertThat(opened.accepted()).isTrue();
        assertThat(opened.replayed()).isFalse();
        assertThat(x.available(1, "USD")).isEqualTo(100_000 * USD);
        assertThat(x.engine.account(Accounts.TREASURY).total(0)).isEqualTo(-100_000 * USD);
        assertThat(x.events.commandLines).allSatisfy(line -> {
            assertThat(line.type()).isEqualTo(LedgerType.DEPOSIT);
            assertThat(line.transactionId()).isEqualTo(OpenFundedAccount.TRANSACTION_ID);
            assertThat(line.traceId()).isEqualTo("t-open");
        });
    }

    @Test
    void aRetryLongAfterTheIdempotencyWindowCreditsNothing() {
        x.apply(new OpenFundedAccount(1, "USD", 100_000 * USD, null));
        x.clock += 3 * MONTH; // far past the transaction ids' retention

        Result retried = x.apply(new OpenFundedAccount(1, "USD", 100_000 * USD, null));

        assertThat(retried.accepted()).isTrue();
        assertThat(retried.replayed()).isTrue();
        assertThat(x.available(1, "USD")).isEqualTo(100_000 * USD);
        assertThat(x.events.commandLines).isEmpty();
    }

    @Test
    void anAccountThatExistsAlreadyIsNotCreditedAnOpeningBalance() {
        x.apply(new Deposit("first", 1, "USD", 5 * USD, null));

        assertThat(x.apply(new OpenFundedAccount(1, "USD", 100_000 * USD, null)).replayed()).isTrue();
        assertThat(x.available(1, "USD")).isEqualTo(5 * USD);
    }

    @Test
    void aZeroOpeningBalanceOpensAnEmptyAccount() {
        assertThat(x.apply(new OpenFundedAccount(1, "USD", 0, null)).accepted()).isTrue();

        assertThat(x.engine.account(1)).isNotNull();
        assertThat(x.available(1, "USD")).isZero();
        assertThat(x.apply(new OpenFundedAccount(1, "USD", 100_000 * USD, null)).replayed()).isTrue();
        assertThat(x.available(1, "USD")).isZero();
    }

    @Test
    void anUnknownAssetOrAnInvalidUserOpensNothing() {
        assertThat(x.apply(new OpenFundedAccount(1, "DOGE", 5, null)).rejection()).isEqualTo(RejectReason.ASSET_NOT_FOUND);
        assertThat(x.apply(new OpenFundedAccount(0, "USD", 5, null)).rejection()).isEqualTo(RejectReason.INVALID_ACCOUNT);
        assertThat(x.engine.account(1)).isNull();
    }
}
