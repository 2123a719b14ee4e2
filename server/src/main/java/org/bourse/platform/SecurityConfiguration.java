package org.bourse.platform;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * Stateless JWT security for {@code /api/v1}: HS256 access tokens, checked by {@link ApiAccessFilter}.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    /** Where a security framework's filter chain would run: after the request id, rate limit and body checks. */
    static final int ACCESS_FILTER_ORDER = -100;

    /** Access tokens only: a refresh token ({@code type = refresh}) is never accepted as a bearer token. */
    @Bean
    JwtDecoder accessTokenDecoder(JwtSigningKey signingKey, Clock clock,
                                  @Value("${bourse.jwt.clock-skew:0s}") Duration clockSkew, DisabledUsers disabledUsers) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withSecretKey(signingKey.key()).macAlgorithm(MacAlgorithm.HS256).build();
        JwtTimestampValidator timestamps = new JwtTimestampValidator(clockSkew);
        timestamps.setClock(clock);
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(List.of(timestamps, SecurityConfiguration::accessTokenOnly)));
        return new VerifiedTokenCache(decoder, clock, clockSkew, disabledUsers);
    }

    private static OAuth2TokenValidatorResult accessTokenOnly(Jwt token) {
        boolean access = token.getClaim("type") == null && token.getSubject() != null && token.getClaim("role") != null;
        return access ? OAuth2TokenValidatorResult.success()
                : OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "not an access token", null));
    }

    @Bean
    FilterRegistrationBean<ApiAccessFilter> apiAccessFilter(Callers callers, ProblemWriter problems,
                                                            List<PublicEndpoints> publicEndpoints, CurrentRoles roles) {
        FilterRegistrationBean<ApiAccessFilter> registration =
                new FilterRegistrationBean<>(new ApiAccessFilter(callers, problems, publicEndpoints, roles));
        registration.setOrder(ACCESS_FILTER_ORDER);
        return registration;
    }
}
