package org.bourse.identity;

/** What other modules may know about a user, e.g. to resolve a transfer's {@code to_username}. */
public record UserSummary(long id, String username, String role, boolean active) {
}
