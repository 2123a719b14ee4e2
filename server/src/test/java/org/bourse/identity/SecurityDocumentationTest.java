package org.bourse.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/** The OpenAPI document names the codes of the exchange's limits and safeguards where they can be answered. */
class SecurityDocumentationTest extends IdentityApiTest {

    @Test
    void theOpenApiDocumentNamesTheCodesOfTheLimitsAndSafeguards() {
        JsonNode paths = api().get("/v3/api-docs").json().path("paths");

        assertThat(responses(paths, "/api/v1/orders", "post")).contains("OPEN_ORDER_LIMIT", "IDEMPOTENCY_KEY_REUSED",
                "ORDER_OUTCOME_UNKNOWN");
        assertThat(responses(paths, "/api/v1/deposits", "post")).contains("FAUCET_LIMIT_REACHED");
        assertThat(responses(paths, "/api/v1/admin/bootstrap", "post")).contains("BOOTSTRAP_TOKEN_INVALID");
        assertThat(responses(paths, "/api/v1/admin/users/{id}", "patch")).contains("LAST_ADMIN");
        assertThat(responses(paths, REGISTER, "post")).contains("ACCOUNT_OPENING_FAILED", "RATE_LIMITED");
        JsonNode placement = paths.path("/api/v1/orders").path("post");
        assertThat(placement.path("parameters").findValuesAsString("name")).contains("Idempotency-Key");
        assertThat(placement.path("responses").path("503").path("content").propertyNames())
                .containsExactly("application/problem+json");
    }

    /** Every response description of one operation, as one text. */
    private static String responses(JsonNode paths, String path, String method) {
        JsonNode responses = paths.path(path).path(method).path("responses");
        assertThat(responses.isObject()).as("%s %s is documented", method, path).isTrue();
        return String.join("\n", responses.findValuesAsString("description"));
    }
}
