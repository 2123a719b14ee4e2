package org.bourse.binance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.bourse.apikeys.ApiKeys;
import org.bourse.apikeys.Permission;
import org.bourse.apikeys.SignedRequest;
import org.bourse.apikeys.Verification;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * Binance's signing for {@code /api/v3}'s signed routes: the key in {@code X-MBX-APIKEY}, {@code timestamp} and
 * optional {@code recvWindow} among the parameters, and {@code signature} = hex HMAC-SHA256 of the query string
 * followed by the body (each without the signature parameter itself). Form bodies are read here whole, so the
 * exact signed text is checked. A verified request carries its {@link SignedCaller}; a refused one is answered
 * here with Binance's code, and with nothing that tells an attacker more than Binance would.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20) // after the request id, the rate limit and the body size limit
final class BinanceRequestFilter extends OncePerRequestFilter {

    static final String API_KEY_HEADER = "X-MBX-APIKEY";
    private static final String PREFIX = "/api/v3/";
    private static final Pattern KEY_FORMAT = Pattern.compile("[A-Za-z0-9]{64}");

    /** Signed routes, {@code METHOD path}, and what each needs the key to allow. */
    private static final Map<String, Permission> SIGNED = Map.of(
            "GET /api/v3/account", Permission.READ,
            "GET /api/v3/order", Permission.READ,
            "POST /api/v3/order", Permission.TRADE,
            "DELETE /api/v3/order", Permission.TRADE,
            "GET /api/v3/openOrders", Permission.READ,
            "DELETE /api/v3/openOrders", Permission.TRADE,
            "GET /api/v3/allOrders", Permission.READ,
            "GET /api/v3/myTrades", Permission.READ);

    private final ApiKeys apiKeys;

    BinanceRequestFilter(ApiKeys apiKeys) {
        this.apiKeys = apiKeys;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith(request.getContextPath() + PREFIX);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        byte[] body = new byte[0];
        HttpServletRequest effective = request;
        if (isForm(request)) {
            body = request.getInputStream().readAllBytes(); // bounded by the body size limit, which ran before
            effective = new FormRequest(request, body);
        }
        String path = ServletRequestPathUtils.parseAndCache(request).pathWithinApplication().value();
        Permission needed = SIGNED.get(request.getMethod().toUpperCase(Locale.ROOT) + " " + path);
        if (needed == null) {
            chain.doFilter(effective, response);
            return;
        }
        String apiKey = request.getHeader(API_KEY_HEADER);
        if (apiKey == null || !KEY_FORMAT.matcher(apiKey).matches()) {
            write(response, BinanceError.BAD_API_KEY_FORMAT, 0);
            return;
        }
        for (String mandatory : new String[] {"timestamp", "signature"}) {
            if (effective.getParameter(mandatory) == null) {
                write(response, BinanceException.missing(mandatory).error(), 0);
                return;
            }
        }
        String payload = withoutSignature(request.getQueryString())
                + withoutSignature(new String(body, StandardCharsets.UTF_8));
        Verification verdict = apiKeys.verify(new SignedRequest(apiKey, payload, effective.getParameter("signature"),
                effective.getParameter("timestamp"), effective.getParameter("recvWindow"), request.getRemoteAddr(),
                needed));
        switch (verdict) {
            case Verification.Accepted accepted -> {
                effective.setAttribute(SignedCaller.ATTRIBUTE, accepted);
                chain.doFilter(effective, response);
            }
            case Verification.Refused refused -> write(response, answer(refused.reason()), refused.retryAfterMillis());
        }
    }

    private static BinanceError answer(Verification.Refusal reason) {
        return switch (reason) {
            case MALFORMED -> BinanceError.MANDATORY_PARAMETER;
            case KEY_REJECTED -> BinanceError.REJECTED_API_KEY;
            case SIGNATURE_INVALID -> BinanceError.BAD_SIGNATURE;
            case OUTSIDE_RECV_WINDOW -> BinanceError.OUTSIDE_RECV_WINDOW;
            // the same code as an old timestamp: the cure is the same, sign again with a new one
            case REPLAYED -> BinanceError.OUTSIDE_RECV_WINDOW.withMessage(
                    "This signed request was already received; sign it again with a new timestamp.");
            case RATE_LIMITED -> BinanceError.TOO_MANY_REQUESTS;
        };
    }

    /** The parameters as sent, less any {@code signature=...}; "" for none. */
    static String withoutSignature(String parameters) {
        if (parameters == null || parameters.isEmpty()) {
            return "";
        }
        return Arrays.stream(parameters.split("&", -1))
                .filter(pair -> !pair.startsWith("signature="))
                .collect(Collectors.joining("&"));
    }

    private static boolean isForm(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.toLowerCase(Locale.ROOT).startsWith(MediaType.APPLICATION_FORM_URLENCODED_VALUE);
    }

    private static void write(HttpServletResponse response, BinanceError error, long retryAfterMillis) throws IOException {
        response.setStatus(error.status().value());
        if (retryAfterMillis > 0) {
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, (retryAfterMillis + 999) / 1000)));
        }
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        // the messages are this class's constants: nothing to escape but what withMessage could add, which is none
        response.getOutputStream().write(("{\"code\":" + error.code() + ",\"msg\":\"" + error.msg().replace("\"", "'")
                + "\"}").getBytes(StandardCharsets.UTF_8));
    }
}
