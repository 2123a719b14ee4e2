package org.bourse.platform;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import org.springframework.http.converter.HttpMessageNotReadableException;

import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Turns a body Jackson could not read into field rows a client can act on, without echoing parser internals
 * (class names, stream positions) back to it.
 */
final class UnreadableBody {

    static final String WHOLE_BODY = "body";

    private UnreadableBody() {
    }

    static List<FieldViolation> describe(HttpMessageNotReadableException e) {
        JacksonException jackson = jacksonCause(e);
        if (jackson == null) {
            return List.of(new FieldViolation(WHOLE_BODY, "is required and must be a JSON object"));
        }
        String field = fieldOf(jackson);
        if (jackson instanceof StreamReadException) {
            return List.of(new FieldViolation(field, "is not valid JSON"));
        }
        if (jackson instanceof MismatchedInputException mismatch) {
            return List.of(new FieldViolation(field, expectation(mismatch)));
        }
        return List.of(new FieldViolation(field, "cannot be read"));
    }

    private static JacksonException jacksonCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof JacksonException jackson) {
                return jackson;
            }
        }
        return null;
    }

    private static String fieldOf(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? WHOLE_BODY : path.toString();
    }

    private static String expectation(MismatchedInputException e) {
        Class<?> target = e.getTargetType();
        if (target == null) {
            return "has the wrong type";
        }
        if (target.isEnum()) {
            String allowed = Arrays.stream(target.getEnumConstants())
                    .map(constant -> constant.toString().toLowerCase())
                    .collect(Collectors.joining(", "));
            return "must be one of: " + allowed;
        }
        if (target == String.class) {
            return "must be a string";
        }
        if (target == Boolean.class || target == boolean.class) {
            return "must be true or false";
        }
        if (target == BigDecimal.class) {
            return "must be a decimal number (a JSON string such as \"0.001\" or a number)";
        }
        if (Number.class.isAssignableFrom(target) || target == BigInteger.class || target.isPrimitive()) {
            return "must be a number";
        }
        if (e instanceof InvalidFormatException) {
            return "has the wrong format";
        }
        if (target.isRecord() || target == Object.class) {
            return "must be a JSON object";
        }
        return "has the wrong type";
    }
}
