package org.bourse.platform;

import org.springframework.http.HttpStatusCode;

/**
 * The platform's own stable error codes, and those of the exchange's limits and safeguards (README, "Security");
 * other modules' codes are defined next to the code that raises them.
 */
public final class ErrorCodes {

    public static final String VALIDATION_FAILED = "VALIDATION_FAILED";
    public static final String UNAUTHORIZED = "UNAUTHORIZED";
    public static final String FORBIDDEN = "FORBIDDEN";
    public static final String NOT_FOUND = "NOT_FOUND";
    public static final String METHOD_NOT_ALLOWED = "METHOD_NOT_ALLOWED";
    public static final String NOT_ACCEPTABLE = "NOT_ACCEPTABLE";
    public static final String CONFLICT = "CONFLICT";
    public static final String PAYLOAD_TOO_LARGE = "PAYLOAD_TOO_LARGE";
    public static final String UNSUPPORTED_MEDIA_TYPE = "UNSUPPORTED_MEDIA_TYPE";
    public static final String RATE_LIMITED = "RATE_LIMITED";
    public static final String INTERNAL_ERROR = "INTERNAL_ERROR";
    public static final String SERVICE_UNAVAILABLE = "SERVICE_UNAVAILABLE";
    /**
     * 503: a placement was queued but not answered in time and may still be applied; look the order up by its
     * {@code client_order_id} (resending the same placement with it is safe) rather than placing it again.
     */
    public static final String ORDER_OUTCOME_UNKNOWN = "ORDER_OUTCOME_UNKNOWN";
    /** 422: the same Idempotency-Key was sent with a different order. */
    public static final String IDEMPOTENCY_KEY_REUSED = "IDEMPOTENCY_KEY_REUSED";
    /** 422: the user has as many working orders (pending ones included) as allowed, in the market or in all. */
    public static final String OPEN_ORDER_LIMIT = "OPEN_ORDER_LIMIT";
    /** 422: the deposit would take more of the asset from the sandbox faucet than its daily limit. */
    public static final String FAUCET_LIMIT_REACHED = "FAUCET_LIMIT_REACHED";
    /** 503: the new user's account (and opening balance) could not be opened; nothing was registered. */
    public static final String ACCOUNT_OPENING_FAILED = "ACCOUNT_OPENING_FAILED";
    /** 403: {@code POST /admin/bootstrap} with a token that is not the one in the data directory. */
    public static final String BOOTSTRAP_TOKEN_INVALID = "BOOTSTRAP_TOKEN_INVALID";
    /** 409: the change would leave the exchange without an active admin. */
    public static final String LAST_ADMIN = "LAST_ADMIN";
    /** WebSocket: the client address subscribed to more channels than its budget. */
    public static final String SUBSCRIPTION_RATE_LIMITED = "SUBSCRIPTION_RATE_LIMITED";

    private ErrorCodes() {
    }

    /** The code used when a failure carries nothing more specific than its HTTP status. */
    static String forStatus(HttpStatusCode status) {
        return switch (status.value()) {
            case 400 -> VALIDATION_FAILED;
            case 401 -> UNAUTHORIZED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 409 -> CONFLICT;
            case 413 -> PAYLOAD_TOO_LARGE;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 429 -> RATE_LIMITED;
            case 503 -> SERVICE_UNAVAILABLE;
            default -> status.is4xxClientError() ? "BAD_REQUEST" : INTERNAL_ERROR;
        };
    }
}
