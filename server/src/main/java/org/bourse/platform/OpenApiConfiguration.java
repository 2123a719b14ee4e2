package org.bourse.platform;

import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverterContextImpl;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.providers.ObjectMapperProvider;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;

/**
 * The OpenAPI document at {@code /v3/api-docs}: the contract's conventions, the bearer scheme, snake_case
 * schemas, and every declared error answer shown as the problem+json body it really is.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    private static final String BEARER = "bearer";
    private static final String PROBLEM = "Problem";

    static {
        // Filled in from the access token by AuthenticatedUserResolver, never sent by the client.
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(AuthenticatedUser.class);
    }

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
                                String fields take JSON strings only and boolean fields true/false only. \
                                Every response carries X-Request-Id, X-RateLimit-Limit and X-RateLimit-Remaining; \
                                429 RATE_LIMITED comes with Retry-After (seconds); logins and registrations also have a \
                                smaller budget per client address. Admin routes answer 404 to non-admins; the first admin \
                                is made with the one-time token in the server's data directory (POST /admin/bootstrap). \
                                503 SERVICE_UNAVAILABLE (with Retry-After) may be retried as it is (deposits and transfers \
                                are idempotent on transaction_id); 503 ORDER_OUTCOME_UNKNOWN means a placement may still \
                                be applied: send it again \
                                only with the same client_order_id or Idempotency-Key, which then answers that order. \
                                Limits with their own codes: OPEN_ORDER_LIMIT (working orders per user), \
                                FAUCET_LIMIT_REACHED (the sandbox faucet's daily limit per asset). \
                                Live data streams over the WebSocket /ws (book, trades, ticker, candles; with an access \
                                token the caller's orders, fills and balances): see docs/websocket.md in the repository."""))
                .components(new Components().addSecuritySchemes(BEARER,
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }

    /**
     * springdoc describes schemas with its own Jackson 2 mapper, which does not know that the server's Jackson 3
     * mapper writes snake_case; this resolver makes the documented names the ones on the wire.
     */
    @Bean
    ModelResolver snakeCaseModelResolver(ObjectMapperProvider mappers) {
        return new ModelResolver(mappers.jsonMapper().copy().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE));
    }

    /** Controllers declare their error statuses and codes; the body of each is the one problem+json shape. */
    @Bean
    OpenApiCustomizer problemResponses(ModelResolver snakeCaseModelResolver) {
        return openApi -> {
            ModelConverterContextImpl schemas = new ModelConverterContextImpl(snakeCaseModelResolver);
            schemas.resolve(new AnnotatedType(Problem.class));
            schemas.getDefinedModels().forEach(openApi.getComponents()::addSchemas);
            Content body = new Content().addMediaType(Problem.MEDIA_TYPE.toString(),
                    new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM)));
            openApi.getPaths().values().forEach(path -> path.readOperations().forEach(operation -> {
                if (operation.getResponses() != null) {
                    operation.getResponses().forEach((status, response) -> {
                        if (status.startsWith("4") || status.startsWith("5")) {
                            response.setContent(body);
                        }
                    });
                }
            }));
        };
    }
}
