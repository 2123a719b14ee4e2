package org.bourse.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;


import tools.jackson.databind.JsonNode;

/**
 * Registers and logs in traders through the real API and gives each a client with its token: the way a
 * user of the exchange gets there. Every new trader starts with the configured initial balance.
 */
public final class Traders {

    private final int port;

    public Traders(int port) {
        this.port = port;
    }

    /** One logged-in trader. */
    public record Trader(long id, String username, HttpApi api) {

        public HttpApi.Reply order(Map<String, Object> body) {
            return api.post("/api/v1/orders", body);
        }

        /** The trader's balance of one asset: available and held, as decimals. */
        public BigDecimal[] balance(String asset) {
            HttpApi.Reply reply = api.get("/api/v1/balances");
            assertThat(reply.status()).as("balances: %s", reply).isEqualTo(200);
            for (JsonNode row : reply.json()) {
                if (row.path("asset").asString().equals(asset)) {
                    return new BigDecimal[] {new BigDecimal(row.path("available").asString()),
                            new BigDecimal(row.path("held").asString())};
                }
            }
            return new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO};
        }

        public BigDecimal available(String asset) {
            return balance(asset)[0];
        }

        public BigDecimal held(String asset) {
            return balance(asset)[1];
        }

        public void deposit(String asset, String amount) {
            HttpApi.Reply reply = api.post("/api/v1/deposits", Map.of("asset", asset, "amount", amount,
                    "transaction_id", "dep-" + UUID.randomUUID()));
            assertThat(reply.status()).as("deposit: %s", reply).isEqualTo(201);
        }
    }

    /**
     * Lists a new market {@code <COIN>-USD} with a base asset no one else uses (8 decimals, tick 0.01, lot
     * 0.00001, fees 0.1 %), so a test's orders never meet another test's. @return the coin
     */
    public String newMarket() {
        String coin = "T" + UUID.randomUUID().toString().replace("-", "").substring(0, 8).toUpperCase(java.util.Locale.ROOT);
        HttpApi admin = admin();
        HttpApi.Reply listed = admin.post("/api/v1/admin/markets", Map.ofEntries(Map.entry("base_asset", coin),
                Map.entry("quote_asset", "USD"), Map.entry("base_scale", 8), Map.entry("tick_size", "0.01"),
                Map.entry("lot_size", "0.00001"), Map.entry("min_notional", "0"), Map.entry("maker_fee", "0.001"),
                Map.entry("taker_fee", "0.001"), Map.entry("max_price", "10000000"), Map.entry("max_quantity", "10000")));
        assertThat(listed.status()).as("listing %s: %s", coin, listed).isEqualTo(201);
        return coin;
    }

    /** A client of the server's admin (made through the admin bootstrap on first use: {@link Admins}). */
    public HttpApi admin() {
        return Admins.admin(port);
    }

    public Trader newTrader() {
        String unique = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String username = "trader_" + unique;
        HttpApi api = HttpApi.onPort(port);
        HttpApi.Reply registered = api.post("/api/v1/auth/register", Map.of("username", username,
                "email", username + "@example.com", "password", password(username)));
        assertThat(registered.status()).as("register: %s", registered).isEqualTo(201);
        return logInAgain(new Trader(Long.parseLong(registered.text("id")), username, api));
    }

    /** The same trader with a fresh access token (e.g. after the test clock passed the old one's expiry). */
    public Trader logInAgain(Trader trader) {
        HttpApi api = HttpApi.onPort(port);
        HttpApi.Reply login = api.post("/api/v1/auth/login", Map.of("email", trader.username() + "@example.com",
                "password", password(trader.username())));
        assertThat(login.status()).as("login: %s", login).isEqualTo(200);
        return new Trader(trader.id(), trader.username(), api.withBearer(login.text("access_token")));
    }

    private static String password(String username) {
        return "correct horse " + username.substring("trader_".length());
    }

    /** The trader with a fresh access token: for a test that moved the clock past the old one's expiry. */
    public Trader loggedInAgain(Trader trader) {
        String unique = trader.username().substring("trader_".length());
        HttpApi api = HttpApi.onPort(port);
        HttpApi.Reply login = api.post("/api/v1/auth/login", Map.of("email", trader.username() + "@example.com",
                "password", "correct horse " + unique));
        assertThat(login.status()).as("login again: %s", login).isEqualTo(200);
        return new Trader(trader.id(), trader.username(), api.withBearer(login.text("access_token")));
    }

    /** An order body; add fields with {@link #with}. */
    public static Map<String, Object> limit(String coin, String type, String quantity, String price) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type);
        body.put("crypto_symbol", coin);
        body.put("quantity", quantity);
        body.put("order_kind", "limit");
        body.put("price", price);
        body.put("execute", true);
        return body;
    }

    public static Map<String, Object> market(String coin, String type, String quantity) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type);
        body.put("crypto_symbol", coin);
        body.put("quantity", quantity);
        body.put("order_kind", "market");
        body.put("execute", true);
        return body;
    }

    public static Map<String, Object> with(Map<String, Object> body, String field, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(body);
        if (value == null) {
            copy.remove(field);
        } else {
            copy.put(field, value);
        }
        return copy;
    }
}
