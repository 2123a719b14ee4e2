package org.bourse.platform;

import java.util.List;

/**
 * Path patterns under {@code /api/v1} where a caller presents a password or creates an account (login,
 * registration): besides the general rate limit, each client address has a smaller bucket of its own for
 * them ({@code bourse.rate-limit.auth.*}), since each such request costs a bcrypt hash and a guess at someone's
 * password. Each module declares its own as a bean, like {@link PublicEndpoints}.
 */
public record CredentialEndpoints(List<String> patterns) {

    public static CredentialEndpoints of(String... patterns) {
        return new CredentialEndpoints(List.of(patterns));
    }
}
