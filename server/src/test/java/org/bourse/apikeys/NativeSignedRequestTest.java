package org.bourse.apikeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bourse.testsupport.ProblemAssertions.assertProblem;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.bourse.testsupport.BourseHttpTest;
import org.bourse.testsupport.HttpApi;
import org.bourse.testsupport.Traders;
import org.bourse.testsupport.Traders.Trader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import tools.jackson.databind.JsonNode;

/**
 * API keys on the native API: HMAC-SHA256 over key, timestamp, method, path, query and body, in headers. A signed
 * request acts for the key's owner within the key's permissions; every refusal has its stable code.
 */
@BourseHttpTest
// signed requests carry the wall clock's time: a context of their own, whose TestClock no other test class has moved
@TestPropertySource(properties = {"bourse.test.context=wall-clock", "bourse.demo.enabled=false", "bourse.rate-limit.capacity=100000",
        "bourse.rate-limit.refill-per-second=100000"})
class NativeSignedRequestTest {

    @LocalServerPort
    int port;

    Traders traders;
    Trader alice;
    String coin;

    @BeforeEach
    void trader() {
        traders = new Traders(port);
        alice = traders.newTrader();
        coin = traders.newMarket();
    }

    /** A program holding a key: signs what it sends, from its own address. */
    record Program(HttpApi api, String apiKey, String secret) {

        HttpApi.Reply send(String method, String pathAndQuery, String body, long timestamp) {
            int q = pathAndQuery.indexOf('?');
            String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
            String query = q < 0 ? "" : pathAndQuery.substring(q + 1);
            String payload = apiKey + "\n" + timestamp + "\n" + method + "\n" + path + "\n" + query + "\n" + body;
            return signedWith(sign(payload), timestamp).send(method, pathAndQuery,
                    java.net.http.HttpRequest.BodyPublishers.ofString(body));
        }

        HttpApi.Reply send(String method, String pathAndQuery, String body) {
            return send(method, pathAndQuery, body, System.currentTimeMillis());
        }

        HttpApi signedWith(String signature, long timestamp) {
            return api.withHeader("X-BOURSE-APIKEY", apiKey).withHeader("X-BOURSE-TIMESTAMP", Long.toString(timestamp))
                    .withHeader("X-BOURSE-SIGNATURE", signature);
        }

        String sign(String payload) {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
                return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private Program key(List<String> permissions) {
        JsonNode created = alice.api().post("/api/v1/api-keys", Map.of("label", "bot", "permissions", permissions)).json();
        return new Program(HttpApi.onPort(port), created.get("api_key").asString(), created.get("secret").asString());
    }

    private String order() {
        return "{\"type\":\"buy\",\"crypto_symbol\":\"" + coin + "\",\"order_kind\":\"limit\",\"quantity\":\"0.01\","
                + "\"price\":\"10.00\",\"execute\":true}";
    }

    @Test
    void aSignedRequestActsForTheOwnerWithinTheKeysPermissions() {
        Program trader = key(List.of("read", "trade"));

        HttpApi.Reply balances = trader.send("GET", "/api/v1/balances", "");
        HttpApi.Reply placed = trader.send("POST", "/api/v1/orders", order());
        HttpApi.Reply listed = trader.send("GET", "/api/v1/orders?symbol=" + coin + "-USD&limit=10", "");

        assertThat(balances.status()).as("%s", balances).isEqualTo(200);
        assertThat(placed.status()).as("%s", placed).isEqualTo(201);
        assertThat(placed.text("user_id")).isEqualTo(Long.toString(alice.id()));
        assertThat(listed.json().get("items").get(0).get("id").asString()).isEqualTo(placed.text("id"));
        assertThat(alice.api().get("/api/v1/orders/" + placed.text("id")).status()).isEqualTo(200);
    }

    @Test
    void eachRefusalHasItsStableCode() {
        Program reader = key(List.of("read"));
        Program trader = key(List.of("read", "trade"));
        long now = System.currentTimeMillis();

        assertProblem(reader.send("POST", "/api/v1/orders", order()), 401, "API_KEY_REJECTED");
        String signedBody = order();
        String otherBody = signedBody.replace("0.01", "0.02");
        String payload = trader.apiKey() + "\n" + now + "\n" + "POST\n/api/v1/orders\n\n" + signedBody;
        assertProblem(trader.signedWith(trader.sign(payload), now).post("/api/v1/orders", otherBody), 401,
                "SIGNATURE_INVALID");
        assertProblem(trader.send("GET", "/api/v1/balances", "", now - 60_000), 401, "TIMESTAMP_OUTSIDE_RECV_WINDOW");
        HttpApi.Reply first = trader.send("GET", "/api/v1/balances", "", now);
        assertThat(first.status()).isEqualTo(200);
        assertProblem(trader.send("GET", "/api/v1/balances", "", now), 401, "REQUEST_REPLAYED");
        assertProblem(trader.send("GET", "/api/v1/api-keys", ""), 401, "API_KEY_REJECTED");
        assertProblem(trader.send("GET", "/api/v1/admin/users", ""), 401, "API_KEY_REJECTED");
        assertThat(alice.api().get("/api/v1/orders").json().get("items")).as("nothing was placed").isEmpty();
    }

    @Test
    void aRevokedKeyStopsAtOnce() {
        Program trader = key(List.of("read"));
        assertThat(trader.send("GET", "/api/v1/balances", "").status()).isEqualTo(200);
        String id = alice.api().get("/api/v1/api-keys").json().get(0).get("id").asString();

        assertThat(alice.api().delete("/api/v1/api-keys/" + id).status()).isEqualTo(204);

        assertProblem(trader.send("GET", "/api/v1/balances", ""), 401, "API_KEY_REJECTED");
    }
}
