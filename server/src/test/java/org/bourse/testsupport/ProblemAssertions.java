package org.bourse.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/** Checks that an answer is the contract's problem+json error, in one line per test. */
public final class ProblemAssertions {

    private ProblemAssertions() {
    }

    /**
     * Asserts status, content type, {@code code}, the RFC 9457 members, and that {@code trace_id} is the
     * {@code X-Request-Id} of the same answer.
     */
    public static HttpApi.Reply assertProblem(HttpApi.Reply reply, int status, String code) {
        assertThat(reply.status()).as("status of %s", reply).isEqualTo(status);
        assertThat(reply.header("Content-Type")).as("content type of %s", reply).startsWith("application/problem+json");
        JsonNode problem = reply.json();
        assertThat(problem.path("code").asString()).as("code of %s", reply).isEqualTo(code);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("type").asString()).isEqualTo("about:blank");
        assertThat(problem.path("title").asString()).isNotBlank();
        assertThat(problem.path("detail").asString()).isNotBlank();
        assertThat(problem.path("errors").isArray()).as("errors of %s", reply).isTrue();
        assertThat(problem.path("trace_id").asString()).isNotBlank().isEqualTo(reply.header("X-Request-Id"));
        assertThat(reply.body()).doesNotContainIgnoringCase("exception").doesNotContain("\tat ");
        return reply;
    }

    /** {@code 400 VALIDATION_FAILED}; returns its {@code errors} rows as field → message, in order. */
    public static Map<String, String> assertValidationFailed(HttpApi.Reply reply) {
        assertProblem(reply, 400, "VALIDATION_FAILED");
        Map<String, String> byField = new LinkedHashMap<>();
        for (JsonNode error : reply.json().path("errors")) {
            byField.put(error.path("field").asString(), error.path("message").asString());
        }
        return byField;
    }
}
