package org.bourse.identity;

import java.time.Instant;
import java.util.UUID;

import org.bourse.platform.JwtSigningKey;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.stereotype.Component;

import com.nimbusds.jose.jwk.source.ImmutableSecret;

/**
 * Signs the two kinds of token (HS256). Access tokens carry who the user is and no {@code type}; refresh
 * tokens carry only the user id and {@code type = refresh}, plus a random {@code jti} so two issued in the
 * same second still differ (they are looked up by hash).
 */
@Component
class TokenIssuer {

    static final String TYPE_CLAIM = "type";
    static final String REFRESH = "refresh";

    private final JwtEncoder encoder;
    private final IdentityProperties properties;

    TokenIssuer(JwtSigningKey signingKey, IdentityProperties properties) {
        this.encoder = new NimbusJwtEncoder(new ImmutableSecret<>(signingKey.key()));
        this.properties = properties;
    }

    /** @param now whole seconds, as JWT times are */
    String accessToken(User user, Instant now) {
        return sign(JwtClaimsSet.builder()
                .subject(Long.toString(user.id()))
                .claim("username", user.username())
                .claim("email", user.email())
                .claim("role", user.role())
                .issuedAt(now)
                .notBefore(now)
                .expiresAt(now.plus(properties.accessTokenTtl()))
                .build());
    }

    String refreshToken(long userId, Instant now, Instant expiresAt) {
        return sign(JwtClaimsSet.builder()
                .subject(Long.toString(userId))
                .claim(TYPE_CLAIM, REFRESH)
                .id(UUID.randomUUID().toString())
                .issuedAt(now)
                .notBefore(now)
                .expiresAt(expiresAt)
                .build());
    }

    long accessTokenSeconds() {
        return properties.accessTokenTtl().toSeconds();
    }

    private String sign(JwtClaimsSet claims) {
        JwsHeader header = JwsHeader.with(MacAlgorithm.HS256).build();
        return encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
    }
}
