package org.bourse.testsupport;

import java.util.concurrent.CountDownLatch;

import org.bourse.exchange.ExchangeGateway;

/**
 * Holds the engine thread until closed, the way a stalled journal or a slow disk would: commands are taken and
 * journaled but not applied, so their callers' deadlines pass and, once the queues are full, new ones are
 * refused as overload.
 */
public final class EngineStall implements AutoCloseable {

    private final CountDownLatch release = new CountDownLatch(1);

    public EngineStall(ExchangeGateway exchange) throws InterruptedException {
        CountDownLatch stalled = new CountDownLatch(1);
        Thread.ofVirtual().start(() -> {
            try {
                exchange.query(engine -> {
                    stalled.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return null;
                });
            } catch (RuntimeException deadlinePassed) {
                // this caller stops waiting; the engine thread stays held until close()
            }
        });
        stalled.await();
    }

    @Override
    public void close() {
        release.countDown();
    }
}
