package org.bourse.platform;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The users an admin disabled, known to every part of this node at once: access tokens of theirs are refused
 * from the next request on ({@link VerifiedTokenCache}), however long they still had to run. Identity fills it
 * at start and keeps it current, on every node when Redis is configured; modules that hold something of a
 * user (open orders, WebSocket sessions) {@link #onDisabled listen} to end it.
 */
@Component
public final class DisabledUsers {

    /** Told when a user is disabled; {@code here} is false when another node did it (and did the rest there). */
    public interface Listener {
        void disabled(long userId, boolean here);
    }

    private static final Logger log = LoggerFactory.getLogger(DisabledUsers.class);

    private final Set<Long> disabled = ConcurrentHashMap.newKeySet();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    public boolean contains(long userId) {
        return !disabled.isEmpty() && disabled.contains(userId);
    }

    public void load(Collection<Long> userIds) {
        disabled.addAll(userIds);
    }

    public void onDisabled(Listener listener) {
        listeners.add(listener);
    }

    public void disable(long userId, boolean here) {
        disabled.add(userId);
        for (Listener listener : listeners) {
            try {
                listener.disabled(userId, here);
            } catch (RuntimeException e) {
                log.warn("Ending what user {} held after disabling them failed: {}", userId, e.toString());
            }
        }
    }

    public void enable(long userId) {
        disabled.remove(userId);
    }
}
