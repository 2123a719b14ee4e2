package org.bourse.platform;

import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * First filter of every request: adopts the caller's {@code X-Request-Id} when it is safe to log and store
 * (at most 128 of {@code [A-Za-z0-9._:-]}), otherwise makes a new one, and echoes it on the response.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
final class RequestIdFilter extends OncePerRequestFilter {

    private static final String ATTRIBUTE = RequestIdFilter.class.getName() + ".id";
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        // The error dispatch of the same request must keep the id chosen on the first pass.
        String id = request.getAttribute(ATTRIBUTE) instanceof String chosen
                ? chosen
                : acceptedOrNew(request.getHeader(RequestContext.REQUEST_ID_HEADER));
        request.setAttribute(ATTRIBUTE, id);
        response.setHeader(RequestContext.REQUEST_ID_HEADER, id);
        MDC.put(RequestContext.TRACE_ID, id);
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove(RequestContext.TRACE_ID);
        }
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false; // the error controller writes trace_id too, so the MDC must be set on that dispatch as well
    }

    static String acceptedOrNew(String offered) {
        return offered != null && SAFE_ID.matcher(offered).matches() ? offered : UUID.randomUUID().toString();
    }
}
