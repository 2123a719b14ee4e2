package org.bourse.platform;

import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The caller of an authenticated request, as its access token says. Declare it as a controller method
 * parameter to receive it: {@code ResponseEntity<?> me(AuthenticatedUser caller)}.
 */
public record AuthenticatedUser(long id, String username, String email, String role) {

    public static final String ADMIN = "admin";

    public boolean isAdmin() {
        return ADMIN.equals(role);
    }

    static AuthenticatedUser from(Jwt token) {
        return new AuthenticatedUser(Long.parseLong(token.getSubject()), token.getClaimAsString("username"),
                token.getClaimAsString("email"), token.getClaimAsString("role"));
    }
}
