package org.bourse.identity;

/**
 * Users the exchange itself runs (the demo's market maker and taker): ordinary users, registered through the
 * same path as anyone (so their account is opened and credited alike), but with a password nobody knows, so
 * no one can log in as them.
 */
public interface SystemUsers {

    /**
     * The user with this e-mail, registered now when there is none; its account is opened either way (a retry
     * after a crash between the two steps finishes the job). Calling again changes nothing.
     *
     * @throws IllegalStateException when the e-mail or the username belongs to a different user
     */
    UserSummary ensure(String username, String email, String traceId);
}
