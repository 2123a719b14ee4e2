package org.bourse.apikeys;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.bourse.identity.TwoFactor;
import org.bourse.platform.ApiException;
import org.bourse.platform.AuthenticatedUser;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/api-keys}, as API.md's "Programmatic trading" says. Managed with an access token only, never a key. */
@RestController
@Tag(name = "API keys", description = "Keys for programs: HMAC-SHA256 signed requests (see docs/binance-compat.md)")
class ApiKeyController {

    static final String API_KEY_NOT_FOUND = "API_KEY_NOT_FOUND";
    static final String API_KEY_LIMIT = "API_KEY_LIMIT";

    record CreateKeyRequest(@NotBlank @Size(max = 100) String label,
                            @NotEmpty @Size(max = 3) List<String> permissions,
                            @Size(max = IpAllowlist.MAX_ENTRIES) List<String> ipAllowlist,
                            @Size(max = 32) String otp) {
    }

    private final ApiKeys apiKeys;
    private final TwoFactor twoFactor;

    ApiKeyController(ApiKeys apiKeys, TwoFactor twoFactor) {
        this.apiKeys = apiKeys;
        this.twoFactor = twoFactor;
    }

    @PostMapping("/api/v1/api-keys")
    @Operation(summary = "Create an API key; the answer is the only time the secret is shown",
            description = "permissions: any of read, trade, withdraw (none implies another). ip_allowlist: addresses or "
                    + "CIDR blocks (IPv4 or IPv6) the key may be used from; empty or absent means any. The secret is "
                    + "stored sealed with the server's key (AES-GCM). Each key is rate limited on its own "
                    + "(bourse.api-keys.rate-capacity, rate-per-second); a user holds at most "
                    + "bourse.api-keys.max-keys-per-user (30) active keys.")
    @ApiResponse(responseCode = "201", description = "the key, with its secret")
    @ApiResponse(responseCode = "400", description = "VALIDATION_FAILED naming label, permissions or ip_allowlist")
    @ApiResponse(responseCode = "401", description = "UNAUTHORIZED; OTP_REQUIRED or OTP_INVALID: a key with withdraw, "
            + "asked for by a user with two-factor authentication on, needs otp (a current code)")
    @ApiResponse(responseCode = "422", description = "API_KEY_LIMIT: the user holds as many active keys as allowed")
    ResponseEntity<ApiKeys.IssuedKey> create(AuthenticatedUser caller, @Valid @RequestBody CreateKeyRequest body) {
        Set<Permission> permissions = permissions(body.permissions());
        IpAllowlist allowlist = allowlist(body.ipAllowlist());
        if (permissions.contains(Permission.WITHDRAW) && twoFactor.enabled(caller.id())) {
            secondFactor(caller.id(), body.otp());
        }
        if (apiKeys.activeCount(caller.id()) >= apiKeys.properties().maxKeysPerUser()) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, API_KEY_LIMIT,
                    "You hold as many active API keys as allowed; revoke one first");
        }
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(apiKeys.create(caller.id(), body.label().strip(), permissions, allowlist));
    }

    @GetMapping("/api/v1/api-keys")
    @Operation(summary = "The caller's active API keys, oldest first, never their secrets")
    @ApiResponse(responseCode = "200", description = "the keys (at most max-keys-per-user, so not paged)")
    @ApiResponse(responseCode = "401", description = "UNAUTHORIZED")
    List<ApiKeys.IssuedKey> list(AuthenticatedUser caller) {
        return apiKeys.active(caller.id());
    }

    @DeleteMapping("/api/v1/api-keys/{id}")
    @Operation(summary = "Revoke an API key at once; requests signed with it are refused from then on")
    @ApiResponse(responseCode = "204", description = "revoked")
    @ApiResponse(responseCode = "401", description = "UNAUTHORIZED")
    @ApiResponse(responseCode = "404", description = "API_KEY_NOT_FOUND: no such active key of the caller's")
    ResponseEntity<Void> revoke(AuthenticatedUser caller, @PathVariable String id) {
        long keyId;
        try {
            keyId = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw notFound();
        }
        if (!apiKeys.revoke(caller.id(), keyId)) {
            throw notFound();
        }
        return ResponseEntity.noContent().build();
    }

    /** A key that may move funds out is as strong as a withdrawal: with 2FA on, it needs a code too. */
    private void secondFactor(long userId, String otp) {
        if (otp == null || otp.isBlank()) {
            throw new ApiException(HttpStatus.UNAUTHORIZED, TwoFactor.OTP_REQUIRED,
                    "Two-factor authentication is on: a key with withdraw needs otp");
        }
        if (!twoFactor.verify(userId, otp)) {
            throw new ApiException(HttpStatus.UNAUTHORIZED, TwoFactor.OTP_INVALID, "The code is not valid");
        }
    }

    private static ApiException notFound() {
        return ApiException.notFound(API_KEY_NOT_FOUND, "There is no such API key");
    }

    private static Set<Permission> permissions(List<String> codes) {
        Set<Permission> permissions = EnumSet.noneOf(Permission.class);
        for (String code : codes) {
            Optional<Permission> permission = Permission.of(code);
            if (permission.isEmpty()) {
                throw ApiException.invalidField("permissions", "may hold only read, trade and withdraw");
            }
            permissions.add(permission.get());
        }
        return permissions;
    }

    private static IpAllowlist allowlist(List<String> entries) {
        if (entries == null) {
            return new IpAllowlist(List.of());
        }
        Set<String> normalised = new LinkedHashSet<>();
        for (String entry : entries) {
            normalised.add(IpAllowlist.normalise(entry).orElseThrow(() -> ApiException.invalidField("ip_allowlist",
                    "must hold IPv4 or IPv6 addresses or CIDR blocks such as 203.0.113.0/24")));
        }
        return new IpAllowlist(new ArrayList<>(normalised));
    }
}
