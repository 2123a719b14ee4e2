package org.bourse.apikeys;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.bourse.apikeys.Verification.Accepted;
import org.bourse.apikeys.Verification.Refusal;
import org.bourse.apikeys.Verification.Refused;
import org.bourse.platform.DurableWrites;
import org.bourse.platform.SecretSeal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Service;

/**
 * Issues, lists and revokes API keys, and decides whether a signed request is a key owner's. The checks, in
 * order: the key is known and not revoked; the signature is HMAC-SHA256 of the payload under the key's secret
 * (compared in constant time); the timestamp is within recvWindow (at most 60 s) and not more than a second
 * ahead; the signature was not seen before within that window (a replay); the address is on the key's allowlist;
 * the key has the permission; the key is within its rate. Only then is the use recorded.
 */
@Service
@EnableConfigurationProperties(ApiKeyProperties.class)
public class ApiKeys {

    private static final Logger log = LoggerFactory.getLogger(ApiKeys.class);
    private static final Pattern KEY_FORMAT = Pattern.compile("[A-Za-z0-9]{64}");
    private static final Pattern SIGNATURE_FORMAT = Pattern.compile("[0-9A-Fa-f]{64}");
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    static final long DEFAULT_RECV_WINDOW_MILLIS = 5_000;
    static final long MAX_RECV_WINDOW_MILLIS = 60_000;
    /** Binance's allowance for a client clock slightly ahead of the server's. */
    static final long MAX_AHEAD_MILLIS = 1_000;
    /** The last-used time is written at most this often per key, so a busy key does not write on every request. */
    private static final long USE_RECORD_INTERVAL_MILLIS = 1_000;

    /** A key as its owner sees it; {@code secret} only in the answer that created it. */
    public record IssuedKey(long id, String apiKey, String secret, String label, List<String> permissions,
                            List<String> ipAllowlist, Instant createdAt, Instant lastUsedAt) {
    }

    private final ApiKeyRepository keys;
    private final SecretSeal seal;
    private final Clock clock;
    private final ApiKeyProperties properties;
    private final DurableWrites durableWrites;
    private final SecureRandom random = new SecureRandom();
    /** Signatures accepted within the longest window, by key: a second sighting is a replay. */
    private final Cache<String, Boolean> seenSignatures;
    private final Map<Long, KeyBucket> buckets = new ConcurrentHashMap<>();
    private final Map<Long, Long> lastRecorded = new ConcurrentHashMap<>();

    ApiKeys(ApiKeyRepository keys, SecretSeal seal, Clock clock, ApiKeyProperties properties,
            DurableWrites durableWrites) {
        this.keys = keys;
        this.durableWrites = durableWrites;
        this.seal = seal;
        this.clock = clock;
        this.properties = properties;
        this.seenSignatures = Caffeine.newBuilder()
                .expireAfterWrite(Duration.ofMillis(MAX_RECV_WINDOW_MILLIS + MAX_AHEAD_MILLIS + 1_000))
                .maximumSize(2_000_000)
                .build();
    }

    /** A new key for the user; the only time its secret is ever shown. */
    IssuedKey create(long userId, String label, Set<Permission> permissions, IpAllowlist allowlist) {
        String apiKey = randomText(64);
        String secret = randomText(64);
        Instant now = clock.instant();
        long id = keys.insert(userId, apiKey, label, seal.seal(secret, apiKey), permissions, allowlist, now);
        durableWrites.flush(); // the key is not in the engine's journal: on disk before its secret is shown
        log.info("User {} created API key {} ({}) with permissions {}", userId, id, label, permissions);
        return new IssuedKey(id, apiKey, secret, label, codes(permissions), allowlist.entries(), now, null);
    }

    List<IssuedKey> active(long userId) {
        return keys.active(userId).stream()
                .map(k -> new IssuedKey(k.id(), k.apiKey(), null, k.label(), codes(k.permissions()),
                        k.ipAllowlist().entries(), k.createdAt(), k.lastUsedAt()))
                .toList();
    }

    int activeCount(long userId) {
        return keys.active(userId).size();
    }

    boolean revoke(long userId, long id) {
        boolean revoked = keys.revoke(userId, id, clock.instant());
        if (revoked) {
            durableWrites.flush(); // a revoked key must not come back to life after a crash
            buckets.remove(id);
            log.info("User {} revoked API key {}", userId, id);
        }
        return revoked;
    }

    ApiKeyProperties properties() {
        return properties;
    }

    /** Whose request this is, or why it is refused (see the class comment for the order of the checks). */
    public Verification verify(SignedRequest request) {
        if (request.apiKey() == null || !KEY_FORMAT.matcher(request.apiKey()).matches()
                || request.signature() == null || !SIGNATURE_FORMAT.matcher(request.signature()).matches()) {
            return new Refused(Refusal.MALFORMED, 0);
        }
        long timestamp;
        long window;
        try {
            timestamp = Long.parseLong(request.timestamp());
            window = request.recvWindow() == null ? DEFAULT_RECV_WINDOW_MILLIS : Long.parseLong(request.recvWindow());
        } catch (NumberFormatException e) {
            return new Refused(Refusal.MALFORMED, 0);
        }
        if (window <= 0 || window > MAX_RECV_WINDOW_MILLIS) {
            return new Refused(Refusal.MALFORMED, 0);
        }
        Optional<ApiKeyRepository.StoredKey> found = keys.findByApiKey(request.apiKey());
        if (found.isEmpty() || found.get().revokedAt() != null) {
            log.info("Refused a signed request from {}: {} API key", request.clientIp(),
                    found.isEmpty() ? "unknown" : "revoked");
            return new Refused(Refusal.KEY_REJECTED, 0);
        }
        ApiKeyRepository.StoredKey key = found.get();
        if (!signatureMatches(key, request)) {
            return new Refused(Refusal.SIGNATURE_INVALID, 0);
        }
        long now = clock.millis();
        if (timestamp >= now + MAX_AHEAD_MILLIS || now - timestamp > window) {
            return new Refused(Refusal.OUTSIDE_RECV_WINDOW, 0);
        }
        String sighting = key.id() + ":" + request.signature().toLowerCase(java.util.Locale.ROOT);
        if (seenSignatures.asMap().putIfAbsent(sighting, Boolean.TRUE) != null) {
            log.info("Refused a replayed request signed by API key {} from {}", key.id(), request.clientIp());
            return new Refused(Refusal.REPLAYED, 0);
        }
        if (!key.ipAllowlist().allows(request.clientIp())) {
            log.info("Refused API key {} used from {}, outside its allowlist", key.id(), request.clientIp());
            return new Refused(Refusal.KEY_REJECTED, 0);
        }
        if (!key.permissions().contains(request.needed())) {
            log.info("Refused API key {}: it lacks the {} permission", key.id(), request.needed().code());
            return new Refused(Refusal.KEY_REJECTED, 0);
        }
        long wait = buckets.computeIfAbsent(key.id(),
                id -> new KeyBucket(properties.rateCapacity(), properties.ratePerSecond(), now)).take(now);
        if (wait > 0) {
            return new Refused(Refusal.RATE_LIMITED, wait);
        }
        recordUse(key.id(), now, request.clientIp());
        return new Accepted(key.userId(), key.id());
    }

    private boolean signatureMatches(ApiKeyRepository.StoredKey key, SignedRequest request) {
        byte[] secret = seal.open(key.secretSealed(), key.apiKey());
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] expected = mac.doFinal(request.payload().getBytes(StandardCharsets.UTF_8));
            byte[] sent = HexFormat.of().parseHex(request.signature());
            return MessageDigest.isEqual(expected, sent); // constant time: no early exit on the first differing byte
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        } finally {
            java.util.Arrays.fill(secret, (byte) 0);
        }
    }

    private void recordUse(long keyId, long now, String ip) {
        Long last = lastRecorded.get(keyId);
        if (last != null && now - last < USE_RECORD_INTERVAL_MILLIS) {
            return;
        }
        lastRecorded.put(keyId, now);
        keys.recordUse(keyId, Instant.ofEpochMilli(now), ip);
    }

    private String randomText(int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return text.toString();
    }

    private static List<String> codes(Set<Permission> permissions) {
        return permissions.stream().sorted().map(Permission::code).toList();
    }
}
