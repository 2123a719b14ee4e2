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

    /**
     * Redis's own clock times these buckets, and no test can move it: instead the bucket's last refill is moved
     * back by the duration, which is the same to the limiter's script (it refills by now minus that time).
     */
    @Override
    void letTimePass(HttpApi caller, Duration duration) {
        String bucket = prefix + "ratelimit:ip:" + caller.address();
        long at = (long) Double.parseDouble((String) redis.opsForHash().get(bucket, "at"));
        redis.opsForHash().put(bucket, "at", Long.toString(at - duration.toMillis()));
    }

    @Test
    void theBucketsLiveInRedis() {
        HttpApi caller = api();

        caller.get(ANY_API_PATH);

        String bucket = prefix + "ratelimit:ip:" + caller.address();
        assertThat(Double.parseDouble((String) redis.opsForHash().get(bucket, "tokens"))).as("tokens, refilling continuously")
                .isGreaterThanOrEqualTo(CAPACITY - 1).isLessThan(CAPACITY);
        assertThat(redis.getExpire(bucket)).isPositive();
    }
}
