package org.bourse.apikeys;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.bourse.identity.UserDirectory;
import org.bourse.identity.UserSummary;
import org.bourse.platform.AuthenticatedUser;
import org.bourse.platform.ErrorCodes;
import org.bourse.platform.ProblemWriter;
import org.bourse.platform.SignedCallers;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * API keys on the native API ({@code /api/v1}): a request carrying {@code X-BOURSE-APIKEY} acts for the key's
 * owner when {@code X-BOURSE-SIGNATURE} is hex HMAC-SHA256, under the key's secret, of
 * <pre>api_key \n timestamp \n METHOD \n path \n query \n body</pre>
 * (the path and query exactly as sent, the query without its {@code ?}, an empty line for none; the body's
 * bytes as sent), with {@code X-BOURSE-TIMESTAMP} in epoch milliseconds and optionally
 * {@code X-BOURSE-RECV-WINDOW}. Reads need {@code read}; transfers and withdrawals {@code withdraw}; every other
 * change {@code trade}. Keys never manage keys or two-factor settings, and never reach admin routes.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 15) // after the body size limit, before the access filter
final class SignedApiFilter extends OncePerRequestFilter {

    static final String KEY_HEADER = "X-BOURSE-APIKEY";
    static final String TIMESTAMP_HEADER = "X-BOURSE-TIMESTAMP";
    static final String RECV_WINDOW_HEADER = "X-BOURSE-RECV-WINDOW";
    static final String SIGNATURE_HEADER = "X-BOURSE-SIGNATURE";
    /** 401: an unknown or revoked key, one without the permission, or used from outside its allowlist. */
    static final String API_KEY_REJECTED = "API_KEY_REJECTED";
    /** 401: the signature is not the key's over this request. */
    static final String SIGNATURE_INVALID = "SIGNATURE_INVALID";
    /** 401: the timestamp is older than the receive window, or ahead of the server. */
    static final String TIMESTAMP_OUTSIDE_RECV_WINDOW = "TIMESTAMP_OUTSIDE_RECV_WINDOW";
    /** 401: this signed request was received before. */
    static final String REQUEST_REPLAYED = "REQUEST_REPLAYED";

    private final ApiKeys apiKeys;
    private final UserDirectory users;
    private final ProblemWriter problems;

    SignedApiFilter(ApiKeys apiKeys, UserDirectory users, ProblemWriter problems) {
        this.apiKeys = apiKeys;
        this.users = users;
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return request.getHeader(KEY_HEADER) == null
                || !request.getRequestURI().startsWith(request.getContextPath() + "/api/v1/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.startsWith("/api/v1/admin") || path.startsWith("/api/v1/api-keys") || path.startsWith("/api/v1/users/me/2fa")
                || path.startsWith("/api/v1/auth")) {
            refuse(response, HttpStatus.UNAUTHORIZED, API_KEY_REJECTED);
            return;
        }
        byte[] body = request.getInputStream().readAllBytes(); // bounded by the body size limit, which ran before
        String apiKey = request.getHeader(KEY_HEADER);
        String timestamp = request.getHeader(TIMESTAMP_HEADER);
        String query = request.getQueryString() == null ? "" : request.getQueryString();
        String payload = apiKey + "\n" + timestamp + "\n" + request.getMethod().toUpperCase(Locale.ROOT) + "\n" + path
                + "\n" + query + "\n" + new String(body, StandardCharsets.UTF_8);
        Verification verdict = apiKeys.verify(new SignedRequest(apiKey, payload, request.getHeader(SIGNATURE_HEADER),
                timestamp, request.getHeader(RECV_WINDOW_HEADER), request.getRemoteAddr(), needed(request, path)));
        switch (verdict) {
            case Verification.Accepted accepted -> {
                UserSummary owner = users.findById(accepted.userId()).filter(UserSummary::active).orElse(null);
                if (owner == null) {
                    refuse(response, HttpStatus.UNAUTHORIZED, API_KEY_REJECTED);
                    return;
                }
                HttpServletRequest replayable = new ReplayableBody(request, body);
                SignedCallers.authenticate(replayable, new AuthenticatedUser(owner.id(), owner.username(), null,
                        owner.role()));
                chain.doFilter(replayable, response);
            }
            case Verification.Refused refused -> {
                switch (refused.reason()) {
                    case MALFORMED, KEY_REJECTED -> refuse(response, HttpStatus.UNAUTHORIZED, API_KEY_REJECTED);
                    case SIGNATURE_INVALID -> refuse(response, HttpStatus.UNAUTHORIZED, SIGNATURE_INVALID);
                    case OUTSIDE_RECV_WINDOW -> refuse(response, HttpStatus.UNAUTHORIZED, TIMESTAMP_OUTSIDE_RECV_WINDOW);
                    case REPLAYED -> refuse(response, HttpStatus.UNAUTHORIZED, REQUEST_REPLAYED);
                    case RATE_LIMITED -> {
                        response.setHeader(HttpHeaders.RETRY_AFTER,
                                Long.toString(Math.max(1, (refused.retryAfterMillis() + 999) / 1000)));
                        problems.write(response, HttpStatus.TOO_MANY_REQUESTS, ErrorCodes.RATE_LIMITED,
                                "This API key sent more requests than its rate allows; retry after Retry-After");
                    }
                }
            }
        }
    }

    private static Permission needed(HttpServletRequest request, String path) {
        String method = request.getMethod().toUpperCase(Locale.ROOT);
        if (method.equals("GET") || method.equals("HEAD")) {
            return Permission.READ;
        }
        if (path.startsWith("/api/v1/withdrawals") || path.startsWith("/api/v1/transfers")) {
            return Permission.WITHDRAW;
        }
        return Permission.TRADE;
    }

    /** The one answer for every refusal of a code: the code says what to fix, the text nothing more. */
    private void refuse(HttpServletResponse response, HttpStatus status, String code) throws IOException {
        problems.write(response, status, code, "The request is not a valid signed request of an API key allowed to do this");
    }

    /** The request with its body, already read for the signature, readable once more by the handler. */
    private static final class ReplayableBody extends HttpServletRequestWrapper {

        private final byte[] body;

        ReplayableBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the body was read already");
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) {
                    return in.read(buffer, offset, length);
                }
            };
        }

        @Override
        public java.io.BufferedReader getReader() {
            return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }
    }
}
