package org.bourse.platform;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document at {@code /v3/api-docs}: the contract's conventions, and the bearer scheme. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    private static final String BEARER = "bearer";

    @Bean
    OpenAPI bourseOpenApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("Bourse API")
                        .version("v1")
                        .license(new License().name("Open source"))
                        .description("""
                                An open-source exchange. JSON bodies use snake_case; decimal amounts are JSON strings; \
                                times are ISO-8601 UTC; ids are strings. Every error is application/problem+json with a \
                                stable `code` and the request's `trace_id`; a bad body (malformed, wrong type, missing \
                                field, larger than 64 KiB) is 400 VALIDATION_FAILED with one `errors` row per field. \
                                Every response carries X-Request-Id, X-RateLimit-Limit and X-RateLimit-Remaining; \
                                429 RATE_LIMITED comes with Retry-After (seconds). Admin routes answer 404 to non-admins."""))
                .components(new Components().addSecuritySchemes(BEARER,
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }
}
