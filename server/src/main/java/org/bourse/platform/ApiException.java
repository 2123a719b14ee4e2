package org.bourse.platform;

import java.time.Duration;
import java.util.List;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * A failure any module can throw to answer the caller with a problem+json body carrying a stable code,
 * e.g. {@code throw new ApiException(HttpStatus.CONFLICT, "EMAIL_TAKEN", "That e-mail is already registered")}.
 */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String code;
    private final List<FieldViolation> errors;
    private final HttpHeaders headers;
    private final String clientOrderId;

    public ApiException(HttpStatus status, String code, String detail) {
        this(status, code, detail, List.of(), HttpHeaders.EMPTY);
    }

    public ApiException(HttpStatus status, String code, String detail, List<FieldViolation> errors, HttpHeaders headers) {
        this(status, code, detail, errors, headers, null);
    }

    private ApiException(HttpStatus status, String code, String detail, List<FieldViolation> errors, HttpHeaders headers,
                         String clientOrderId) {
        super(detail, null, false, false); // an expected answer, not a bug: no stack trace to fill
        this.status = status;
        this.code = code;
        this.errors = List.copyOf(errors);
        this.headers = HttpHeaders.readOnlyHttpHeaders(headers);
        this.clientOrderId = clientOrderId;
    }

    /**
     * {@code 503 ORDER_OUTCOME_UNKNOWN}: the placement is queued in the engine but was not answered in time, so
     * it may still be applied. The answer carries the order's {@code client_order_id} (null when it had none)
     * and no advice to retry: resending with that id is safe, resending without one is not.
     */
    public static ApiException orderOutcomeUnknown(String detail, String clientOrderId) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, "1");
        return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, ErrorCodes.ORDER_OUTCOME_UNKNOWN, detail, List.of(),
                headers, clientOrderId);
    }

    /** {@code 400 VALIDATION_FAILED} naming one field (snake_case, as the client sent it). */
    public static ApiException invalidField(String field, String message) {
        return new ApiException(HttpStatus.BAD_REQUEST, ErrorCodes.VALIDATION_FAILED, "The request is not valid",
                List.of(new FieldViolation(field, message)), HttpHeaders.EMPTY);
    }

    /** {@code 429 RATE_LIMITED} with a {@code Retry-After} header in whole seconds (at least 1). */
    public static ApiException rateLimited(String detail, Duration retryAfter) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, Long.toString(RetryAfter.seconds(retryAfter)));
        return new ApiException(HttpStatus.TOO_MANY_REQUESTS, ErrorCodes.RATE_LIMITED, detail, List.of(), headers);
    }

    /** {@code 404} with the given code; also how another user's resource is reported. */
    public static ApiException notFound(String code, String detail) {
        return new ApiException(HttpStatus.NOT_FOUND, code, detail);
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    public List<FieldViolation> errors() {
        return errors;
    }

    public HttpHeaders headers() {
        return headers;
    }

    /** The order an {@link #orderOutcomeUnknown} answer names, else null. */
    public String clientOrderId() {
        return clientOrderId;
    }
}
