package org.bourse.chain;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;

import org.bourse.chain.evm.Address;
import org.bourse.chain.evm.EthereumNode.NodeException;
import org.springframework.stereotype.Component;

/**
 * What the exchange holds on each chain, for the audit: the hot wallet's balance and the deposit addresses' (funds
 * deposited stay there until swept by whoever holds the private side of the extended key), and what this module
 * recorded: deposits credited, withdrawals paid out, withdrawals still held. Whole units of the asset.
 */
@Component
public final class ChainReserves {

    /**
     * One asset on one network. {@code unavailable} says why the on-chain figures are missing (node down), else null.
     */
    public record Reserve(String asset, String network, String hotWallet, BigDecimal hotWalletBalance,
                          BigDecimal depositAddressesBalance, BigDecimal creditedDeposits,
                          BigDecimal confirmedWithdrawals, BigDecimal pendingWithdrawals, String unavailable) {

        /** On chain in total, or null when the node could not say. */
        public BigDecimal onChain() {
            return hotWalletBalance == null ? null : hotWalletBalance.add(depositAddressesBalance);
        }
    }

    private final EthereumChain chain;
    private final ChainRepository deposits;
    private final WithdrawalRepository withdrawals;

    ChainReserves(EthereumChain chain, ChainRepository deposits, WithdrawalRepository withdrawals) {
        this.chain = chain;
        this.deposits = deposits;
        this.withdrawals = withdrawals;
    }

    /** Empty without a chain. */
    public List<Reserve> reserves() {
        if (!chain.configured()) {
            return List.of();
        }
        String network = EthereumChain.NETWORK;
        String asset = EthereumChain.ASSET;
        BigDecimal credited = deposits.creditedTotal(network, asset);
        BigDecimal[] sums = withdrawals.totals(network, asset);
        Address hot = chain.hotWallet().address();
        try {
            BigInteger atDepositAddresses = BigInteger.ZERO;
            for (String address : deposits.addressesWithDeposits(network)) {
                atDepositAddresses = atDepositAddresses.add(chain.node().balance(Address.parse(address)));
            }
            return List.of(new Reserve(asset, network, hot.toString(), chain.ether(chain.node().balance(hot)),
                    chain.ether(atDepositAddresses), credited, sums[0], sums[1], null));
        } catch (NodeException e) {
            return List.of(new Reserve(asset, network, hot.toString(), null, null, credited, sums[0], sums[1],
                    "the node did not answer: " + e.getMessage()));
        }
    }
}
