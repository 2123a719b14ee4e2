package org.bourse.identity;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.bourse.platform.ApiException;
import org.bourse.platform.AuthenticatedUser;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/users/me/2fa}: enrol in TOTP two-factor authentication and confirm it with a first code. */
@RestController
@Tag(name = "Users")
final class TwoFactorController {

    static final String TWO_FACTOR_ENABLED = "TWO_FACTOR_ENABLED";

    record EnrolResponse(String otpauthUri, String secret) {
    }

    record ConfirmRequest(@NotBlank(message = "is required") @Size(max = 32) String code) {
    }

    record ConfirmResponse(List<String> recoveryCodes) {
    }

    private final TwoFactor twoFactor;

    TwoFactorController(TwoFactor twoFactor) {
        this.twoFactor = twoFactor;
    }

    @PostMapping("/api/v1/users/me/2fa")
    @Operation(summary = "Start two-factor enrolment: an otpauth URI (and its base32 secret) for an authenticator app",
            description = "TOTP per RFC 6238: HMAC-SHA1, 6 digits, 30 s steps. Enrolling again before confirming "
                    + "replaces the pending secret. Nothing changes until POST /users/me/2fa/confirm.")
    @ApiResponse(responseCode = "200", description = "otpauth_uri and secret")
    @ApiResponse(responseCode = "401", description = "UNAUTHORIZED")
    @ApiResponse(responseCode = "409", description = "TWO_FACTOR_ENABLED: two-factor authentication is on already")
    EnrolResponse enrol(AuthenticatedUser caller) {
        TwoFactor.Pending pending = twoFactor.enrol(caller.id(), caller.username()).orElseThrow(() ->
                new ApiException(HttpStatus.CONFLICT, TWO_FACTOR_ENABLED, "Two-factor authentication is on already"));
        return new EnrolResponse(pending.otpauthUri(), pending.secret());
    }

    @PostMapping("/api/v1/users/me/2fa/confirm")
    @Operation(summary = "Turn two-factor authentication on with a first code; the answer holds the recovery codes, once",
            description = "From then on login needs otp (a current code or an unused recovery code), and so does "
                    + "creating an API key with the withdraw permission. Refreshing an access token does not. "
                    + "Each code is accepted once; each recovery code once.")
    @ApiResponse(responseCode = "200", description = "recovery_codes: ten single-use codes, shown only here")
    @ApiResponse(responseCode = "400", description = "VALIDATION_FAILED")
    @ApiResponse(responseCode = "401", description = "OTP_INVALID: not the current code, used already, or nothing "
            + "pending; UNAUTHORIZED")
    ConfirmResponse confirm(AuthenticatedUser caller, @Valid @RequestBody ConfirmRequest body) {
        return new ConfirmResponse(twoFactor.confirm(caller.id(), body.code()).orElseThrow(TwoFactorController::invalid));
    }

    static ApiException invalid() {
        return new ApiException(HttpStatus.UNAUTHORIZED, TwoFactor.OTP_INVALID, "The code is not valid");
    }

    static ApiException required() {
        return new ApiException(HttpStatus.UNAUTHORIZED, TwoFactor.OTP_REQUIRED,
                "Two-factor authentication is on: send otp, a code from the authenticator app or a recovery code");
    }
}
