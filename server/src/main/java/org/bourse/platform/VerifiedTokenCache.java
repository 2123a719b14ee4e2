package org.bourse.platform;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Verifies each access token once and remembers the result: a client sends the same token with every
 * request for its 15 minutes, and checking an HMAC and parsing the claims each time would be most of the cost
 * of a small request. Signature and claims checks are properties of the token text, so a cached
 * answer is the same answer; only time changes it, so expiry and not-before are checked again on every use.
 * Bounded, so a flood of distinct tokens costs memory no larger than the bound.
 */
final class VerifiedTokenCache implements JwtDecoder {

    private static final int MAX_TOKENS = 100_000;

    private final JwtDecoder verifier;
    private final DisabledUsers disabledUsers;
    private final Clock clock;
    private final Duration skew;
    private final Cache<String, Jwt> verified = Caffeine.newBuilder()
            .maximumSize(MAX_TOKENS)
            .expireAfterWrite(Duration.ofMinutes(15))
            .build();

    VerifiedTokenCache(JwtDecoder verifier, Clock clock, Duration skew) {
        this(verifier, clock, skew, new DisabledUsers());
    }

    /** @param disabledUsers whose tokens are refused at once, valid or not; the rest of their checks are cached */
    VerifiedTokenCache(JwtDecoder verifier, Clock clock, Duration skew, DisabledUsers disabledUsers) {
        this.disabledUsers = disabledUsers;
        disabledUsers.onDisabled((userId, here) -> forget(userId));
        this.verifier = verifier;
        this.clock = clock;
        this.skew = skew;
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt known = verified.getIfPresent(token);
        if (known == null) {
            Jwt jwt = verifier.decode(token); // throws for a bad signature, type or time
            refuseDisabled(jwt);
            verified.put(token, jwt);
            return jwt;
        }
        refuseDisabled(known);
        Instant now = clock.instant();
        if (known.getExpiresAt() != null && !now.isBefore(known.getExpiresAt().plus(skew))) {
            verified.invalidate(token);
            throw new BadJwtException("the token has expired");
        }
        if (known.getNotBefore() != null && now.isBefore(known.getNotBefore().minus(skew))) {
            throw new BadJwtException("the token is not valid yet");
        }
        return known;
    }

    private void refuseDisabled(Jwt jwt) {
        String subject = jwt.getSubject();
        if (subject != null && disabledUsers.contains(userId(subject))) {
            throw new BadJwtException("the user is disabled");
        }
    }

    /** Drops the user's cached tokens, so nothing remembered of them outlives the disabling. */
    private void forget(long userId) {
        String subject = Long.toString(userId);
        verified.asMap().values().removeIf(jwt -> subject.equals(jwt.getSubject()));
    }

    private static long userId(String subject) {
        try {
            return Long.parseLong(subject);
        } catch (NumberFormatException notAUser) {
            return -1;
        }
    }
}
