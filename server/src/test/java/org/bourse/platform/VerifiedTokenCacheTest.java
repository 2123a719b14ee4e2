package org.bourse.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

class VerifiedTokenCacheTest {

    private static final Instant ISSUED = Instant.parse("2026-11-23T12:00:00Z");

    private final AtomicInteger verifications = new AtomicInteger();
    private final JwtDecoder verifier = token -> {
        verifications.incrementAndGet();
        if (token.equals("forged")) {
            throw new BadJwtException("bad signature");
        }
        return Jwt.withTokenValue(token).header("alg", "HS256").subject("7").issuedAt(ISSUED).notBefore(ISSUED)
                .expiresAt(ISSUED.plus(Duration.ofMinutes(15))).build();
    };

    @Test
    void aTokenIsVerifiedOnceAndThenServedFromTheCache() {
        VerifiedTokenCache cache = new VerifiedTokenCache(verifier, Clock.fixed(ISSUED.plusSeconds(60), ZoneOffset.UTC),
                Duration.ZERO);

        assertThat(cache.decode("good").getSubject()).isEqualTo("7");
        assertThat(cache.decode("good").getSubject()).isEqualTo("7");
        assertThat(verifications).hasValue(1);
    }

    @Test
    void aCachedTokenStillExpiresOnTime() {
        MutableClock clock = new MutableClock(ISSUED.plusSeconds(60));
        VerifiedTokenCache cache = new VerifiedTokenCache(verifier, clock, Duration.ZERO);
        cache.decode("good");

        clock.now = ISSUED.plus(Duration.ofMinutes(15));

        assertThatThrownBy(() -> cache.decode("good")).isInstanceOf(BadJwtException.class);
    }

    @Test
    void aRejectedTokenIsNeverCached() {
        VerifiedTokenCache cache = new VerifiedTokenCache(verifier, Clock.fixed(ISSUED, ZoneOffset.UTC), Duration.ZERO);

        assertThatThrownBy(() -> cache.decode("forged")).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> cache.decode("forged")).isInstanceOf(BadJwtException.class);
        assertThat(verifications).hasValue(2);
    }

    private static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
