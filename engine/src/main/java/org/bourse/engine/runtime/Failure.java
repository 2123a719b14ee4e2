package org.bourse.engine.runtime;

import java.util.concurrent.atomic.AtomicReference;

/**
 * The first failure that stopped a runtime, shared by its threads. Recording it also stops the runtime from
 * accepting commands: after a journal failure nothing more can be made durable, and after the engine threw
 * its state may be half-changed.
 */
final class Failure {

    private final AtomicReference<Throwable> first = new AtomicReference<>();
    private final BoundedQueue<Submission> inbound;

    Failure(BoundedQueue<Submission> inbound) {
        this.inbound = inbound;
    }

    void record(String where, Throwable cause) {
        if (first.compareAndSet(null, cause)) {
            System.err.println("bourse runtime: " + where + "; accepting no more commands");
            cause.printStackTrace();
        }
        inbound.close();
    }

    boolean happened() {
        return first.get() != null;
    }

    /** What a command that cannot run any more is answered with. */
    EngineUnavailableException unavailable() {
        Throwable cause = first.get();
        return cause == null
                ? new EngineUnavailableException("the engine runtime is closed", null)
                : new EngineUnavailableException("the engine runtime stopped after a failure: " + cause, cause);
    }
}
