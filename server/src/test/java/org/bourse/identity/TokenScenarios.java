package org.bourse.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bourse.testsupport.ProblemAssertions.assertProblem;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import javax.crypto.spec.SecretKeySpec;

import org.bourse.testsupport.HttpApi;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

import com.nimbusds.jose.jwk.source.ImmutableSecret;

import tools.jackson.databind.JsonNode;

/** Access and refresh tokens: what each is good for, how long, and how they are revoked. */
abstract class TokenScenarios extends IdentityApiTest {

    @Test
    void meAnswersTheCallerOfTheAccessToken() {
        Member member = newMember();
        long userId = register(member);

        HttpApi.Reply reply = api().withBearer(logIn(member).accessToken()).get(ME);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.text("id")).isEqualTo(Long.toString(userId));
        assertThat(reply.text("username")).isEqualTo(member.username());
        assertThat(reply.text("role")).isEqualTo("normal");
    }

    @Test
    void meWithoutATokenIsUnauthorized() {
        HttpApi.Reply reply = api().get(ME);

        assertProblem(reply, 401, "UNAUTHORIZED");
        assertThat(reply.header("WWW-Authenticate")).startsWith("Bearer");
    }

    @Test
    void aRefreshTokenBuysANewAccessToken() {
        Session session = newSession();

        HttpApi.Reply reply = api().post(REFRESH, refreshBody(session.refreshToken()));

        assertThat(reply.status()).isEqualTo(200);
        JsonNode body = reply.json();
        assertThat(body.propertyNames()).containsExactlyInAnyOrder("access_token", "token_type", "expires_in");
        assertThat(body.path("token_type").asString()).isEqualTo("Bearer");
        assertThat(body.path("expires_in").asLong()).isEqualTo(900);
        HttpApi.Reply me = api().withBearer(body.path("access_token").asString()).get(ME);
        assertThat(me.text("id")).isEqualTo(Long.toString(session.userId()));
    }

    @Test
    void loggingOutRevokesTheRefreshToken() {
        Session session = newSession();

        HttpApi.Reply logout = api().post(LOGOUT, refreshBody(session.refreshToken()));

        assertThat(logout.status()).isEqualTo(204);
        assertThat(logout.body()).isEmpty();
        assertProblem(api().post(REFRESH, refreshBody(session.refreshToken())), 401, "UNAUTHORIZED");
        assertThat(api().post(LOGOUT, refreshBody(session.refreshToken())).status()).as("logging out twice").isEqualTo(204);
    }

    @Test
    void loggingOutEndsOnlyThatSession() {
        Member member = newMember();
        register(member);
        Session phone = logIn(member);
        Session laptop = logIn(member);

        api().post(LOGOUT, refreshBody(phone.refreshToken()));

        assertThat(api().post(REFRESH, refreshBody(laptop.refreshToken())).status()).isEqualTo(200);
    }

    @Test
    void anAccessTokenIsRefusedAtRefresh() {
        Session session = newSession();

        assertProblem(api().post(REFRESH, refreshBody(session.accessToken())), 401, "UNAUTHORIZED");
    }

    @Test
    void aRefreshTokenIsRefusedAsABearerToken() {
        Session session = newSession();

        assertProblem(api().withBearer(session.refreshToken()).get(ME), 401, "UNAUTHORIZED");
    }

    @Test
    void anUnknownOrTamperedRefreshTokenIsRefused() {
        String genuine = newSession().refreshToken();
        String tampered = genuine.substring(0, genuine.length() - 2) + (genuine.endsWith("AA") ? "BB" : "AA");

        assertProblem(api().post(REFRESH, refreshBody("not-a-token")), 401, "UNAUTHORIZED");
        assertProblem(api().post(REFRESH, refreshBody(tampered)), 401, "UNAUTHORIZED");
    }

    @Test
    void tokensSignedWithAnotherKeyAreRefused() {
        Session session = newSession();
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        JwtClaimsSet.Builder claims = JwtClaimsSet.builder()
                .subject(Long.toString(session.userId()))
                .issuedAt(now).notBefore(now).expiresAt(now.plus(Duration.ofMinutes(15)));

        String forgedAccess = signWithAnotherKey(claims.claim("username", "x").claim("email", "x@x.x").claim("role", "admin").build());
        String forgedRefresh = signWithAnotherKey(JwtClaimsSet.builder().subject(Long.toString(session.userId()))
                .claim("type", "refresh").issuedAt(now).notBefore(now).expiresAt(now.plus(Duration.ofDays(7))).build());

        assertProblem(api().withBearer(forgedAccess).get(ME), 401, "UNAUTHORIZED");
        assertProblem(api().post(REFRESH, refreshBody(forgedRefresh)), 401, "UNAUTHORIZED");
    }

    @Test
    void anAccessTokenExpiresAfterFifteenMinutes() {
        HttpApi caller = api().withBearer(newSession().accessToken());

        clock.advance(Duration.ofMinutes(14).plusSeconds(50));
        assertThat(caller.get(ME).status()).as("just before expiry").isEqualTo(200);

        clock.advance(Duration.ofSeconds(11));
        assertProblem(caller.get(ME), 401, "UNAUTHORIZED");
    }

    @Test
    void aRefreshTokenExpiresAfterSevenDays() {
        Session session = newSession();

        clock.advance(Duration.ofDays(7).minusMinutes(1));
        assertThat(api().post(REFRESH, refreshBody(session.refreshToken())).status()).as("just before expiry").isEqualTo(200);

        clock.advance(Duration.ofMinutes(1).plusSeconds(1));
        assertProblem(api().post(REFRESH, refreshBody(session.refreshToken())), 401, "UNAUTHORIZED");
    }

    private static String signWithAnotherKey(JwtClaimsSet claims) {
        byte[] otherKey = new byte[32];
        new SecureRandom().nextBytes(otherKey);
        NimbusJwtEncoder encoder = new NimbusJwtEncoder(new ImmutableSecret<>(new SecretKeySpec(otherKey, "HmacSHA256")));
        return encoder.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims)).getTokenValue();
    }
}
