package org.bourse.marketdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bourse.testsupport.Traders.limit;

import org.bourse.testsupport.HttpApi;
import org.bourse.testsupport.IsolatedRedisKeys;
import org.bourse.testsupport.WithRedis;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@link MarketDataScenarios} with the real Redis as the shared second cache level. */
@WithRedis
class RedisMarketDataTest extends MarketDataScenarios {

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    JsonMapper json;

    @Value("${" + IsolatedRedisKeys.PREFIX_PROPERTY + "}")
    String prefix;

    @Test
    void booksAreSharedInRedisUnderTheirSequenceAndANewOrderIsNeverAnsweredFromAnOlderOne() {
        assertThat(bob.order(limit(coin, "sell", "0.5", "102")).status()).isEqualTo(201);
        HttpApi.Reply first = anyone.get("/api/v1/markets/" + symbol + "/book?depth=10");
        long sequence = first.json().get("sequence").asLong();

        String stored = redis.opsForValue().get(prefix + "md:book:" + symbol + ":10:" + sequence);
        assertThat(stored).as("the book under its sequence").isNotNull();
        JsonNode cached = json.readTree(stored);
        assertThat(cached.get("sequence").asLong()).isEqualTo(sequence);
        assertThat(cached.get("asks").get(0).get(0).asString()).isEqualTo(first.json().get("asks").get(0).get(0).asString());
        assertThat(redis.getExpire(prefix + "md:book:" + symbol + ":10:" + sequence)).isPositive();

        assertThat(alice.order(limit(coin, "buy", "0.1", "99")).status()).isEqualTo(201);
        JsonNode after = anyone.anotherCaller().get("/api/v1/markets/" + symbol + "/book?depth=10").json();
        assertThat(after.get("sequence").asLong()).isEqualTo(sequence + 1);
        assertThat(after.get("bids").size()).isEqualTo(1);
        assertThat(redis.hasKey(prefix + "md:book:" + symbol + ":10:" + (sequence + 1))).isTrue();
    }

    @Test
    void aNodeTakesTheEntryAnotherNodePutInRedisForTheSameSequence() {
        long sequence = anyone.get("/api/v1/markets/" + symbol + "/book").json().get("sequence").asLong();
        // as another node would have written it (a marker price this market's book does not hold)
        redis.opsForValue().set(prefix + "md:book:" + symbol + ":9:" + sequence, "{\"symbol\":\"" + symbol
                + "\",\"sequence\":" + sequence + ",\"bids\":[[\"1.00\",\"2\"]],\"asks\":[]}");

        JsonNode book = anyone.get("/api/v1/markets/" + symbol + "/book?depth=9").json();

        assertThat(book.get("bids").get(0).get(0).asString()).isEqualTo("1.00");
    }
}
