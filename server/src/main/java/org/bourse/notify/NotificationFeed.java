package org.bourse.notify;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * In-app notifications as they are committed, for streaming transports (the WebSocket channel
 * {@code notifications}). The payload is a row of {@code GET /notifications}.
 */
@Component
public final class NotificationFeed {

    public interface Listener {
        /** @param id the notification's id, rising */
        void notified(long userId, long id, Object notification);
    }

    private static final Logger log = LoggerFactory.getLogger(NotificationFeed.class);

    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    public void listen(Listener listener) {
        listeners.add(listener);
    }

    /** Passes the notification on once its transaction commits (at once outside a transaction); never on rollback. */
    void written(long userId, long id, Object notification) {
        if (listeners.isEmpty()) {
            return;
        }
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    tell(userId, id, notification);
                }
            });
        } else {
            tell(userId, id, notification);
        }
    }

    private void tell(long userId, long id, Object notification) {
        for (Listener listener : listeners) {
            try {
                listener.notified(userId, id, notification);
            } catch (RuntimeException e) {
                log.warn("Passing notification {} on failed: {}", id, e.toString());
            }
        }
    }
}
