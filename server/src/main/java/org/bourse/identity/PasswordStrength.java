package org.bourse.identity;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What makes a password weak beyond its length (8 to 72 bytes, checked on the request): one of the passwords
 * every guessing list starts with, a single repeated character, or the user's own name or e-mail in it.
 */
final class PasswordStrength {

    private static final Set<String> COMMON = Set.of("password", "password1", "password123", "12345678", "123456789",
            "1234567890", "87654321", "qwertyui", "qwertyuiop", "11111111", "iloveyou", "sunshine", "princess",
            "football", "baseball", "welcome1", "letmein1", "abcdefgh", "abcd1234", "trustno1", "passw0rd",
            "superman", "whatever", "starwars", "monkey123", "dragon12", "bitcoin1", "bourse123", "changeme");

    private PasswordStrength() {
    }

    /** @return why the password is weak, or empty when it is not */
    static Optional<String> weakness(String password, String username, String email) {
        String lower = password.toLowerCase(Locale.ROOT);
        if (COMMON.contains(lower)) {
            return Optional.of("is one of the most common passwords");
        }
        if (lower.chars().distinct().count() < 3) {
            return Optional.of("must use more than two different characters");
        }
        if (username != null && username.length() >= 3 && lower.contains(username.toLowerCase(Locale.ROOT))) {
            return Optional.of("must not contain the username");
        }
        if (email != null) {
            String local = email.toLowerCase(Locale.ROOT).split("@", 2)[0];
            if (local.length() >= 3 && lower.contains(local)) {
                return Optional.of("must not contain the e-mail address");
            }
        }
        return Optional.empty();
    }
}
