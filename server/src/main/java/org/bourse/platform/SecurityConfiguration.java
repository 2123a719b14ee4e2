package org.bourse.platform;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Stateless JWT security for {@code /api/v1}: every request there needs a valid access token except the
 * modules' {@link PublicEndpoints}; {@code /api/v1/admin/**} needs role {@code admin} and answers other
 * callers {@code 404} as if the route did not exist. Everything outside {@code /api/v1} (actuator, docs,
 * the web UI) is open. All refusals are problem+json.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    static final String API = "/api/v1/**";
    static final String ADMIN_API = "/api/v1/admin/**";

    /** Access tokens only: a refresh token ({@code type = refresh}) is never accepted as a bearer token. */
    @Bean
    JwtDecoder accessTokenDecoder(JwtSigningKey signingKey, Clock clock,
                                  @Value("${bourse.jwt.clock-skew:0s}") Duration clockSkew) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withSecretKey(signingKey.key()).macAlgorithm(MacAlgorithm.HS256).build();
        JwtTimestampValidator timestamps = new JwtTimestampValidator(clockSkew);
        timestamps.setClock(clock);
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(List.of(timestamps, SecurityConfiguration::accessTokenOnly)));
        return new VerifiedTokenCache(decoder, clock, clockSkew);
    }

    private static OAuth2TokenValidatorResult accessTokenOnly(Jwt token) {
        boolean access = token.getClaim("type") == null && token.getSubject() != null && token.getClaim("role") != null;
        return access ? OAuth2TokenValidatorResult.success()
                : OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "not an access token", null));
    }

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, JwtDecoder accessTokenDecoder, ProblemWriter problems,
                                    List<PublicEndpoints> publicEndpoints) throws Exception {
        RequestMatcher open = publicMatcher(publicEndpoints);
        AuthenticationEntryPoint unauthorized = (request, response, e) -> {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
            problems.write(response, HttpStatus.UNAUTHORIZED, ErrorCodes.UNAUTHORIZED, "A valid access token is required");
        };
        AccessDeniedHandler denied = (request, response, e) -> {
            if (PathPatternRequestMatcher.pathPattern(ADMIN_API).matches(request)) {
                problems.write(response, HttpStatus.NOT_FOUND, ErrorCodes.NOT_FOUND, StatusDetails.of(HttpStatus.NOT_FOUND));
            } else {
                problems.write(response, HttpStatus.FORBIDDEN, ErrorCodes.FORBIDDEN, StatusDetails.of(HttpStatus.FORBIDDEN));
            }
        };
        http.csrf(csrf -> csrf.disable())
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(authorize -> authorize
                        .requestMatchers(open).permitAll()
                        .requestMatchers(ADMIN_API).hasRole("ADMIN")
                        .requestMatchers(API).authenticated()
                        .anyRequest().permitAll())
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .bearerTokenResolver(ignoringTokensOn(open))
                        .jwt(jwt -> jwt.decoder(accessTokenDecoder).jwtAuthenticationConverter(SecurityConfiguration::authentication))
                        .authenticationEntryPoint(unauthorized)
                        .accessDeniedHandler(denied))
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(unauthorized).accessDeniedHandler(denied));
        return http.build();
    }

    private static RequestMatcher publicMatcher(List<PublicEndpoints> publicEndpoints) {
        List<RequestMatcher> matchers = publicEndpoints.stream()
                .flatMap(endpoints -> endpoints.patterns().stream())
                .map(pattern -> (RequestMatcher) PathPatternRequestMatcher.pathPattern(pattern))
                .toList();
        return matchers.isEmpty() ? request -> false : new OrRequestMatcher(matchers);
    }

    private static BearerTokenResolver ignoringTokensOn(RequestMatcher open) {
        DefaultBearerTokenResolver header = new DefaultBearerTokenResolver();
        return (HttpServletRequest request) -> open.matches(request) ? null : header.resolve(request);
    }

    /** {@code role: "admin"} → authority {@code ROLE_ADMIN}; the principal's name is the user id. */
    private static AbstractAuthenticationToken authentication(Jwt token) {
        String role = token.getClaimAsString("role");
        return new JwtAuthenticationToken(token,
                List.of(new SimpleGrantedAuthority("ROLE_" + role.toUpperCase(Locale.ROOT))), token.getSubject());
    }
}
