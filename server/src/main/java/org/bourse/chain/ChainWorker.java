package org.bourse.chain;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.locks.LockSupport;

import org.bourse.chain.evm.EthereumNode.NodeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The one thread that talks to the chain: every poll interval the deposit watcher, then the withdrawal sender,
 * so that neither ever races itself. It starts after the engine (and the web server), first finishing what a crash
 * interrupted; without a chain it does only that. A node that is down or answers nonsense costs a warning and a
 * round; the next round tries again.
 */
@Component
final class ChainWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ChainWorker.class);

    private final EthereumChain chain;
    private final DepositWatcher watcher;
    private final WithdrawalSender sender;
    private final Withdrawals withdrawals;
    private final Clock clock;
    private final Instant createdAt;
    private volatile Thread thread;
    private volatile boolean running;

    ChainWorker(EthereumChain chain, DepositWatcher watcher, WithdrawalSender sender, Withdrawals withdrawals,
                Clock clock) {
        this.chain = chain;
        this.watcher = watcher;
        this.sender = sender;
        this.withdrawals = withdrawals;
        this.clock = clock;
        this.createdAt = clock.instant();
    }

    @Override
    public void start() {
        withdrawals.finishInterrupted(createdAt);
        running = true;
        if (chain.configured()) {
            thread = Thread.ofPlatform().name("bourse-chain").daemon().start(this::run);
        }
    }

    private void run() {
        long interval = Math.max(1, chain.properties().pollInterval().toMillis());
        while (running) {
            try {
                if (chain.nodeOnConfiguredChain()) {
                    watcher.round();
                    sender.round();
                    withdrawals.finishEnded();
                }
            } catch (NodeException e) {
                log.warn("Chain round stopped: {}", e.getMessage());
            } catch (RuntimeException e) {
                log.error("Chain round failed; the next one tries again", e);
            }
            // parked, not slept: stop() wakes it without an interrupt, which would close H2's file channel mid-write
            LockSupport.parkNanos(interval * 1_000_000);
        }
    }

    @Override
    public void stop() {
        running = false;
        Thread current = thread;
        thread = null;
        if (current != null) {
            LockSupport.unpark(current);
            try {
                current.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
