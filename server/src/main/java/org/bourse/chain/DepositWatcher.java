package org.bourse.chain;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.bourse.chain.ChainRepository.ChainDeposit;
import org.bourse.chain.evm.EthereumNode;
import org.bourse.chain.evm.EthereumNode.Block;
import org.bourse.engine.Result;
import org.bourse.engine.command.Deposit;
import org.bourse.exchange.Amounts;
import org.bourse.exchange.ExchangeGateway;
import org.bourse.platform.DurableWrites;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Follows the chain block by block from a persisted position and records every transfer to a deposit address
 * once, by transaction hash and index; credits it through the engine's {@link Deposit} (transaction id
 * {@code <hash>/<index>}) once it has the configured confirmations. The hash of every block read is kept for a
 * while: when the chain answers another hash at the same height, the blocks from there on were replaced (a
 * reorganisation), and the deposits they held are forgotten until the new chain shows them again.
 *
 * <p>Index 0 is the transaction's own value: plain ETH transfers are what is watched (token transfers, whose
 * index would be the log's, are not).
 */
@Component
final class DepositWatcher {

    private static final Logger log = LoggerFactory.getLogger(DepositWatcher.class);
    private static final int OWN_VALUE = 0;

    private final EthereumChain chain;
    private final DepositAddresses addresses;
    private final ChainRepository repository;
    private final ExchangeGateway exchange;
    private final TransactionTemplate transactions;
    private final DurableWrites durableWrites;
    private final Clock clock;

    DepositWatcher(EthereumChain chain, DepositAddresses addresses, ChainRepository repository, ExchangeGateway exchange,
                   TransactionTemplate transactions, DurableWrites durableWrites, Clock clock) {
        this.chain = chain;
        this.addresses = addresses;
        this.repository = repository;
        this.exchange = exchange;
        this.transactions = transactions;
        this.durableWrites = durableWrites;
        this.clock = clock;
    }

    /** One look at the chain: back off a reorganisation, read new blocks, credit what is confirmed. */
    void round() {
        EthereumNode node = chain.node();
        String network = EthereumChain.NETWORK;
        long head = node.blockNumber();
        ChainRepository.Cursor cursor = repository.cursor(network).orElseGet(() -> start(head));
        long last = unwindReorganisation(node, cursor.lastBlock(), head);
        last = readBlocks(node, last, Math.min(head, last + chain.properties().blocksPerRound()), head);
        long confirmedUpTo = head - chain.properties().confirmations() + 1;
        for (ChainDeposit deposit : repository.uncredited(network)) {
            if (deposit.blockNumber() <= Math.min(confirmedUpTo, last)) {
                credit(deposit);
            }
        }
        repository.forgetBlocksBelow(network, last - 2L * chain.properties().confirmations() - 64);
        durableWrites.flush();
    }

    private ChainRepository.Cursor start(long head) {
        long startBlock = chain.properties().startBlock();
        long last = startBlock < 0 ? head : startBlock - 1;
        repository.saveCursor(EthereumChain.NETWORK, last, head);
        log.info("Deposit watcher starts after block {}", last);
        return new ChainRepository.Cursor(last, head);
    }

    /**
     * Walks back from the newest block read while the chain has another block (or none) at that height. @return the
     * newest block read that is still in the chain
     */
    private long unwindReorganisation(EthereumNode node, long last, long head) {
        String network = EthereumChain.NETWORK;
        while (true) {
            Optional<String> known = repository.blockHash(network, last);
            if (known.isEmpty()) {
                return last; // nothing read there (the start), or so old that it was forgotten: final anyway
            }
            Block now = last <= head ? node.block(last) : null;
            if (now != null && now.hash().equals(known.get())) {
                return last;
            }
            long block = last;
            transactions.executeWithoutResult(status -> {
                int unseen = repository.unseeBlock(network, block);
                for (ChainDeposit lost : repository.creditedInBlock(network, block)) {
                    log.error("DEEP REORGANISATION: deposit {} credited to user {} is no longer in block {}; the "
                            + "reconciliation shows the difference", lost.transactionId(), lost.userId(), block);
                }
                repository.forgetBlock(network, block);
                repository.saveCursor(network, block - 1, head);
                log.warn("Block {} left the chain (reorganisation); {} uncredited deposit(s) in it forgotten", block,
                        unseen);
            });
            last--;
        }
    }

    /** Reads blocks {@code last + 1 .. to}, one transaction each. @return the newest block read */
    private long readBlocks(EthereumNode node, long last, long to, long head) {
        Map<String, Long> watched = addresses.all();
        String network = EthereumChain.NETWORK;
        for (long number = last + 1; number <= to; number++) {
            Block block = node.block(number);
            Optional<String> parent = repository.blockHash(network, number - 1);
            if (block == null || parent.isPresent() && !parent.get().equals(block.parentHash())) {
                break; // the chain changed under us: the next round unwinds it
            }
            List<Arrival> arrivals = new ArrayList<>();
            for (EthereumNode.Tx tx : block.transactions()) {
                Long user = tx.to() == null ? null : watched.get(tx.to().lowerCase());
                if (user != null && tx.value().signum() > 0) {
                    arrival(node, tx, user).ifPresent(arrivals::add);
                }
            }
            transactions.executeWithoutResult(status -> {
                arrivals.forEach(arrival -> record(block, arrival));
                repository.saveBlock(network, block.number(), block.hash());
                repository.saveCursor(network, block.number(), head);
            });
            last = number;
        }
        return last;
    }

    /** A transfer to a deposit address, worth crediting. */
    private record Arrival(EthereumNode.Tx tx, long user, BigDecimal amount) {
    }

    /** Asked of the node before the block's database transaction, which then holds no connection while waiting. */
    private Optional<Arrival> arrival(EthereumNode node, EthereumNode.Tx tx, long user) {
        EthereumNode.Receipt receipt = node.receipt(tx.hash());
        if (receipt == null || !receipt.success()) {
            return Optional.empty(); // a failed transaction moved no value
        }
        long minor = chain.minor(tx.value());
        if (minor == 0) {
            log.info("Deposit {} to user {} is {} wei, less than the smallest unit of ETH credited; not credited",
                    tx.hash(), user, tx.value());
            return Optional.empty();
        }
        return Optional.of(new Arrival(tx, user, Amounts.decimal(minor, chain.scale())));
    }

    private void record(Block block, Arrival arrival) {
        EthereumNode.Tx tx = arrival.tx();
        if (repository.saveDeposit(EthereumChain.NETWORK, tx.hash(), OWN_VALUE, arrival.user(), tx.to().lowerCase(),
                EthereumChain.ASSET, arrival.amount(), tx.value(), block.number(), block.hash(), clock.instant())) {
            log.info("Deposit {} of {} ETH to user {} seen in block {}", tx.hash(), arrival.amount().toPlainString(),
                    arrival.user(), block.number());
        }
    }

    /** Through the engine, idempotent on the deposit's identity: a credit repeated after a crash is a replay. */
    private void credit(ChainDeposit deposit) {
        long minor = Amounts.minor(deposit.amount(), chain.scale());
        Result result = exchange.execute(new Deposit(deposit.transactionId(), deposit.userId(), deposit.asset(), minor,
                "deposit-" + deposit.txHash()));
        if (!result.accepted()) {
            log.error("The engine refused deposit {} to user {}: {}", deposit.transactionId(), deposit.userId(),
                    result.rejection());
            return;
        }
        repository.markCredited(deposit.id(), clock.instant());
        log.info("Deposit {} of {} ETH credited to user {}", deposit.transactionId(),
                Amounts.decimal(minor, chain.scale()).toPlainString(), deposit.userId());
    }
}
