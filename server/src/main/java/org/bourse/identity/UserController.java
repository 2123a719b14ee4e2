package org.bourse.identity;

import org.bourse.platform.ApiException;
import org.bourse.platform.AuthenticatedUser;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** {@code /api/v1/users/me}: who the access token belongs to. */
@RestController
@Tag(name = "Users")
final class UserController {

    static final String USER_NOT_FOUND = "USER_NOT_FOUND";

    private final UserRepository users;
    private final AccountSecurity accountSecurity;

    UserController(UserRepository users, AccountSecurity accountSecurity) {
        this.users = users;
        this.accountSecurity = accountSecurity;
    }

    record PasswordChangeRequest(
            @jakarta.validation.constraints.NotNull(message = "is required") @Utf8ByteLength(max = 72) String currentPassword,
            @jakarta.validation.constraints.NotNull(message = "is required") @Utf8ByteLength(min = 8, max = 72)
            @io.swagger.v3.oas.annotations.media.Schema(description = "8 to 72 bytes in UTF-8, not one of the most "
                    + "common passwords, not containing the username or e-mail") String newPassword) {
    }

    @org.springframework.web.bind.annotation.PostMapping("/api/v1/users/me/password")
    @Operation(summary = "Change the caller's password",
            description = "Every refresh token of the user is revoked (other sessions end when their access token "
                    + "expires) and the user is told by e-mail.")
    @ApiResponse(responseCode = "204", description = "changed")
    @ApiResponse(responseCode = "400", description = "INVALID_CREDENTIALS: the current password is wrong; "
            + "WEAK_PASSWORD; VALIDATION_FAILED")
    org.springframework.http.ResponseEntity<Void> changePassword(AuthenticatedUser caller,
            @jakarta.validation.Valid @org.springframework.web.bind.annotation.RequestBody PasswordChangeRequest body) {
        AuthController.answer(accountSecurity.changePassword(caller.id(), body.currentPassword(), body.newPassword()),
                "new_password");
        return org.springframework.http.ResponseEntity.noContent().build();
    }

    @GetMapping("/api/v1/users/me")
    @Operation(summary = "The caller's own user")
    @ApiResponse(responseCode = "200", description = "the user")
    @ApiResponse(responseCode = "401", description = "UNAUTHORIZED: missing, invalid or expired access token")
    UserResponse me(AuthenticatedUser caller) {
        return users.find(caller.id()).map(UserResponse::of).orElseThrow(UserController::userNotFound);
    }

    static ApiException userNotFound() {
        return ApiException.notFound(USER_NOT_FOUND, "There is no such user");
    }
}
