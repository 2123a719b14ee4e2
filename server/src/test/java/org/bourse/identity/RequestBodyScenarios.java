package org.bourse.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bourse.testsupport.ProblemAssertions.assertValidationFailed;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import org.bourse.testsupport.HttpApi;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import tools.jackson.databind.json.JsonMapper;

/**
 * Every identity endpoint that takes a body answers a bad one with {@code 400 VALIDATION_FAILED} naming the
 * field (or {@code body}), never a 500.
 */
abstract class RequestBodyScenarios extends IdentityApiTest {

    private static final int OVER_THE_LIMIT = 64 * 1024 + 1;

    /** Each endpoint with a body that would otherwise be accepted, and the field the tests spoil. */
    enum Endpoint {
        REGISTER("POST", IdentityApiTest.REGISTER, "username",
                Map.of("username", "someone", "email", "someone@example.com", "password", "long enough")),
        LOGIN("POST", IdentityApiTest.LOGIN, "email", Map.of("email", "someone@example.com", "password", "long enough")),
        REFRESH("POST", IdentityApiTest.REFRESH, "refresh_token", Map.of("refresh_token", "a.b.c")),
        LOGOUT("POST", IdentityApiTest.LOGOUT, "refresh_token", Map.of("refresh_token", "a.b.c")),
        SET_USER_STATUS("PATCH", IdentityApiTest.ADMIN_USERS + "1", "is_active", Map.of("is_active", true));

        final String method;
        final String path;
        final String field;
        final Map<String, Object> validBody;

        Endpoint(String method, String path, String field, Map<String, Object> validBody) {
            this.method = method;
            this.path = path;
            this.field = field;
            this.validBody = validBody;
        }

        Map<String, Object> with(String name, Object value) {
            Map<String, Object> body = new HashMap<>(validBody);
            body.put(name, value);
            return body;
        }

        Map<String, Object> without(String name) {
            Map<String, Object> body = new HashMap<>(validBody);
            body.remove(name);
            return body;
        }
    }

    @ParameterizedTest
    @EnumSource(Endpoint.class)
    void malformedJsonNamesTheBody(Endpoint endpoint) {
        Map<String, String> errors = assertValidationFailed(send(endpoint, "{\"" + endpoint.field + "\": "));

        assertThat(errors).containsOnlyKeys("body");
    }

    @ParameterizedTest
    @EnumSource(Endpoint.class)
    void aMissingBodyNamesTheBody(Endpoint endpoint) {
        assertThat(assertValidationFailed(send(endpoint, ""))).containsOnlyKeys("body");
    }

    @ParameterizedTest
    @EnumSource(Endpoint.class)
    void aBodyThatIsNotAnObjectNamesTheBody(Endpoint endpoint) {
        assertThat(assertValidationFailed(send(endpoint, "[\"a\", \"b\"]"))).containsOnlyKeys("body");
    }

    @ParameterizedTest
    @EnumSource(Endpoint.class)
    void anOversizedBodyIsRefusedBeforeItIsRead(Endpoint endpoint) {
        Map<String, String> errors = assertValidationFailed(send(endpoint, oversized(endpoint)));

        assertThat(errors).containsOnlyKeys("body");
        assertThat(errors.get("body")).contains("65536");
    }

    @ParameterizedTest
    @EnumSource(Endpoint.class)
    void anOversizedBodySentInChunksIsRefusedToo(Endpoint endpoint) {
        byte[] body = oversized(endpoint).getBytes(StandardCharsets.UTF_8);

        // An input stream has no known length, so the client sends it chunked, without Content-Length.
        HttpApi.Reply reply = caller(endpoint).send(endpoint.method, endpoint.path,
                BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));

        assertThat(assertValidationFailed(reply)).containsOnlyKeys("body");
    }

    @ParameterizedTest
    @EnumSource(Endpoint.class)
    void aFieldOfTheWrongTypeIsNamed(Endpoint endpoint) {
        Object wrong = endpoint.validBody.get(endpoint.field) instanceof Boolean ? 1 : 12345; // neither is converted

        Map<String, String> errors = assertValidationFailed(send(endpoint, json(endpoint.with(endpoint.field, wrong))));

        assertThat(errors).containsOnlyKeys(endpoint.field);
    }

    @ParameterizedTest
    @EnumSource(Endpoint.class)
    void aFieldHoldingAnObjectIsNamed(Endpoint endpoint) {
        Map<String, String> errors = assertValidationFailed(
                send(endpoint, json(endpoint.with(endpoint.field, Map.of("nested", "value")))));

        assertThat(errors).containsOnlyKeys(endpoint.field);
    }

    @ParameterizedTest
    @EnumSource(Endpoint.class)
    void aMissingFieldIsNamed(Endpoint endpoint) {
        Map<String, String> errors = assertValidationFailed(send(endpoint, json(endpoint.without(endpoint.field))));

        assertThat(errors).containsExactly(Map.entry(endpoint.field, "is required"));
    }

    @ParameterizedTest
    @EnumSource(Endpoint.class)
    void aNullFieldIsNamed(Endpoint endpoint) {
        Map<String, Object> body = endpoint.without(endpoint.field);
        String withNull = json(body).replaceFirst("\\{", "{\"" + endpoint.field + "\": null" + (body.isEmpty() ? "" : ", "));

        assertThat(assertValidationFailed(send(endpoint, withNull))).containsOnlyKeys(endpoint.field);
    }

    private HttpApi.Reply send(Endpoint endpoint, String body) {
        return caller(endpoint).send(endpoint.method, endpoint.path, BodyPublishers.ofString(body));
    }

    /** The admin route would answer 404 to anyone else before looking at the body. */
    private HttpApi caller(Endpoint endpoint) {
        return endpoint == Endpoint.SET_USER_STATUS ? api().withBearer(adminToken()) : api();
    }

    private static String oversized(Endpoint endpoint) {
        return json(endpoint.with("padding", "x".repeat(OVER_THE_LIMIT)));
    }

    private static String json(Map<String, Object> body) {
        return JsonMapper.builder().build().writeValueAsString(body);
    }
}
