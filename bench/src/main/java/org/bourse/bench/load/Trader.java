package org.bourse.bench.load;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * One registered user of the run: its credentials and access token, the orders the server acknowledged
 * for it (every one must still be there at the end), the ones resting in the book (what its cancels
 * pick from, oldest first) and the ones whose cancel was acknowledged (they must end cancelled).
 * Shared by every client thread, so all of it is thread-safe.
 */
final class Trader {

    /** Log in again this long before the access token expires, so no request meets an expired one. */
    private static final long TOKEN_MARGIN_NANOS = 60_000_000_000L;

    private final String username;
    private final String email;
    private final String password;
    private volatile String userId;
    private volatile String token;
    private volatile long tokenExpiresAt;

    private final ConcurrentLinkedDeque<Long> resting = new ConcurrentLinkedDeque<>();
    private final Set<Long> cancelled = ConcurrentHashMap.newKeySet();
    private final Object acknowledgedLock = new Object();
    private long[] acknowledged = new long[64];
    private int acknowledgedCount;

    Trader(String username, String email, String password) {
        this.username = username;
        this.email = email;
        this.password = password;
    }

    String username() {
        return username;
    }

    String email() {
        return email;
    }

    String password() {
        return password;
    }

    String userId() {
        return userId;
    }

    void registeredAs(String id) {
        this.userId = id;
    }

    /** A current access token, logging in when there is none or it is about to expire; null when login fails. */
    String token(BourseHttp http) {
        if (token == null || System.nanoTime() - tokenExpiresAt > -TOKEN_MARGIN_NANOS) {
            synchronized (this) {
                if (token == null || System.nanoTime() - tokenExpiresAt > -TOKEN_MARGIN_NANOS) {
                    login(http);
                }
            }
        }
        return token;
    }

    /** Logs in; the failed answer when the server refuses, else null. */
    synchronized BourseHttp.Reply login(BourseHttp http) {
        BourseHttp.Reply reply = http.post("/api/v1/auth/login",
                Json.write(Map.of("email", email, "password", password)), null);
        if (reply.status() != 200) {
            return reply;
        }
        Map<String, Object> body = Json.object(reply.body());
        long expiresIn = Long.parseLong(Json.text(body, "expires_in"));
        tokenExpiresAt = System.nanoTime() + expiresIn * 1_000_000_000L;
        token = Json.text(body, "access_token");
        @SuppressWarnings("unchecked")
        Map<String, Object> user = (Map<String, Object>) body.get("user");
        if (user != null && userId == null) {
            userId = Json.text(user, "id");
        }
        return null;
    }

    /** The role the server gives this user ({@code GET /users/me}); null when it cannot be read. */
    String role(BourseHttp http) {
        BourseHttp.Reply reply = http.get("/api/v1/users/me", token(http));
        return reply.status() == 200 ? Json.text(Json.object(reply.body()), "role") : null;
    }

    /** The server answered 2xx to placing this order; {@code rests}: it is open in the book. */
    void acknowledged(long orderId, boolean rests) {
        synchronized (acknowledgedLock) {
            if (acknowledgedCount == acknowledged.length) {
                acknowledged = Arrays.copyOf(acknowledged, acknowledged.length * 2);
            }
            acknowledged[acknowledgedCount++] = orderId;
        }
        if (rests) {
            resting.addLast(orderId);
        }
    }

    /** The oldest order believed to rest, taken out so no other client cancels it too; null when none. */
    Long takeRestingOrder() {
        return resting.pollFirst();
    }

    /** Its cancel was not answered either way (rate limited, say): it may still rest, so keep it cancellable. */
    void stillResting(long orderId) {
        resting.addFirst(orderId);
    }

    void cancelAcknowledged(long orderId) {
        cancelled.add(orderId);
    }

    long[] acknowledgedOrders() {
        synchronized (acknowledgedLock) {
            return Arrays.copyOf(acknowledged, acknowledgedCount);
        }
    }

    boolean cancelWasAcknowledged(long orderId) {
        return cancelled.contains(orderId);
    }
}
