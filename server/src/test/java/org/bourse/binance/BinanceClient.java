package org.bourse.binance;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.bourse.testsupport.HttpApi;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A program calling {@code /api/v3} the way Binance's documentation says: parameters in the query string (GET,
 * DELETE) or a form body (POST), {@code timestamp}, {@code signature} = hex HMAC-SHA256 of the query string plus
 * body, the key in {@code X-MBX-APIKEY}. Sent from the address {@code address} (X-Forwarded-For, which the test
 * server trusts).
 */
record BinanceClient(int port, String apiKey, String secret, String address, LongSupplier clock) {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    record Reply(int status, String body) {
        JsonNode json() {
            return JSON.readTree(body);
        }

        int code() {
            return json().get("code").asInt();
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    static BinanceClient of(int port, String apiKey, String secret) {
        return new BinanceClient(port, apiKey, secret, HttpApi.onPort(port).address(), System::currentTimeMillis);
    }

    BinanceClient from(String otherAddress) {
        return new BinanceClient(port, apiKey, secret, otherAddress, clock);
    }

    BinanceClient withClock(LongSupplier otherClock) {
        return new BinanceClient(port, apiKey, secret, address, otherClock);
    }

    BinanceClient withKey(String otherKey, String otherSecret) {
        return new BinanceClient(port, otherKey, otherSecret, address, clock);
    }

    /** Signs {@code params} plus a timestamp and sends them: in the query for GET and DELETE, as a form for POST. */
    Reply signed(String method, String path, Map<String, String> params) {
        Map<String, String> all = new LinkedHashMap<>(params);
        all.put("timestamp", Long.toString(clock.getAsLong()));
        String query = encode(all);
        return sendSigned(method, path, query, sign(query));
    }

    /** Sends exactly this query (or form) text with exactly this signature: for replays and forgeries. */
    Reply sendSigned(String method, String path, String query, String signature) {
        String withSignature = query + "&signature=" + signature;
        return method.equals("POST") ? send(method, path, "", withSignature) : send(method, path, withSignature, null);
    }

    Reply get(String pathAndQuery) {
        return send("GET", pathAndQuery, "", null);
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

    static String encode(Map<String, String> params) {
        return params.entrySet().stream()
                .map(e -> e.getKey() + "=" + java.net.URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private Reply send(String method, String path, String query, String form) {
        String target = "http://localhost:" + port + path + (query == null || query.isEmpty() ? "" : "?" + query);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target)).timeout(Duration.ofSeconds(30))
                .header("X-Forwarded-For", address);
        if (apiKey != null) {
            request.header("X-MBX-APIKEY", apiKey);
        }
        if (form != null) {
            request.header("Content-Type", "application/x-www-form-urlencoded")
                    .method(method, HttpRequest.BodyPublishers.ofString(form));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
