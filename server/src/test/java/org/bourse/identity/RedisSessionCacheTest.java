package org.bourse.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

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

    @Test
    void aLoginStoresTheSessionForTheAccessTokensLifetime() {
        Member member = newMember();
        long userId = register(member);

        logIn(member);

        String key = sessionKey(userId);
        JsonNode session = JsonMapper.builder().build().readTree(redis.opsForValue().get(key));
        assertThat(session.path("user_id").asString()).isEqualTo(Long.toString(userId));
        assertThat(session.path("username").asString()).isEqualTo(member.username());
        assertThat(session.path("email").asString()).isEqualTo(member.email());
        assertThat(session.path("role").asString()).isEqualTo("normal");
        assertThat(redis.getExpire(key)).isBetween(Duration.ofSeconds(890).toSeconds(), Duration.ofSeconds(900).toSeconds());
    }

    @Test
    void aLogoutRemovesTheSession() {
        Member member = newMember();
        long userId = register(member);
        Session session = logIn(member);

        api().post(LOGOUT, refreshBody(session.refreshToken()));

        assertThat(redis.hasKey(sessionKey(userId))).isFalse();
    }

    @Test
    void disablingAUserRemovesTheirSession() {
        Session session = newSession();

        api().withBearer(adminToken()).patch(ADMIN_USERS + session.userId(), Map.of("is_active", false));

        assertThat(redis.hasKey(sessionKey(session.userId()))).isFalse();
    }

    private String sessionKey(long userId) {
        return prefix + "session:" + userId;
    }
}
