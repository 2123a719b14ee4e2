package org.bourse.platform;

import jakarta.servlet.http.HttpServletRequest;

/**
 * For a module that authenticates requests another way than by a bearer token (API keys): names the caller of a
 * request, from a filter that runs before the access filter, so every check and controller after it sees that user.
 */
public final class SignedCallers {

    private SignedCallers() {
    }

    public static void authenticate(HttpServletRequest request, AuthenticatedUser user) {
        Callers.remember(request, user);
    }
}
