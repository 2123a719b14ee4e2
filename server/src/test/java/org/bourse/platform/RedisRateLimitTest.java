package org.bourse.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.bourse.testsupport.HttpApi;
import org.bourse.testsupport.IsolatedRedisKeys;
import org.bourse.testsupport.WithRedis;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.redis.core.StringRedisTemplate;

/** Rate limiting with the buckets in the real Redis, shared by every server node and timed by Redis's clock. */
@WithRedis
class RedisRateLimitTest extends RateLimitScenarios {

    @Autowired
    StringRedisTemplate redis;

    @Value("${" + IsolatedRedisKeys.PREFIX_PROPERTY + "}")
    String prefix;

    @Override
    void letTimePass(Duration duration) throws InterruptedException {
        Thread.sleep(duration.plusMillis(100)); // Redis's TIME is the clock here; only real time moves it
    }

    @Test
    void theBucketsLiveInRedis() {
        HttpApi caller = api();

        caller.get(ANY_API_PATH);

        String bucket = prefix + "ratelimit:ip:" + caller.address();
        assertThat(redis.opsForHash().get(bucket, "tokens")).isEqualTo(Integer.toString(CAPACITY - 1));
        assertThat(redis.getExpire(bucket)).isPositive();
    }
}
