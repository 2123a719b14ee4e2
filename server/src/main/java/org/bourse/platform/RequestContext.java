package org.bourse.platform;

import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

/**
 * The id of the request being served on this thread: what the caller sent as {@code X-Request-Id} or a
 * fresh one. Modules store it as {@code trace_id} on everything the request causes.
 */
public final class RequestContext {

    /** The MDC key; the log pattern prints it on every line written while serving a request. */
    public static final String TRACE_ID = "trace_id";
    public static final String REQUEST_ID_HEADER = "X-Request-Id";

    private RequestContext() {
    }

    /** The current request's trace id, or {@code null} outside a request (scheduled jobs, start-up). */
    public static @Nullable String traceId() {
        return MDC.get(TRACE_ID);
    }
}
