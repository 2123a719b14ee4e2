package org.bourse.identity;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param adminEmails e-mails that register with role {@code admin} ({@code BOURSE_ADMIN_EMAILS}, comma separated)
 * @param login       lock-out after repeated failures: at most so many failed logins per e-mail (since its
 *                    last success) and per IP within the sliding window
 */
@ConfigurationProperties("bourse.identity")
record IdentityProperties(List<String> adminEmails, Duration accessTokenTtl, Duration refreshTokenTtl, Login login) {

    record Login(Duration window, int maxFailuresPerEmail, int maxFailuresPerIp) {
    }

    Set<String> adminEmailKeys() {
        return adminEmails == null ? Set.of() : adminEmails.stream()
                .map(email -> email.trim().toLowerCase(Locale.ROOT))
                .filter(email -> !email.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }
}
