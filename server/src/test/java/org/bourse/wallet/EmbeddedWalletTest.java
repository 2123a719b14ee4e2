package org.bourse.wallet;

/** {@link WalletScenarios} on the embedded default: H2 read models. */
class EmbeddedWalletTest extends WalletScenarios {
}
