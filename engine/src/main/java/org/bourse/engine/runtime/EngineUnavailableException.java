package org.bourse.engine.runtime;

/**
 * The runtime is closed, or stopped after a failure (journal I/O, or a command the engine threw on). The
 * outcome of the command is <em>unknown</em>, as after a timeout: it may have been journaled before the
 * failure, and then it takes effect when the engine is started again. Retry with the same idempotency key
 * (transaction id, client order id) to learn what happened.
 */
public final class EngineUnavailableException extends RuntimeException {

    public EngineUnavailableException(String message, Throwable cause) {
        super(message, cause, true, false);
    }
}
