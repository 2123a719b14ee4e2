package org.bourse.platform;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Charges every request except actuator's to its caller's bucket: the user (JWT {@code sub}) when the
 * request carries a valid access token, its IP otherwise. Logins and registrations ({@link CredentialEndpoints})
 * are charged a second time, to a smaller bucket of the client address, whatever token they carry: a flood of
 * password guesses or new accounts from one address runs dry long before the general budget would. Runs before
 * the access filter so that even refused and unauthenticated answers carry the {@code X-RateLimit-*} headers
 * (of the bucket that decided).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
final class RateLimitFilter extends OncePerRequestFilter {

    static final String LIMIT_HEADER = "X-RateLimit-Limit";
    static final String REMAINING_HEADER = "X-RateLimit-Remaining";

    private final RateLimitConfiguration.RateLimiters limiters;
    private final Callers callers;
    private final ProblemWriter problems;
    private final boolean enabled;
    private final List<PathPattern> credentialPaths;

    RateLimitFilter(RateLimitConfiguration.RateLimiters limiters, Callers callers, ProblemWriter problems,
                    @Value("${bourse.rate-limit.enabled:true}") boolean enabled, List<CredentialEndpoints> credentials) {
        this.limiters = limiters;
        this.callers = callers;
        this.problems = problems;
        this.enabled = enabled;
        this.credentialPaths = credentials.stream()
                .flatMap(endpoints -> endpoints.patterns().stream())
                .map(PathPatternParser.defaultInstance::parse)
                .toList();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !enabled || request.getRequestURI().startsWith(request.getContextPath() + "/actuator");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        RateLimiter.Decision decision = limiters.general().tryTake(callerKey(request));
        if (decision.allowed() && presentsCredentials(request)) {
            decision = limiters.credentials().tryTake("credentials:ip:" + request.getRemoteAddr());
        }
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
        AuthenticatedUser caller = callers.of(request);
        // without a valid token the IP is charged; the access filter answers 401 further on where one is needed
        return caller != null ? "user:" + caller.id() : "ip:" + request.getRemoteAddr();
    }

    private boolean presentsCredentials(HttpServletRequest request) {
        if (credentialPaths.isEmpty()) {
            return false;
        }
        PathContainer path = ServletRequestPathUtils.parseAndCache(request).pathWithinApplication();
        for (PathPattern pattern : credentialPaths) {
            if (pattern.matches(path)) {
                return true;
            }
        }
        return false;
    }
}
