package org.bourse.chain;

import java.math.BigInteger;
import java.time.Clock;
import java.util.Locale;

import org.bourse.chain.WithdrawalRepository.Withdrawal;
import org.bourse.chain.evm.Address;
import org.bourse.chain.evm.EthereumNode;
import org.bourse.chain.evm.EthereumNode.NodeException;
import org.bourse.chain.evm.Hex;
import org.bourse.chain.evm.Transfer;
import org.bourse.exchange.Amounts;
import org.bourse.platform.DurableWrites;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Pays approved withdrawals on the chain from the hot wallet. Each is signed once, with the next nonce, and the
 * signed bytes and the nonce are made durable <em>before</em> the first broadcast: after a crash the same bytes
 * are broadcast again, which the chain accepts at most once (one nonce, one transaction), so a withdrawal is never
 * sent twice. A broadcast transaction is followed to the configured confirmations; then the withdrawal settles, or,
 * when the transaction failed on chain, its hold is released.
 */
@Component
final class WithdrawalSender {

    private static final Logger log = LoggerFactory.getLogger(WithdrawalSender.class);

    private final EthereumChain chain;
    private final WithdrawalRepository repository;
    private final Withdrawals withdrawals;
    private final DurableWrites durableWrites;
    private final Clock clock;

    WithdrawalSender(EthereumChain chain, WithdrawalRepository repository, Withdrawals withdrawals,
                     DurableWrites durableWrites, Clock clock) {
        this.chain = chain;
        this.repository = repository;
        this.withdrawals = withdrawals;
        this.durableWrites = durableWrites;
        this.clock = clock;
    }

    void round() {
        String network = EthereumChain.NETWORK;
        int approved = repository.autoApprove(network, chain.properties().autoApproveBelow(), clock.instant());
        if (approved > 0) {
            log.info("{} withdrawal(s) below {} ETH approved automatically", approved,
                    chain.properties().autoApproveBelow().toPlainString());
        }
        for (Withdrawal w : repository.withStatus(network, "signed")) {
            broadcast(w); // signed before a crash or a failed broadcast: the same bytes again
        }
        for (Withdrawal w : repository.withStatus(network, "approved")) {
            Withdrawal signed = sign(w);
            if (signed != null) {
                broadcast(signed);
            }
        }
        long head = chain.node().blockNumber();
        for (Withdrawal w : repository.withStatus(network, "broadcast")) {
            follow(w, head);
        }
    }

    private Withdrawal sign(Withdrawal w) {
        EthereumNode node = chain.node();
        HotWallet wallet = chain.hotWallet();
        long nonce = Math.max(node.pendingNonce(wallet.address()), repository.highestNonce(EthereumChain.NETWORK) + 1);
        BigInteger gasPrice = node.gasPrice();
        gasPrice = gasPrice.add(gasPrice.shiftRight(2)); // a quarter above the node's price, to be mined soon
        long minor = Amounts.minor(w.amount(), chain.scale());
        Transfer transfer = new Transfer(chain.properties().chainId(), nonce, gasPrice, Transfer.PLAIN_TRANSFER_GAS,
                Address.parseChecksummed(w.address()), chain.wei(minor));
        Transfer.Signed signed = wallet.sign(transfer);
        if (!repository.markSigned(w.id(), nonce, Hex.of(signed.raw()), signed.hash(), clock.instant())) {
            return null; // rejected meanwhile: the signature is thrown away, never broadcast
        }
        durableWrites.flush();
        log.info("Withdrawal {} signed: transaction {} with nonce {}", w.id(), signed.hash(), nonce);
        return repository.find(w.id()).orElseThrow();
    }

    private void broadcast(Withdrawal w) {
        try {
            chain.node().sendRawTransaction(Hex.bytes(w.signedTx()));
        } catch (NodeException e) {
            if (!alreadySent(e)) {
                log.warn("Withdrawal {}: broadcast of {} failed, tried again next round: {}", w.id(), w.txHash(),
                        e.getMessage());
                return;
            }
            log.info("Withdrawal {}: the node already has {} ({})", w.id(), w.txHash(), e.getMessage());
        }
        if (repository.transition(w.id(), "broadcast", clock.instant(), "signed")) {
            log.info("Withdrawal {} broadcast: {}", w.id(), w.txHash());
        }
    }

    /** The node refusing a transaction because it has it, or because its nonce was used: by this very transaction. */
    private static boolean alreadySent(NodeException e) {
        String message = e.getMessage().toLowerCase(Locale.ROOT);
        return message.contains("already known") || message.contains("known transaction")
                || message.contains("already imported") || message.contains("nonce too low");
    }

    private void follow(Withdrawal w, long head) {
        EthereumNode node = chain.node();
        EthereumNode.Receipt receipt = node.receipt(w.txHash());
        if (receipt == null) {
            if (!node.knows(w.txHash())) {
                log.warn("Withdrawal {}: the node lost {}; broadcasting the same bytes again", w.id(), w.txHash());
                try {
                    node.sendRawTransaction(Hex.bytes(w.signedTx()));
                } catch (NodeException e) {
                    log.warn("Withdrawal {}: broadcast again failed: {}", w.id(), e.getMessage());
                }
            }
            return;
        }
        if (w.blockNumber() == null || w.blockNumber() != receipt.blockNumber()) {
            repository.blockNumber(w.id(), receipt.blockNumber());
        }
        long confirmations = head - receipt.blockNumber() + 1;
        if (confirmations < chain.properties().confirmations()) {
            return;
        }
        if (receipt.success()) {
            if (repository.transition(w.id(), "confirmed", clock.instant(), "broadcast")) {
                withdrawals.settle(w, w.txHash());
                log.info("Withdrawal {} confirmed in block {}: {}", w.id(), receipt.blockNumber(), w.txHash());
            }
        } else if (repository.fail(w.id(), "the transaction failed on chain", clock.instant())) {
            withdrawals.release(w);
            log.warn("Withdrawal {}: transaction {} failed on chain; the hold is released", w.id(), w.txHash());
        }
        durableWrites.flush();
    }
}
