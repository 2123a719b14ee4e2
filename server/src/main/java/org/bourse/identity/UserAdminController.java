package org.bourse.identity;

import java.util.Optional;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** {@code /api/v1/admin/users}: role admin only (the access filter answers others 404). */
@RestController
@Tag(name = "Admin")
final class UserAdminController {

    private final UserAdministration administration;

    UserAdminController(UserAdministration administration) {
        this.administration = administration;
    }

    record UserStatusRequest(@JsonProperty("is_active") @NotNull(message = "is required") Boolean isActive) {
    }

    @PatchMapping("/api/v1/admin/users/{id}")
    @Operation(summary = "Disable or enable a user",
            description = "Disabling revokes the user's refresh tokens and cached session; access tokens already "
                    + "issued stay valid until they expire (at most 15 minutes).")
    @ApiResponse(responseCode = "200", description = "the user as now stored")
    @ApiResponse(responseCode = "400", description = "VALIDATION_FAILED")
    @ApiResponse(responseCode = "401", description = "UNAUTHORIZED: missing, invalid or expired access token")
    @ApiResponse(responseCode = "404", description = "USER_NOT_FOUND; NOT_FOUND for callers who are not admins")
    UserResponse setStatus(@PathVariable String id, @Valid @RequestBody UserStatusRequest body) {
        return parseId(id)
                .flatMap(userId -> administration.setActive(userId, body.isActive()))
                .map(UserResponse::of)
                .orElseThrow(UserController::userNotFound);
    }

    /** Ids are opaque strings to clients: one that is not a number names no user. */
    private static Optional<Long> parseId(String id) {
        try {
            return Optional.of(Long.parseLong(id));
        } catch (NumberFormatException notANumber) {
            return Optional.empty();
        }
    }
}
