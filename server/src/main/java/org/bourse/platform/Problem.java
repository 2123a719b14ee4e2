package org.bourse.platform;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;

/**
 * The RFC 9457 body of every error answer. {@code type} is {@code about:blank}: the stable,
 * machine-readable part is {@code code}; {@code title} is the HTTP reason phrase, as RFC 9457 asks then.
 */
record Problem(String type, String title, int status, String detail, String code, String traceId,
               List<FieldViolation> errors) {

    static final MediaType MEDIA_TYPE = MediaType.APPLICATION_PROBLEM_JSON;

    static Problem of(HttpStatusCode status, String code, String detail, List<FieldViolation> errors) {
        HttpStatus known = HttpStatus.resolve(status.value());
        String title = known == null ? "Error" : known.getReasonPhrase();
        return new Problem("about:blank", title, status.value(), detail, code, RequestContext.traceId(), List.copyOf(errors));
    }
}
