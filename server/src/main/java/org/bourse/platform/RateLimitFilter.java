package org.bourse.platform;

import java.io.IOException;
import java.time.Duration;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Charges every request except actuator's to its caller's bucket: the user (JWT {@code sub}) when the
 * request carries a valid access token, its IP otherwise. Runs before security so that even refused
 * and unauthenticated answers carry the {@code X-RateLimit-*} headers.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
final class RateLimitFilter extends OncePerRequestFilter {

    static final String LIMIT_HEADER = "X-RateLimit-Limit";
    static final String REMAINING_HEADER = "X-RateLimit-Remaining";

    private final RateLimiter limiter;
    private final JwtDecoder accessTokens;
    private final ProblemWriter problems;
    private final boolean enabled;
    private final DefaultBearerTokenResolver bearer = new DefaultBearerTokenResolver();

    RateLimitFilter(RateLimiter limiter, JwtDecoder accessTokens, ProblemWriter problems,
                    @Value("${bourse.rate-limit.enabled:true}") boolean enabled) {
        this.limiter = limiter;
        this.accessTokens = accessTokens;
        this.problems = problems;
        this.enabled = enabled;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !enabled || request.getRequestURI().startsWith(request.getContextPath() + "/actuator");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        RateLimiter.Decision decision = limiter.tryTake(callerKey(request));
        response.setHeader(LIMIT_HEADER, Long.toString(decision.limit()));
        response.setHeader(REMAINING_HEADER, Long.toString(decision.remaining()));
        if (decision.allowed()) {
            chain.doFilter(request, response);
            return;
        }
        response.setHeader(HttpHeaders.RETRY_AFTER,
                Long.toString(RetryAfter.seconds(Duration.ofMillis(decision.retryAfterMillis()))));
        problems.write(response, HttpStatus.TOO_MANY_REQUESTS, ErrorCodes.RATE_LIMITED,
                "Too many requests; retry after the number of seconds in Retry-After");
    }

    private String callerKey(HttpServletRequest request) {
        String token = bearerToken(request);
        if (token != null) {
            try {
                return "user:" + accessTokens.decode(token).getSubject();
            } catch (JwtException invalid) {
                // charged to the IP; security answers 401 further on
            }
        }
        return "ip:" + request.getRemoteAddr();
    }

    private String bearerToken(HttpServletRequest request) {
        try {
            return bearer.resolve(request);
        } catch (RuntimeException malformedHeader) {
            return null;
        }
    }
}
