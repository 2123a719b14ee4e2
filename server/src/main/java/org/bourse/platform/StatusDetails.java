package org.bourse.platform;

import org.springframework.http.HttpStatusCode;

/** Plain-language details for failures that carry nothing but a status; never internals. */
final class StatusDetails {

    private StatusDetails() {
    }

    static String of(HttpStatusCode status) {
        return switch (status.value()) {
            case 400 -> "The request is not valid";
            case 401 -> "A valid access token is required";
            case 403 -> "Not allowed";
            case 404 -> "There is nothing at this address";
            case 405 -> "This method is not supported here";
            case 406 -> "The requested representation is not available; accept application/json";
            case 413 -> "The request body is too large";
            case 415 -> "Send the body as application/json";
            case 429 -> "Too many requests";
            case 503 -> "The service is unavailable";
            default -> status.is5xxServerError() ? "Something went wrong on our side; quote the trace_id when reporting it"
                    : "The request cannot be served";
        };
    }
}
