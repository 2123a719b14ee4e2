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

    UserController(UserRepository users) {
        this.users = users;
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
