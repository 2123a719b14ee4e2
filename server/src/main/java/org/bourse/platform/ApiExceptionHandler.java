package org.bourse.platform;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.http.converter.HttpMessageNotReadableException;

/** The one place where a failure inside Spring MVC becomes a problem+json answer with a stable code. */
@RestControllerAdvice
final class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);
    private static final String INVALID = "The request is not valid";

    @ExceptionHandler(ApiException.class)
    ResponseEntity<Problem> apiException(ApiException e) {
        return ResponseEntity.status(e.status())
                .headers(e.headers())
                .contentType(Problem.MEDIA_TYPE)
                .body(Problem.of(e.status(), e.code(), e.getMessage(), e.errors(), e.clientOrderId()));
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<Problem> invalidBody(MethodArgumentNotValidException e) {
        Map<String, FieldViolation> byField = new LinkedHashMap<>();
        for (FieldError error : e.getBindingResult().getFieldErrors()) {
            String field = SnakeCase.of(error.getField());
            byField.putIfAbsent(field, new FieldViolation(field, error.getDefaultMessage()));
        }
        for (ObjectError error : e.getBindingResult().getGlobalErrors()) {
            byField.putIfAbsent(UnreadableBody.WHOLE_BODY, new FieldViolation(UnreadableBody.WHOLE_BODY, error.getDefaultMessage()));
        }
        return invalid(new ArrayList<>(byField.values()));
    }

    @ExceptionHandler(HandlerMethodValidationException.class)
    ResponseEntity<Problem> invalidParameters(HandlerMethodValidationException e) {
        List<FieldViolation> errors = new ArrayList<>();
        e.getParameterValidationResults().forEach(result -> {
            String name = result.getMethodParameter().getParameterName();
            String message = result.getResolvableErrors().isEmpty() ? "is not valid"
                    : result.getResolvableErrors().getFirst().getDefaultMessage();
            errors.add(new FieldViolation(SnakeCase.of(name == null ? "parameter" : name), message));
        });
        return invalid(errors);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Problem> unreadableBody(HttpMessageNotReadableException e) {
        return invalid(UnreadableBody.describe(e));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Problem> wrongParameterType(MethodArgumentTypeMismatchException e) {
        return invalid(List.of(new FieldViolation(SnakeCase.of(e.getName()), "has the wrong type")));
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<Problem> missingParameter(MissingServletRequestParameterException e) {
        return invalid(List.of(new FieldViolation(e.getParameterName(), "is required")));
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<Problem> wrongMethod(HttpRequestMethodNotSupportedException e) {
        return answer(HttpStatus.METHOD_NOT_ALLOWED, ErrorCodes.METHOD_NOT_ALLOWED,
                "Method " + e.getMethod() + " is not supported here", List.of(), e.getHeaders());
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<Problem> wrongMediaType(HttpMediaTypeNotSupportedException e) {
        return answer(HttpStatus.UNSUPPORTED_MEDIA_TYPE, ErrorCodes.UNSUPPORTED_MEDIA_TYPE,
                "Send the body as application/json", List.of(), e.getHeaders());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Problem> anythingElse(Exception e) {
        if (e instanceof ErrorResponse known) { // Spring's own failures: no handler (404), not acceptable (406), ...
            HttpStatusCode status = known.getStatusCode();
            return answer(status, ErrorCodes.forStatus(status), StatusDetails.of(status), List.of(), known.getHeaders());
        }
        log.error("Unexpected failure while serving the request", e);
        return answer(HttpStatus.INTERNAL_SERVER_ERROR, ErrorCodes.INTERNAL_ERROR, StatusDetails.of(HttpStatus.INTERNAL_SERVER_ERROR),
                List.of(), HttpHeaders.EMPTY);
    }

    private static ResponseEntity<Problem> invalid(List<FieldViolation> errors) {
        return answer(HttpStatus.BAD_REQUEST, ErrorCodes.VALIDATION_FAILED, INVALID, errors, HttpHeaders.EMPTY);
    }

    static ResponseEntity<Problem> answer(HttpStatusCode status, String code, String detail, List<FieldViolation> errors,
                                          HttpHeaders headers) {
        return ResponseEntity.status(status)
                .headers(headers)
                .contentType(Problem.MEDIA_TYPE)
                .body(Problem.of(status, code, detail, errors));
    }
}
