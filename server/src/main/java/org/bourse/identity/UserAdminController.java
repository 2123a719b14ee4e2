package org.bourse.identity;

import java.util.Optional;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.bourse.platform.ApiException;
import org.bourse.platform.AuthenticatedUser;
import org.bourse.platform.ErrorCodes;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * {@code /api/v1/admin/users} (role admin only: the access filter answers others 404) and
 * {@code /api/v1/admin/bootstrap}, the one admin route for a logged-in user who is not an admin yet.
 */
@RestController
@Tag(name = "Admin")
final class UserAdminController {

    private final UserAdministration administration;
    private final AdminBootstrap bootstrap;

    UserAdminController(UserAdministration administration, AdminBootstrap bootstrap) {
        this.administration = administration;
        this.bootstrap = bootstrap;
    }

    record UserUpdateRequest(
            @Pattern(regexp = "admin|normal", message = "must be admin or normal") String role,
            @JsonProperty("is_active") Boolean isActive) {
    }

    record BootstrapRequest(@NotBlank(message = "is required") @Size(max = 200) @Schema(
            description = "the contents of <data dir>/admin-bootstrap-token") String token) {
    }

    @PatchMapping("/api/v1/admin/users/{id}")
    @Operation(summary = "Grant or revoke the admin role, disable or enable a user",
            description = "Send role, is_active or both. Disabling revokes the user's refresh tokens and cached "
                    + "session, and the access tokens already issued stop working at once (401), on every node when "
                    + "Redis is configured; the user's open orders are cancelled and WebSocket sessions closed. Admin "
                    + "routes check the role as stored, so a revoked admin loses them at once. The last active admin "
                    + "can be neither demoted nor disabled.")
    @ApiResponse(responseCode = "200", description = "the user as now stored")
    @ApiResponse(responseCode = "400", description = "VALIDATION_FAILED: neither role nor is_active, or an unknown role")
    @ApiResponse(responseCode = "401", description = "UNAUTHORIZED: missing, invalid or expired access token")
    @ApiResponse(responseCode = "404", description = "USER_NOT_FOUND; NOT_FOUND for callers who are not admins")
    @ApiResponse(responseCode = "409", description = "LAST_ADMIN: the change would leave the exchange without an active admin")
    UserResponse update(@PathVariable String id, @Valid @RequestBody UserUpdateRequest body) {
        if (body.role() == null && body.isActive() == null) {
            throw ApiException.invalidField("is_active", "is required");
        }
        long userId = parseId(id).orElseThrow(UserController::userNotFound);
        return switch (administration.update(userId, body.role(), body.isActive())) {
            case UserAdministration.Change.Updated(User user) -> UserResponse.of(user);
            case UserAdministration.Change.NoSuchUser() -> throw UserController.userNotFound();
            case UserAdministration.Change.LastAdmin() -> throw new ApiException(HttpStatus.CONFLICT, ErrorCodes.LAST_ADMIN,
                    "This is the last active admin; make another admin first");
        };
    }

    @PostMapping("/api/v1/admin/bootstrap")
    @Operation(summary = "Become the first admin with the one-time bootstrap token",
            description = "While the exchange has no admin, the server keeps a one-time token in "
                    + "<data dir>/admin-bootstrap-token (mode 600) and logs that path at start-up. A logged-in user "
                    + "who sends it becomes the admin and the file is deleted; admin routes accept the caller's "
                    + "current access token at once (a refreshed token also carries role admin). Once there is an "
                    + "admin this route answers 404.")
    @ApiResponse(responseCode = "204", description = "the caller is the admin now")
    @ApiResponse(responseCode = "400", description = "VALIDATION_FAILED")
    @ApiResponse(responseCode = "401", description = "UNAUTHORIZED: missing, invalid or expired access token")
    @ApiResponse(responseCode = "403", description = "BOOTSTRAP_TOKEN_INVALID: not the token in the file")
    @ApiResponse(responseCode = "404", description = "NOT_FOUND: the exchange has an admin already")
    ResponseEntity<Void> bootstrap(AuthenticatedUser caller, @Valid @RequestBody BootstrapRequest body) {
        return switch (bootstrap.bootstrap(caller.id(), body.token())) {
            case AdminBootstrap.Outcome.Granted granted -> ResponseEntity.noContent().build();
            case AdminBootstrap.Outcome.WrongToken() -> throw new ApiException(HttpStatus.FORBIDDEN,
                    ErrorCodes.BOOTSTRAP_TOKEN_INVALID, "That is not the bootstrap token");
            case AdminBootstrap.Outcome.NotAvailable() -> throw ApiException.notFound(ErrorCodes.NOT_FOUND,
                    "There is nothing at this address"); // as for any admin route to a non-admin
        };
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
