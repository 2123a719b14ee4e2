package org.bourse.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bourse.testsupport.ProblemAssertions.assertProblem;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import org.bourse.testsupport.HttpApi;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/**
 * The contract's conventions as identity answers show them: request ids, problem+json, rate-limit headers,
 * and the operational endpoints. Runs on the embedded default only; none of it depends on the database.
 */
class HttpConventionsTest extends IdentityApiTest {

    @Test
    void aRequestIdSentByTheCallerIsEchoedAndIsTheTraceId() {
        String id = "client-chosen." + UUID.randomUUID();

        HttpApi.Reply reply = api().withHeader("X-Request-Id", id).post(LOGIN, newMember().credentials());

        assertThat(reply.header("X-Request-Id")).isEqualTo(id);
        assertThat(assertProblem(reply, 401, "INVALID_CREDENTIALS").text("trace_id")).isEqualTo(id);
    }

    @Test
    void everyAnswerGetsARequestIdWhenTheCallerSentNone() {
        HttpApi caller = api();

        String first = caller.get("/actuator/health").header("X-Request-Id");
        String second = caller.post(REGISTER, newMember().registration()).header("X-Request-Id");

        assertThat(UUID.fromString(first)).isNotEqualTo(UUID.fromString(second));
    }

    @Test
    void aRequestIdUnfitForLogsIsReplaced() {
        String unfit = "has spaces and is too long " + "x".repeat(200);

        HttpApi.Reply reply = api().withHeader("X-Request-Id", unfit).get(ME);

        assertThat(reply.header("X-Request-Id")).isNotEqualTo(unfit);
        assertThat(UUID.fromString(reply.header("X-Request-Id"))).isNotNull();
        assertProblem(reply, 401, "UNAUTHORIZED");
    }

    @Test
    void problemsHaveTheRfc9457ShapeWithTheContractsMembers() {
        HttpApi.Reply reply = api().post(LOGIN, newMember().credentials());

        JsonNode problem = assertProblem(reply, 401, "INVALID_CREDENTIALS").json();
        assertThat(problem.propertyNames()).containsExactlyInAnyOrder("type", "title", "status", "detail", "code", "trace_id", "errors");
        assertThat(problem.path("title").asString()).isEqualTo("Unauthorized");
    }

    @Test
    void everyKindOfAnswerCarriesTheRateLimit() {
        HttpApi caller = api();
        Member member = newMember();

        List<HttpApi.Reply> replies = List.of(
                caller.post(REGISTER, member.registration()),                     // 201
                caller.post(LOGIN, member.credentials()),                         // 200
                caller.post(LOGIN, member.withPassword("not the password")),      // 401
                caller.post(REGISTER, "{"),                                       // 400
                caller.get(ME));                                                  // 401 from the access filter

        // The budget's decrease is checked with a small one, in RateLimitScenarios; this one refills too fast to see.
        // Registrations and logins answer with their own, smaller per-address budget (CredentialRateLimitTest).
        for (HttpApi.Reply reply : replies.subList(0, 4)) {
            assertThat(reply.header("X-RateLimit-Limit")).as("%s", reply).isEqualTo("20");
            assertThat(Long.parseLong(reply.header("X-RateLimit-Remaining"))).as("%s", reply).isBetween(0L, 19L);
        }
        HttpApi.Reply other = replies.getLast();
        assertThat(other.header("X-RateLimit-Limit")).as("%s", other).isEqualTo("200");
        assertThat(Long.parseLong(other.header("X-RateLimit-Remaining"))).as("%s", other).isBetween(0L, 199L);
    }

    @Test
    void answersGoOutWholeWithTheirLength() {
        HttpApi caller = api();
        Member member = newMember();

        List<HttpApi.Reply> replies = List.of(
                caller.post(REGISTER, member.registration()),                     // 201
                caller.post(LOGIN, member.credentials()),                         // 200
                caller.get(ME));                                                  // 401 problem

        for (HttpApi.Reply reply : replies) {
            assertThat(reply.headers().firstValue("Transfer-Encoding")).as("%s", reply).isEmpty();
            assertThat(reply.header("Content-Length")).as("%s", reply)
                    .isEqualTo(Integer.toString(reply.body().getBytes(StandardCharsets.UTF_8).length));
        }
    }

    @Test
    void anUnknownRouteIsAProblemToo() {
        assertProblem(api().withBearer(newSession().accessToken()).get("/api/v1/no-such-route"), 404, "NOT_FOUND");
    }

    @Test
    void healthAnswersUp() {
        HttpApi.Reply reply = api().get("/actuator/health");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.text("status")).isEqualTo("UP");
    }

    @Test
    void theOpenApiDocumentDescribesTheAuthEndpointsInSnakeCase() {
        HttpApi.Reply reply = api().get("/v3/api-docs");

        assertThat(reply.status()).isEqualTo(200);
        JsonNode document = reply.json();
        assertThat(document.path("paths").propertyNames())
                .contains(REGISTER, LOGIN, REFRESH, LOGOUT, ME, "/api/v1/admin/users/{id}");
        JsonNode schemas = document.path("components").path("schemas");
        assertThat(schemas.path("LoginResponse").path("properties").propertyNames())
                .containsExactlyInAnyOrder("user", "access_token", "refresh_token", "token_type", "expires_in");
        assertThat(schemas.path("User").path("properties").propertyNames()).contains("created_at", "is_active");
        assertThat(schemas.path("Problem").path("properties").propertyNames()).contains("trace_id", "errors", "code");
        assertThat(document.path("paths").path(LOGIN).path("post").path("responses").path("401").path("content")
                .propertyNames()).containsExactly("application/problem+json");
    }
}
