package org.bourse.identity;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code bourse.accounts}: e-mail confirmation and password reset.
 *
 * @param requireVerifiedEmail whether transfers and withdrawals need a confirmed e-mail address
 * @param verifyEmailTtl       how long a confirmation link works
 * @param passwordResetTtl     how long a reset link works
 * @param resetWindow          the window the two limits below count in
 * @param resetsPerEmail       reset mails per e-mail address within the window; more requests are answered the
 *                             same (202) but send nothing
 * @param resetsPerIp          reset requests per client address within the window; more get 429
 */
@ConfigurationProperties("bourse.accounts")
public record AccountProperties(@DefaultValue("true") boolean requireVerifiedEmail,
                                @DefaultValue("48h") Duration verifyEmailTtl,
                                @DefaultValue("1h") Duration passwordResetTtl,
                                @DefaultValue("1h") Duration resetWindow,
                                @DefaultValue("3") int resetsPerEmail,
                                @DefaultValue("20") int resetsPerIp) {
}
