package org.bourse.platform;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.swagger.v3.oas.annotations.media.Schema;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;

/**
 * The RFC 9457 body of every error answer. {@code type} is {@code about:blank}: the stable,
 * machine-readable part is {@code code}; {@code title} is the HTTP reason phrase, as RFC 9457 asks then.
 * {@code clientOrderId} is an extension member, present only where an answer names an order the caller must
 * look up ({@code ORDER_OUTCOME_UNKNOWN}).
 */
record Problem(String type, String title, int status, String detail, String code, String traceId,
               List<FieldViolation> errors,
               @JsonInclude(JsonInclude.Include.NON_NULL)
               @Schema(description = "ORDER_OUTCOME_UNKNOWN only: the client_order_id to look the order up by")
               String clientOrderId) {

    static final MediaType MEDIA_TYPE = MediaType.APPLICATION_PROBLEM_JSON;

    static Problem of(HttpStatusCode status, String code, String detail, List<FieldViolation> errors) {
        return of(status, code, detail, errors, null);
    }

    static Problem of(HttpStatusCode status, String code, String detail, List<FieldViolation> errors,
                      String clientOrderId) {
        HttpStatus known = HttpStatus.resolve(status.value());
        String title = known == null ? "Error" : known.getReasonPhrase();
        return new Problem("about:blank", title, status.value(), detail, code, RequestContext.traceId(),
                List.copyOf(errors), clientOrderId);
    }
}
