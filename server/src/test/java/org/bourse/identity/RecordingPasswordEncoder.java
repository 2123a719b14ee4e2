package org.bourse.identity;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.context.annotation.Primary;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The server's own bcrypt (same cost), recording every password comparison: which password was compared with
 * which hash. Lets a test see work that only shows as time otherwise, such as the comparison an unknown e-mail
 * must cost.
 */
@Primary // stands in for IdentityConfiguration's encoder in identity tests
final class RecordingPasswordEncoder implements PasswordEncoder {

    record Comparison(String password, String hash) {
    }

    private final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(IdentityConfiguration.BCRYPT_COST);
    private final List<Comparison> comparisons = new CopyOnWriteArrayList<>();

    @Override
    public String encode(CharSequence rawPassword) {
        return bcrypt.encode(rawPassword);
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encodedPassword) {
        comparisons.add(new Comparison(rawPassword.toString(), encodedPassword));
        return bcrypt.matches(rawPassword, encodedPassword);
    }

    /** The hashes this password was compared with, in order. */
    List<String> hashesComparedWith(String password) {
        return comparisons.stream().filter(c -> c.password().equals(password)).map(Comparison::hash).toList();
    }

    /** The work factor of a bcrypt hash ({@code $2a$10$...} → 10). */
    static int cost(String hash) {
        if (hash == null || hash.length() != 60 || !hash.startsWith("$2")) {
            throw new AssertionError("not a bcrypt hash: " + hash);
        }
        return Integer.parseInt(hash.substring(4, 6));
    }
}
