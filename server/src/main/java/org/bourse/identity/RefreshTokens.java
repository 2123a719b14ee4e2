package org.bourse.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.bourse.platform.JwtSigningKey;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.stereotype.Component;

/**
 * Refresh tokens: issued at login, stored as a SHA-256 hash, accepted only when the signature, the
 * {@code type = refresh} claim, the expiry (by the injectable clock) and the stored row all agree.
 */
@Component
class RefreshTokens {

    private final TokenIssuer issuer;
    private final RefreshTokenRepository stored;
    private final NimbusJwtDecoder decoder;
    private final Duration ttl;

    RefreshTokens(TokenIssuer issuer, RefreshTokenRepository stored, JwtSigningKey signingKey, Clock clock,
                  IdentityProperties properties, @Value("${bourse.jwt.clock-skew:0s}") Duration clockSkew) {
        this.issuer = issuer;
        this.stored = stored;
        this.ttl = properties.refreshTokenTtl();
        this.decoder = NimbusJwtDecoder.withSecretKey(signingKey.key()).macAlgorithm(MacAlgorithm.HS256).build();
        JwtTimestampValidator timestamps = new JwtTimestampValidator(clockSkew);
        timestamps.setClock(clock);
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(List.of(timestamps, RefreshTokens::refreshTypeOnly)));
    }

    private static OAuth2TokenValidatorResult refreshTypeOnly(Jwt token) {
        return TokenIssuer.REFRESH.equals(token.getClaimAsString(TokenIssuer.TYPE_CLAIM))
                ? OAuth2TokenValidatorResult.success()
                : OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "not a refresh token", null));
    }

    String issue(long userId, Instant now) {
        Instant issuedAt = now.truncatedTo(ChronoUnit.SECONDS);
        Instant expiresAt = issuedAt.plus(ttl);
        String token = issuer.refreshToken(userId, issuedAt, expiresAt);
        stored.insert(userId, hash(token), issuedAt, expiresAt);
        return token;
    }

    /** @return the owner's id when the token is genuine, a refresh token, unexpired and not revoked */
    Optional<Long> ownerOfValid(String token, Instant now) {
        try {
            decoder.decode(token);
        } catch (JwtException invalid) {
            return Optional.empty();
        }
        return stored.find(hash(token))
                .filter(row -> row.revokedAt() == null && row.expiresAt().isAfter(now))
                .map(RefreshTokenRepository.StoredRefreshToken::userId);
    }

    /** @return the owner's id when the token was live and is now revoked */
    Optional<Long> revoke(String token, Instant now) {
        return stored.revoke(hash(token), now);
    }

    void revokeAllOf(long userId, Instant now) {
        stored.revokeAllOf(userId, now);
    }

    static String hash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
