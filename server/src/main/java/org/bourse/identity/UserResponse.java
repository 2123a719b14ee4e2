package org.bourse.identity;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.swagger.v3.oas.annotations.media.Schema;

/** A user as the API shows it: never the password or its hash. */
@Schema(name = "User")
record UserResponse(
        @Schema(description = "the user's id, a string", example = "42") String id,
        String username,
        String email,
        @Schema(allowableValues = {User.NORMAL, User.ADMIN}) String role,
        // spelled out: a record component named isActive would otherwise be read as the bean property "active"
        @JsonProperty("is_active") @Schema(description = "false once an admin disabled the account") boolean isActive,
        @Schema(description = "ISO-8601 UTC") Instant createdAt,
        @Schema(description = "whether the user confirmed the e-mail address (POST /auth/verify-email)") boolean emailVerified) {

    static UserResponse of(User user) {
        return new UserResponse(Long.toString(user.id()), user.username(), user.email(), user.role(), user.active(),
                user.createdAt(), user.emailVerified());
    }
}
