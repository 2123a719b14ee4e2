package org.bourse.binance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bourse.testsupport.ProblemAssertions.assertProblem;

import java.util.List;
import java.util.Map;

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
 * API keys and the requests signed with them, through real HTTP: the key's life (secret once, listed without it,
 * revoked), and every refusal issue 25 names, each with its stable Binance code and nothing that tells an
 * attacker which of the key's conditions failed.
 */
@BourseHttpTest
// signed requests carry the wall clock's time: a context of their own, whose TestClock no other test class has moved
@TestPropertySource(properties = {"bourse.test.context=wall-clock", "bourse.demo.enabled=false", "bourse.rate-limit.capacity=100000",
        "bourse.rate-limit.refill-per-second=100000"})
class SignedRequestTest {

    /** The one answer for an unknown, revoked, under-permitted or out-of-allowlist key. */
    static final String KEY_REJECTED = "{\"code\":-2015,\"msg\":\"Invalid API-key, IP, or permissions for action.\"}";

    @LocalServerPort
    int port;

    Traders traders;
    Trader alice;

    @BeforeEach
    void trader() {
        traders = new Traders(port);
        alice = traders.newTrader();
    }

    private JsonNode createKey(Trader owner, List<String> permissions, List<String> allowlist) {
        HttpApi.Reply created = owner.api().post("/api/v1/api-keys",
                Map.of("label", "bot", "permissions", permissions, "ip_allowlist", allowlist));
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        return created.json();
    }

    private BinanceClient client(JsonNode key) {
        return BinanceClient.of(port, key.get("api_key").asString(), key.get("secret").asString());
    }

    @Test
    void theSecretIsShownOnceAndTheListNeverShowsIt() {
        JsonNode key = createKey(alice, List.of("read", "trade"), List.of());
        assertThat(key.get("api_key").asString()).hasSize(64);
        assertThat(key.get("secret").asString()).hasSize(64);
        assertThat(key.get("permissions").toString()).isEqualTo("[\"read\",\"trade\"]");

        HttpApi.Reply listed = alice.api().get("/api/v1/api-keys");
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.body()).contains(key.get("api_key").asString())
                .doesNotContain(key.get("secret").asString());
        assertThat(listed.json().get(0).get("secret").isNull()).isTrue();
    }

    @Test
    void aSignedRequestActsForTheKeysOwnerAndRecordsTheUse() {
        JsonNode key = createKey(alice, List.of("read"), List.of());
        BinanceClient.Reply account = client(key).signed("GET", "/api/v3/account", Map.of());

        assertThat(account.status()).as("%s", account).isEqualTo(200);
        assertThat(account.json().get("uid").asLong()).isEqualTo(alice.id());
        JsonNode usd = null;
        for (JsonNode balance : account.json().get("balances")) {
            if (balance.get("asset").asString().equals("USD")) {
                usd = balance;
            }
        }
        assertThat(usd).isNotNull();
        assertThat(new java.math.BigDecimal(usd.get("free").asString())).isEqualByComparingTo(alice.available("USD"));
        assertThat(alice.api().get("/api/v1/api-keys").json().get(0).get("last_used_at").isNull()).isFalse();
    }

    @Test
    void aWrongSignatureIsRefused() {
        BinanceClient owner = client(createKey(alice, List.of("read"), List.of()));
        String query = "timestamp=" + System.currentTimeMillis();
        String forged = owner.withKey(owner.apiKey(), "not-the-secret").sign(query);

        BinanceClient.Reply reply = owner.sendSigned("GET", "/api/v3/account", query, forged);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body()).isEqualTo("{\"code\":-1022,\"msg\":\"Signature for this request is not valid.\"}");
    }

    @Test
    void aSignatureOverOtherParametersIsRefused() {
        BinanceClient owner = client(createKey(alice, List.of("read"), List.of()));
        String signed = "timestamp=" + System.currentTimeMillis() + "&symbol=BTCUSD";
        String sent = "timestamp=" + System.currentTimeMillis() + "&symbol=ETHUSD";

        assertThat(owner.sendSigned("GET", "/api/v3/openOrders", sent, owner.sign(signed)).code()).isEqualTo(-1022);
    }

    @Test
    void anOldTimestampIsRefusedAndSoIsOneFromTheFuture() {
        BinanceClient owner = client(createKey(alice, List.of("read"), List.of()));

        BinanceClient.Reply old = owner.withClock(() -> System.currentTimeMillis() - 10_000)
                .signed("GET", "/api/v3/account", Map.of());
        BinanceClient.Reply ahead = owner.withClock(() -> System.currentTimeMillis() + 5_000)
                .signed("GET", "/api/v3/account", Map.of());
        BinanceClient.Reply wideWindow = owner.withClock(() -> System.currentTimeMillis() - 10_000)
                .signed("GET", "/api/v3/account", Map.of("recvWindow", "20000"));

        assertThat(old.status()).isEqualTo(400);
        assertThat(old.body()).isEqualTo("{\"code\":-1021,\"msg\":\"Timestamp for this request is outside of the recvWindow.\"}");
        assertThat(ahead.code()).isEqualTo(-1021);
        assertThat(wideWindow.status()).as("a recvWindow of 20 s admits a 10 s old request: %s", wideWindow).isEqualTo(200);
    }

    @Test
    void aReplayedRequestIsRefusedThoughItsSignatureIsGood() {
        BinanceClient owner = client(createKey(alice, List.of("read"), List.of()));
        String query = "timestamp=" + System.currentTimeMillis();
        String signature = owner.sign(query);

        BinanceClient.Reply first = owner.sendSigned("GET", "/api/v3/account", query, signature);
        BinanceClient.Reply replayed = owner.sendSigned("GET", "/api/v3/account", query, signature);
        BinanceClient.Reply replayedElsewhere = owner.from("10.99.0.1").sendSigned("GET", "/api/v3/account", query,
                signature.toUpperCase(java.util.Locale.ROOT));

        assertThat(first.status()).isEqualTo(200);
        assertThat(replayed.status()).isEqualTo(400);
        assertThat(replayed.code()).isEqualTo(-1021);
        assertThat(replayedElsewhere.code()).as("upper-case hex is the same signature").isEqualTo(-1021);
    }

    @Test
    void aKeyWithoutTradeCannotPlaceOrdersButMayRead() {
        BinanceClient reader = client(createKey(alice, List.of("read"), List.of()));

        BinanceClient.Reply order = reader.signed("POST", "/api/v3/order", Map.of("symbol", "BTCUSD", "side", "BUY",
                "type", "LIMIT", "timeInForce", "GTC", "quantity", "0.001", "price", "100"));

        assertThat(order.status()).isEqualTo(401);
        assertThat(order.body()).isEqualTo(KEY_REJECTED);
        assertThat(reader.signed("GET", "/api/v3/openOrders", Map.of("symbol", "BTCUSD")).status()).isEqualTo(200);
        assertThat(alice.api().get("/api/v1/orders").json().get("items")).as("nothing was placed").isEmpty();
    }

    @Test
    void aKeyIsRefusedFromAnAddressOutsideItsAllowlist() {
        BinanceClient key = client(createKey(alice, List.of("read"), List.of("203.0.113.0/24", "2001:db8::/32")));

        BinanceClient.Reply outside = key.from("198.51.100.7").signed("GET", "/api/v3/account", Map.of());
        BinanceClient.Reply inside = key.from("203.0.113.200").signed("GET", "/api/v3/account", Map.of());
        BinanceClient.Reply insideV6 = key.from("2001:db8::42").signed("GET", "/api/v3/account", Map.of());

        assertThat(outside.status()).isEqualTo(401);
        assertThat(outside.body()).isEqualTo(KEY_REJECTED);
        assertThat(inside.status()).as("%s", inside).isEqualTo(200);
        assertThat(insideV6.status()).as("%s", insideV6).isEqualTo(200);
    }

    @Test
    void aRevokedKeyIsRefusedLikeAnUnknownOne() {
        JsonNode key = createKey(alice, List.of("read"), List.of());
        BinanceClient client = client(key);
        assertThat(client.signed("GET", "/api/v3/account", Map.of()).status()).isEqualTo(200);

        HttpApi.Reply revoked = alice.api().delete("/api/v1/api-keys/" + key.get("id").asString());
        BinanceClient.Reply afterwards = client.signed("GET", "/api/v3/account", Map.of());
        BinanceClient.Reply unknown = client.withKey("A".repeat(64), "whatever").signed("GET", "/api/v3/account", Map.of());

        assertThat(revoked.status()).isEqualTo(204);
        assertThat(afterwards.status()).isEqualTo(401);
        assertThat(afterwards.body()).isEqualTo(KEY_REJECTED).isEqualTo(unknown.body());
        assertThat(alice.api().get("/api/v1/api-keys").json()).isEmpty();
    }

    @Test
    void aMissingOrMalformedKeyAndAnUnsignedRequestAreRefused() {
        BinanceClient client = client(createKey(alice, List.of("read"), List.of()));

        assertThat(client.withKey(null, "x").signed("GET", "/api/v3/account", Map.of()).code()).isEqualTo(-2014);
        assertThat(client.withKey("short", "x").signed("GET", "/api/v3/account", Map.of()).code()).isEqualTo(-2014);
        assertThat(client.get("/api/v3/account?timestamp=" + System.currentTimeMillis()).code()).isEqualTo(-1102);
    }

    @Test
    void onlyTheOwnerRevokesAKey() {
        JsonNode key = createKey(alice, List.of("read"), List.of());
        Trader mallory = traders.newTrader();

        assertProblem(mallory.api().delete("/api/v1/api-keys/" + key.get("id").asString()), 404, "API_KEY_NOT_FOUND");
        assertThat(client(key).signed("GET", "/api/v3/account", Map.of()).status()).isEqualTo(200);
    }

    @Test
    void badPermissionsAndAllowlistsAreRefusedNamingTheField() {
        HttpApi.Reply badPermission = alice.api().post("/api/v1/api-keys",
                Map.of("label", "bot", "permissions", List.of("read", "admin")));
        HttpApi.Reply noPermission = alice.api().post("/api/v1/api-keys", Map.of("label", "bot", "permissions", List.of()));
        HttpApi.Reply badAddress = alice.api().post("/api/v1/api-keys",
                Map.of("label", "bot", "permissions", List.of("read"), "ip_allowlist", List.of("example.com")));
        HttpApi.Reply badPrefix = alice.api().post("/api/v1/api-keys",
                Map.of("label", "bot", "permissions", List.of("read"), "ip_allowlist", List.of("10.0.0.0/33")));

        assertProblem(badPermission, 400, "VALIDATION_FAILED");
        assertThat(badPermission.body()).contains("\"permissions\"");
        assertProblem(noPermission, 400, "VALIDATION_FAILED");
        assertProblem(badAddress, 400, "VALIDATION_FAILED");
        assertThat(badAddress.body()).contains("\"ip_allowlist\"");
        assertProblem(badPrefix, 400, "VALIDATION_FAILED");
        assertProblem(HttpApi.onPort(port).post("/api/v1/api-keys", Map.of("label", "x", "permissions", List.of("read"))),
                401, "UNAUTHORIZED");
    }
}
