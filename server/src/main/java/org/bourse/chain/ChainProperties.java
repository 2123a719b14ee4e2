package org.bourse.chain;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The EVM chain ETH moves on ({@code bourse.chain.*}, README "Configuration"). Without {@code rpcUrl} there is no
 * chain: no deposit addresses, and withdrawals are paid by an administrator. The hot wallet's private key is
 * deliberately not a property (properties can be listed and logged): it is read from {@code hotWalletKeyFile} or
 * from the environment variable {@code BOURSE_ETH_HOT_WALLET_KEY} by {@link HotWallet} alone.
 *
 * @param rpcUrl           the node's JSON-RPC URL ({@code BOURSE_ETH_RPC_URL}); empty: no chain
 * @param chainId          the chain the node must be on (EIP-155 replay protection signs it into every transaction)
 * @param confirmations    blocks, the transfer's own included, before a deposit is credited or a withdrawal settled
 * @param xpub             the extended public key deposit addresses derive from (children {@code 0/i})
 * @param hotWalletKeyFile a file holding the hot wallet's private key in hex; else the environment variable
 * @param withdrawalFee    what a withdrawal costs its user, in ETH, on top of the amount; it goes to the fee account
 * @param minWithdrawal    the smallest amount, in ETH
 * @param autoApproveBelow withdrawals of less than this (ETH) are approved without an administrator
 * @param startBlock       where the watcher starts the first time; negative: at the chain's head then
 * @param pollInterval     how often the watcher and the sender look at the chain
 * @param blocksPerRound   blocks read at most per round, so a long way to catch up is taken in steps
 * @param rpcTimeout       how long one JSON-RPC call may take
 */
@ConfigurationProperties("bourse.chain")
public record ChainProperties(String rpcUrl, long chainId, int confirmations, String xpub, Path hotWalletKeyFile,
                              BigDecimal withdrawalFee, BigDecimal minWithdrawal, BigDecimal autoApproveBelow,
                              long startBlock, Duration pollInterval, int blocksPerRound, Duration rpcTimeout) {

    public ChainProperties {
        if (confirmations < 1) {
            throw new IllegalArgumentException("bourse.chain.confirmations must be at least 1, got " + confirmations);
        }
        if (withdrawalFee == null || withdrawalFee.signum() < 0 || minWithdrawal == null || minWithdrawal.signum() <= 0
                || autoApproveBelow == null || autoApproveBelow.signum() < 0) {
            throw new IllegalArgumentException("bourse.chain: the withdrawal fee and the auto-approval threshold must be"
                    + " zero or more and the minimum withdrawal positive");
        }
    }

    public boolean configured() {
        return rpcUrl != null && !rpcUrl.isBlank();
    }
}
