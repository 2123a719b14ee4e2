package org.bourse.identity;

/** Tells the other server nodes that a user was disabled or enabled. */
interface UserStateBroadcast {

    interface Listener {
        void changed(long userId, boolean active);
    }

    void publish(long userId, boolean active);

    /** @param listener told of changes made on other nodes */
    void listen(Listener listener);
}
