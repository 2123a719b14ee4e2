package org.bourse.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.bourse.testsupport.IsolatedRedisKeys;
import org.bourse.testsupport.WithRedis;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.redis.core.StringRedisTemplate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Seed 000's session cache in the real Redis: {@code session:{user_id}} for 900 seconds, gone at logout. */
@WithRedis
class RedisSessionCacheTest extends IdentityApiTest {

    @Autowired
    StringRedisTemplate redis;

    @Value("${" + IsolatedRedisKeys.PREFIX_PROPERTY + "}")
    String prefix;

    /**
     * The session lives exactly as long as the access token, 900 s from the login. What is left of it when read
     * is 900 s less the time since the login, which this test measures around the login and the read rather than
     * assuming it small: however slow the machine, the bounds hold.
     */
    @Test
    void aLoginStoresTheSessionForTheAccessTokensLifetime() {
        Member member = newMember();
        long userId = register(member);
        String key = sessionKey(userId);
        long before = System.nanoTime();

        logIn(member);
        long left = redis.getExpire(key, TimeUnit.MILLISECONDS);

        long sinceLogin = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - before) + 1;
        assertThat(left).as("milliseconds left, %d ms after the login began", sinceLogin)
                .isBetween(Duration.ofSeconds(900).toMillis() - sinceLogin, Duration.ofSeconds(900).toMillis());
        JsonNode session = JsonMapper.builder().build().readTree(redis.opsForValue().get(key));
        assertThat(session.path("user_id").asString()).isEqualTo(Long.toString(userId));
        assertThat(session.path("username").asString()).isEqualTo(member.username());
        assertThat(session.path("email").asString()).isEqualTo(member.email());
        assertThat(session.path("role").asString()).isEqualTo("normal");
    }

    @Test
    void aLogoutRemovesTheSession() {
        Member member = newMember();
        long userId = register(member);
        Session session = logIn(member);
        assertThat(redis.hasKey(sessionKey(userId))).as("the session, before the logout").isTrue();

        assertThat(api().post(LOGOUT, refreshBody(session.refreshToken())).status()).isEqualTo(204);

        assertThat(redis.hasKey(sessionKey(userId))).isFalse();
    }

    @Test
    void disablingAUserRemovesTheirSession() {
        Session session = newSession();
        String admin = adminToken();
        assertThat(redis.hasKey(sessionKey(session.userId()))).as("the session, before the user is disabled").isTrue();

        assertThat(api().withBearer(admin).patch(ADMIN_USERS + session.userId(), Map.of("is_active", false)).status())
                .isEqualTo(200);

        assertThat(redis.hasKey(sessionKey(session.userId()))).isFalse();
    }

    private String sessionKey(long userId) {
        return prefix + "session:" + userId;
    }
}
