package org.bourse.engine.runtime;

/**
 * The runtime's inbound queue is full: the command was not accepted and will never run. Safe to retry after
 * a pause (the API answers 503 with Retry-After). Carries no stack trace: it is an expected outcome under
 * load, and filling in traces would add cost exactly when the process has none to spare.
 */
public final class EngineOverloadedException extends RuntimeException {

    public EngineOverloadedException(String message) {
        super(message, null, false, false);
    }
}
