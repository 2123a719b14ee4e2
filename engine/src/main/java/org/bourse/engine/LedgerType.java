package org.bourse.engine;

/** Why a balance changed; one ledger line per account and asset touched, the lines of one movement summing to zero. */
public enum LedgerType {
    DEPOSIT, WITHDRAWAL, TRANSFER_IN, TRANSFER_OUT, TRADE, FEE
}
