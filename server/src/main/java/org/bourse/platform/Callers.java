package org.bourse.platform;

import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.stereotype.Component;

/**
 * Who sends a request: the user of the access token in its {@code Authorization: Bearer} header (RFC 6750),
 * verified once per request and remembered on it, so the rate limiter, the access filter and the
 * controllers' {@link AuthenticatedUser} parameter all see the same answer for the price of one lookup.
 */
@Component
final class Callers {

    private static final String ATTRIBUTE = Callers.class.getName() + ".caller";
    private static final String SCHEME = "Bearer ";
    /** Marks a request whose header held no valid access token (absent, malformed, expired, forged). */
    private static final Object NOBODY = new Object();

    private final JwtDecoder accessTokens;

    Callers(JwtDecoder accessTokens) {
        this.accessTokens = accessTokens;
    }

    /** The caller of a request with a valid access token, else {@code null}. */
    @Nullable AuthenticatedUser of(HttpServletRequest request) {
        Object known = request.getAttribute(ATTRIBUTE);
        if (known == null) {
            AuthenticatedUser user = verify(request.getHeader(HttpHeaders.AUTHORIZATION));
            known = user == null ? NOBODY : user;
            request.setAttribute(ATTRIBUTE, known);
        }
        return known instanceof AuthenticatedUser user ? user : null;
    }

    /**
     * Makes {@code user} the caller of {@code request}, for a module that authenticated it another way than by
     * a bearer token (a request signed with an API key): the access filter, the rate limiter and the
     * controllers' {@link AuthenticatedUser} parameter see that user from then on.
     */
    static void remember(HttpServletRequest request, AuthenticatedUser user) {
        request.setAttribute(ATTRIBUTE, user);
    }

    private @Nullable AuthenticatedUser verify(@Nullable String header) {
        String token = bearerToken(header);
        if (token == null) {
            return null;
        }
        try {
            Jwt jwt = accessTokens.decode(token);
            return AuthenticatedUser.from(jwt);
        } catch (JwtException | IllegalArgumentException invalid) {
            return null; // a bad signature, a refresh token, an expired one, or a subject that is not a user id
        }
    }

    /** The token of {@code Bearer <token>} (scheme case-insensitive), or {@code null} if the header is not one. */
    static @Nullable String bearerToken(@Nullable String header) {
        if (header == null || header.length() <= SCHEME.length()
                || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return null;
        }
        String token = header.substring(SCHEME.length());
        return isToken68(token) ? token : null;
    }

    /** RFC 6750's b64token: {@code 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="}. */
    private static boolean isToken68(String token) {
        int end = token.length();
        while (end > 0 && token.charAt(end - 1) == '=') {
            end--;
        }
        if (end == 0) {
            return false;
        }
        for (int i = 0; i < end; i++) {
            char c = token.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/';
            if (!allowed) {
                return false;
            }
        }
        return true;
    }
}
