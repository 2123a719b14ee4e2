package org.bourse.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.bourse.platform.RedisKeys;
import org.bourse.testsupport.BourseHttpTest;
import org.bourse.testsupport.Traders;
import org.bourse.testsupport.Traders.Trader;
import org.bourse.testsupport.WithRedis;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * With Redis, disabling a user on one node stops their access tokens on every other node at once: here the
 * "other node" is a second broadcaster on the same Redis and key prefix, and this server is the one told.
 */
@BourseHttpTest
@WithRedis
@TestPropertySource(properties = {"bourse.demo.enabled=false", "bourse.accounts.require-verified-email=false"})
class RedisUserStateBroadcastTest {

    @LocalServerPort
    int port;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    RedisKeys keys;

    @Autowired
    RedisConnectionFactory connections;

    @Test
    void aUserDisabledOnAnotherNodeIsRefusedHereAndEnabledAgain() throws Exception {
        Trader trader = new Traders(port).newTrader();
        assertThat(trader.api().get("/api/v1/balances").status()).isEqualTo(200);
        RedisUserStateBroadcast otherNode = new RedisUserStateBroadcast(redis, keys, connections);
        try {
            otherNode.publish(trader.id(), false);
            awaitStatus(trader, 401);

            otherNode.publish(trader.id(), true);
            awaitStatus(trader, 200);
        } finally {
            otherNode.destroy();
        }
    }

    private static void awaitStatus(Trader trader, int status) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        int seen = trader.api().get("/api/v1/balances").status();
        while (seen != status && System.nanoTime() < deadline) {
            Thread.sleep(20);
            seen = trader.api().get("/api/v1/balances").status();
        }
        assertThat(seen).isEqualTo(status);
    }
}
