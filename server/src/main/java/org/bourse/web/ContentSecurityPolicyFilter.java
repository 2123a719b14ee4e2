package org.bourse.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Serves the terminal's pages with a Content-Security-Policy that allows scripts, styles, fonts and images
 * from this origin only (no inline script, no {@code eval}, no inline {@code <style>}) and connections to
 * this origin only (the API and {@code /ws}). The API, the OpenAPI documents, Swagger UI (whose page needs
 * its own inline setup) and actuator are left as they are: the policy guards HTML the browser renders.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
final class ContentSecurityPolicyFilter extends OncePerRequestFilter {

    static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "font-src 'self'; connect-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'self'; "
            + "frame-ancestors 'none'";

    private static final String[] NOT_PAGES = {"/api/", "/v3/api-docs", "/swagger-ui", "/actuator", "/ws"};

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        for (String prefix : NOT_PAGES) {
            if (path.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader("Content-Security-Policy", POLICY);
        response.setHeader("Referrer-Policy", "no-referrer");
        chain.doFilter(request, response);
    }
}
