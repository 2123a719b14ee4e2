package org.bourse.identity;

import org.bourse.platform.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * {@code BOURSE_REQUIRE_VERIFIED_EMAIL} (default on): money leaves an account, by transfer or withdrawal, only
 * once its owner confirmed the e-mail address. Trading in the sandbox needs no confirmation.
 */
@Component
public final class EmailVerificationGate {

    public static final String EMAIL_NOT_VERIFIED = "EMAIL_NOT_VERIFIED";

    private final UserRepository users;
    private final boolean required;

    EmailVerificationGate(UserRepository users, AccountProperties properties) {
        this.users = users;
        this.required = properties.requireVerifiedEmail();
    }

    /** @throws ApiException {@code 403 EMAIL_NOT_VERIFIED} when confirmation is required and missing */
    public void requireVerified(long userId) {
        if (required && !users.find(userId).map(User::emailVerified).orElse(false)) {
            throw new ApiException(HttpStatus.FORBIDDEN, EMAIL_NOT_VERIFIED,
                    "Confirm your e-mail address first: follow the link in the mail sent at registration");
        }
    }
}
