package org.bourse.identity;

import java.time.Duration;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.bourse.platform.ApiException;
import org.bourse.platform.ErrorCodes;
import org.bourse.platform.RequestContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;

/** {@code /api/v1/auth}: registration, login, refresh and logout, all without an access token. */
@RestController
@RequestMapping("/api/v1/auth")
@Tag(name = "Auth")
@SecurityRequirements // public: no bearer token
final class AuthController {

    static final String TOKEN_TYPE = "Bearer";

    static final String TOKEN_INVALID = "TOKEN_INVALID";
    static final String WEAK_PASSWORD = "WEAK_PASSWORD";

    private final Registration registration;
    private final Sessions sessions;
    private final AccountSecurity accountSecurity;

    AuthController(Registration registration, Sessions sessions, AccountSecurity accountSecurity) {
        this.registration = registration;
        this.sessions = sessions;
        this.accountSecurity = accountSecurity;
    }

    record TokenRequest(@NotBlank(message = "is required") @Size(max = 200, message = "is not a token this exchange sent")
                        @Schema(description = "the token from the mail") String token) {
    }

    record PasswordResetRequest(@NotNull(message = "is required") @Size(max = 254, message = "must be at most 254 characters long")
                                @Schema(example = "alice@example.com") String email) {
    }

    record PasswordResetConfirmation(
            @NotBlank(message = "is required") @Size(max = 200, message = "is not a token this exchange sent") String token,
            @NotNull(message = "is required") @Utf8ByteLength(min = 8, max = 72)
            @Schema(description = "8 to 72 bytes in UTF-8, not one of the most common passwords") String newPassword) {
    }

    record RegisterRequest(
            @NotNull(message = "is required")
            @Size(min = 3, max = 50, message = "must be 3 to 50 characters long")
            @Pattern(regexp = "[A-Za-z0-9_.-]*", message = "may contain only letters, digits, '_', '.' and '-'")
            @Schema(example = "alice")
            String username,
            @NotNull(message = "is required")
            @Size(max = 254, message = "must be at most 254 characters long")
            @Email(regexp = "[^@\\s]+@[^@\\s]+\\.[^@\\s]+", message = "must be an e-mail address")
            @Schema(example = "alice@example.com")
            String email,
            @NotNull(message = "is required")
            @Utf8ByteLength(min = 8, max = 72)
            @Schema(description = "8 to 72 bytes in UTF-8", example = "correct horse")
            String password) {
    }

    record LoginRequest(
            @NotNull(message = "is required")
            @Size(max = 254, message = "must be at most 254 characters long")
            String email,
            @NotNull(message = "is required")
            @Utf8ByteLength(max = 72)
            String password,
            @Size(max = 32, message = "must be at most 32 characters long")
            @Schema(description = "when two-factor authentication is on: the authenticator's current code or an "
                    + "unused recovery code")
            String otp) {
    }

    record RefreshTokenRequest(@NotBlank(message = "is required") String refreshToken) {
    }

    record LoginResponse(UserResponse user, String accessToken, String refreshToken,
                         @Schema(allowableValues = TOKEN_TYPE) String tokenType,
                         @Schema(description = "seconds until the access token expires", example = "900") long expiresIn) {
    }

    record RefreshResponse(String accessToken, @Schema(allowableValues = TOKEN_TYPE) String tokenType,
                           @Schema(example = "900") long expiresIn) {
    }

    @PostMapping("/register")
    @Operation(summary = "Register a user (role normal; the first admin is made with the bootstrap token)")
    @ApiResponse(responseCode = "201", description = "the new user; the user's account is opened with the initial balance")
    @ApiResponse(responseCode = "400", description = "VALIDATION_FAILED")
    @ApiResponse(responseCode = "409", description = "EMAIL_TAKEN or USERNAME_TAKEN (both case-insensitive)")
    @ApiResponse(responseCode = "429", description = "RATE_LIMITED: too many registrations or logins from this address; see Retry-After")
    @ApiResponse(responseCode = "503", description = "ACCOUNT_OPENING_FAILED: the account (and its opening balance) could "
            + "not be opened, so nothing was registered; retry after Retry-After")
    ResponseEntity<UserResponse> register(@Valid @RequestBody RegisterRequest body) {
        return switch (registration.register(body.username(), body.email(), body.password(), RequestContext.traceId())) {
            case Registration.Outcome.Registered(User user) -> ResponseEntity.status(HttpStatus.CREATED).body(UserResponse.of(user));
            case Registration.Outcome.Taken(Registration.Conflict conflict) -> throw new ApiException(HttpStatus.CONFLICT,
                    conflict.name(), switch (conflict) {
                        case EMAIL_TAKEN -> "That e-mail is already registered";
                        case USERNAME_TAKEN -> "That username is already taken";
                    });
            case Registration.Outcome.AccountNotOpened() -> throw accountNotOpened(
                    "Your account could not be opened right now, so you are not registered; try again shortly");
        };
    }

    @PostMapping("/login")
    @Operation(summary = "Log in with e-mail and password")
    @ApiResponse(responseCode = "200", description = "the user, an access token (15 min) and a refresh token (7 days)")
    @ApiResponse(responseCode = "400", description = "VALIDATION_FAILED")
    @ApiResponse(responseCode = "401", description = "INVALID_CREDENTIALS, the same for an unknown e-mail and a wrong "
            + "password; with two-factor authentication on, OTP_REQUIRED (no otp) or OTP_INVALID (a wrong or used code)")
    @ApiResponse(responseCode = "403", description = "ACCOUNT_DISABLED")
    @ApiResponse(responseCode = "429", description = "RATE_LIMITED after repeated failures for the e-mail or from the "
            + "address, or too many registrations and logins from the address; see Retry-After")
    @ApiResponse(responseCode = "503", description = "ACCOUNT_OPENING_FAILED: the account of a user whose registration "
            + "was cut short could still not be opened; retry after Retry-After. SERVICE_UNAVAILABLE: too many "
            + "password checks waiting")
    LoginResponse login(@Valid @RequestBody LoginRequest body, HttpServletRequest request) {
        return switch (sessions.login(body.email(), body.password(), body.otp(), request.getRemoteAddr(), RequestContext.traceId())) {
            case Sessions.Login.Granted(User user, String access, String refresh, long expiresIn) ->
                    new LoginResponse(UserResponse.of(user), access, refresh, TOKEN_TYPE, expiresIn);
            case Sessions.Login.InvalidCredentials() ->
                    throw new ApiException(HttpStatus.UNAUTHORIZED, "INVALID_CREDENTIALS", "The e-mail or the password is wrong");
            case Sessions.Login.AccountDisabled() ->
                    throw new ApiException(HttpStatus.FORBIDDEN, "ACCOUNT_DISABLED", "This account is disabled");
            case Sessions.Login.Throttled(Duration retryAfter) ->
                    throw ApiException.rateLimited("Too many failed logins; retry after the number of seconds in Retry-After",
                            retryAfter);
            case Sessions.Login.AccountNotOpened() ->
                    throw accountNotOpened("Your account could not be opened yet; log in again shortly");
            case Sessions.Login.OtpRequired() -> throw TwoFactorController.required();
            case Sessions.Login.OtpInvalid() -> throw TwoFactorController.invalid();
        };
    }

    static ApiException accountNotOpened(String detail) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, "5");
        return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, ErrorCodes.ACCOUNT_OPENING_FAILED, detail, List.of(), headers);
    }

    @PostMapping("/verify-email")
    @Operation(summary = "Confirm the e-mail address with the token mailed at registration")
    @ApiResponse(responseCode = "204", description = "confirmed: GET /users/me answers email_verified true")
    @ApiResponse(responseCode = "400", description = "TOKEN_INVALID: unknown, used or expired; VALIDATION_FAILED")
    ResponseEntity<Void> verifyEmail(@Valid @RequestBody TokenRequest body) {
        if (!accountSecurity.verifyEmail(body.token())) {
            throw tokenInvalid();
        }
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/password-reset")
    @Operation(summary = "Mail a password-reset link",
            description = "Answers 202 whether or not the e-mail is registered, so it reveals nothing. The link works "
                    + "once, for an hour. At most a few mails per e-mail address an hour (later requests are answered "
                    + "the same and send nothing), and a limited number of requests per client address (429).")
    @ApiResponse(responseCode = "202", description = "accepted")
    @ApiResponse(responseCode = "400", description = "VALIDATION_FAILED")
    @ApiResponse(responseCode = "429", description = "RATE_LIMITED: too many reset requests from this address")
    ResponseEntity<Void> passwordReset(@Valid @RequestBody PasswordResetRequest body, HttpServletRequest request) {
        if (accountSecurity.requestReset(body.email(), request.getRemoteAddr())
                instanceof AccountSecurity.ResetRequest.Throttled(Duration retryAfter)) {
            throw ApiException.rateLimited("Too many password resets from this address; retry after Retry-After",
                    retryAfter);
        }
        return ResponseEntity.accepted().build();
    }

    @PostMapping("/password-reset/confirm")
    @Operation(summary = "Set a new password with the token of a reset mail",
            description = "Every refresh token of the user is revoked and the user is told by e-mail.")
    @ApiResponse(responseCode = "204", description = "changed")
    @ApiResponse(responseCode = "400", description = "TOKEN_INVALID: unknown, used or expired; WEAK_PASSWORD "
            + "(the token stays usable); VALIDATION_FAILED: e.g. a password shorter than 8 bytes")
    ResponseEntity<Void> confirmPasswordReset(@Valid @RequestBody PasswordResetConfirmation body) {
        answer(accountSecurity.confirmReset(body.token(), body.newPassword()), "new_password");
        return ResponseEntity.noContent().build();
    }

    /** Turns a password change's outcome into its answer; returns only when it was changed. */
    static void answer(AccountSecurity.PasswordChange outcome, String passwordField) {
        switch (outcome) {
            case AccountSecurity.PasswordChange.Changed() -> {
            }
            case AccountSecurity.PasswordChange.InvalidToken() -> throw tokenInvalid();
            case AccountSecurity.PasswordChange.WrongPassword() -> throw new ApiException(HttpStatus.BAD_REQUEST,
                    "INVALID_CREDENTIALS", "The current password is wrong", List.of(
                    new org.bourse.platform.FieldViolation("current_password", "is wrong")), HttpHeaders.EMPTY);
            case AccountSecurity.PasswordChange.Weak(String reason) -> throw new ApiException(HttpStatus.BAD_REQUEST,
                    WEAK_PASSWORD, "The new password is too easy to guess", List.of(
                    new org.bourse.platform.FieldViolation(passwordField, reason)), HttpHeaders.EMPTY);
        }
    }

    private static ApiException tokenInvalid() {
        return new ApiException(HttpStatus.BAD_REQUEST, TOKEN_INVALID, "The token is unknown, used or expired");
    }

    @PostMapping("/refresh")
    @Operation(summary = "Trade a refresh token for a new access token")
    @ApiResponse(responseCode = "200", description = "a new access token; the refresh token stays valid")
    @ApiResponse(responseCode = "401", description = "UNAUTHORIZED: expired, revoked, unknown, or an access token")
    RefreshResponse refresh(@Valid @RequestBody RefreshTokenRequest body) {
        Sessions.AccessGrant grant = sessions.refresh(body.refreshToken()).orElseThrow(() ->
                new ApiException(HttpStatus.UNAUTHORIZED, ErrorCodes.UNAUTHORIZED, "The refresh token is not valid"));
        return new RefreshResponse(grant.accessToken(), TOKEN_TYPE, grant.expiresInSeconds());
    }

    @PostMapping("/logout")
    @Operation(summary = "Revoke a refresh token")
    @ApiResponse(responseCode = "204", description = "revoked; also for a token that was unknown or already revoked")
    ResponseEntity<Void> logout(@Valid @RequestBody RefreshTokenRequest body) {
        sessions.logout(body.refreshToken());
        return ResponseEntity.noContent().build();
    }
}
