package org.bourse.notify;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code bourse.notify}: where mail goes and how hard the sender tries.
 *
 * @param smtpUrl          {@code smtp://user:pass@host:port} ({@code smtps://} for TLS from the first byte); empty:
 *                         no SMTP server, mails are kept in the outbox for admins to read
 * @param from             the sender address of every mail
 * @param publicUrl        the exchange's address as users reach it, for the links in mails
 * @param pollInterval     how often the sender looks for due mails
 * @param maxAttempts      attempts at one mail before it is given up as failed
 * @param retryBackoff     the wait after the first failed attempt; doubled after each further one
 * @param maxBackoff       the longest wait between two attempts
 * @param fillMailInterval at most one execution mail per user this often; the fills in between are gathered
 */
@ConfigurationProperties("bourse.notify")
record NotifyProperties(@DefaultValue("") String smtpUrl,
                        @DefaultValue("Bourse <no-reply@bourse.invalid>") String from,
                        @DefaultValue("http://localhost:8080") String publicUrl,
                        @DefaultValue("1s") Duration pollInterval,
                        @DefaultValue("8") int maxAttempts,
                        @DefaultValue("30s") Duration retryBackoff,
                        @DefaultValue("1h") Duration maxBackoff,
                        @DefaultValue("1m") Duration fillMailInterval) {

    boolean smtpConfigured() {
        return smtpUrl != null && !smtpUrl.isBlank();
    }

    /** The wait after {@code attempts} failed attempts. */
    Duration backoff(int attempts) {
        Duration wait = retryBackoff.multipliedBy(1L << Math.min(Math.max(attempts - 1, 0), 20));
        return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
    }
}
