package org.bourse.identity;

import java.util.Optional;

/** The identity module's public face: look users up without reading its tables. */
public interface UserDirectory {

    Optional<UserSummary> findById(long userId);

    /** Case-insensitive, like registration's uniqueness. */
    Optional<UserSummary> findByUsername(String username);

    /** The user's e-mail contact, empty when there is no such user. */
    Optional<Contact> contact(long userId);
}
