package org.bourse.chain;

/** {@link WithdrawalScenarios} on the embedded default: H2. */
class EmbeddedWithdrawalTest extends WithdrawalScenarios {
}
