package org.bourse.platform;

/**
 * The role a user holds now, as opposed to the one their access token says it was when issued. Admin routes
 * ask here, so a role granted (the bootstrap, {@code PATCH /admin/users/{id}}) or revoked takes effect at once
 * rather than when the caller's token expires. The identity module provides it.
 */
public interface CurrentRoles {

    /** Whether the user is an admin and not disabled, right now. */
    boolean isActiveAdmin(long userId);
}
