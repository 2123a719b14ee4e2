package org.bourse.platform;

import java.io.IOException;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.PathContainer;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Who may call what under {@code /api/v1}: every request there needs a valid access token except the
 * modules' {@link PublicEndpoints}; {@code /api/v1/admin/**} needs a user who is an active admin now (as stored,
 * {@link CurrentRoles}, not as the token said when issued) and answers other callers {@code 404} as if the route
 * did not exist. The one exception is {@code /api/v1/admin/bootstrap}, where a logged-in user who is not an
 * admin yet becomes the first one. Everything outside {@code /api/v1} (actuator, docs,
 * the WebSocket, which checks its own tokens) is open. Refusals are problem+json.
 *
 * <p>One filter instead of a security framework's chain: the decision above is all the API needs, and on
 * the order path the chain's dozen filters, wrappers and observations cost more CPU than the matching
 * engine (BENCHMARKS.md, "Where the time goes"). Paths are matched the way Spring MVC matches its
 * handlers (the parsed, undecoded request path), so a path cannot look public here and reach a
 * protected handler there; API paths that could be read two ways are refused with {@code 400}.
 */
final class ApiAccessFilter extends OncePerRequestFilter {

    private static final PathPattern API = PathPatternParser.defaultInstance.parse("/api/v1/**");
    private static final PathPattern ADMIN_API = PathPatternParser.defaultInstance.parse("/api/v1/admin/**");
    private static final PathPattern ADMIN_BOOTSTRAP = PathPatternParser.defaultInstance.parse("/api/v1/admin/bootstrap");

    private final Callers callers;
    private final ProblemWriter problems;
    private final List<PathPattern> open;
    private final CurrentRoles roles;

    ApiAccessFilter(Callers callers, ProblemWriter problems, List<PublicEndpoints> publicEndpoints, CurrentRoles roles) {
        this.callers = callers;
        this.problems = problems;
        this.roles = roles;
        this.open = publicEndpoints.stream()
                .flatMap(endpoints -> endpoints.patterns().stream())
                .map(PathPatternParser.defaultInstance::parse)
                .toList();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        PathContainer path = ServletRequestPathUtils.parseAndCache(request).pathWithinApplication();
        if (!API.matches(path)) {
            chain.doFilter(request, response);
            return;
        }
        if (isAmbiguous(request.getRequestURI())) {
            problems.write(response, HttpStatus.BAD_REQUEST, ErrorCodes.forStatus(HttpStatus.BAD_REQUEST),
                    StatusDetails.of(HttpStatus.BAD_REQUEST));
            return;
        }
        if (isOpen(path)) {
            chain.doFilter(request, response);
            return;
        }
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        AuthenticatedUser caller = callers.of(request);
        if (caller == null) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
            problems.write(response, HttpStatus.UNAUTHORIZED, ErrorCodes.UNAUTHORIZED, "A valid access token is required");
            return;
        }
        if (ADMIN_API.matches(path) && !ADMIN_BOOTSTRAP.matches(path) && !roles.isActiveAdmin(caller.id())) {
            problems.write(response, HttpStatus.NOT_FOUND, ErrorCodes.NOT_FOUND, StatusDetails.of(HttpStatus.NOT_FOUND));
            return;
        }
        chain.doFilter(request, response);
    }

    /**
     * A path that servers, proxies and frameworks may read differently: dot segments, empty segments, path
     * parameters, encoded separators, dots or percent signs, backslashes. No API address has them, so they
     * are refused rather than interpreted.
     */
    static boolean isAmbiguous(String rawUri) {
        if (rawUri.contains("//") || rawUri.indexOf(';') >= 0 || rawUri.indexOf('\\') >= 0
                || rawUri.contains("/./") || rawUri.contains("/../") || rawUri.endsWith("/.") || rawUri.endsWith("/..")) {
            return true;
        }
        for (int i = rawUri.indexOf('%'); i >= 0; i = rawUri.indexOf('%', i + 1)) {
            String escape = rawUri.substring(i, Math.min(i + 3, rawUri.length())).toLowerCase(Locale.ROOT);
            if (escape.equals("%2e") || escape.equals("%2f") || escape.equals("%5c") || escape.equals("%25")
                    || escape.equals("%3b") || escape.equals("%00")) {
                return true;
            }
        }
        return false;
    }

    private boolean isOpen(PathContainer path) {
        for (PathPattern pattern : open) {
            if (pattern.matches(path)) {
                return true;
            }
        }
        return false;
    }
}
