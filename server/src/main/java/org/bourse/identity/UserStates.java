package org.bourse.identity;

import org.bourse.platform.DisabledUsers;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps {@link DisabledUsers} true to the {@code users} table: filled at start, told of each change an admin
 * makes here, and of those made on other nodes through {@link UserStateBroadcast}.
 */
@Component
class UserStates implements SmartInitializingSingleton {

    private final JdbcClient jdbc;
    private final DisabledUsers disabledUsers;
    private final UserStateBroadcast broadcast;

    UserStates(JdbcClient jdbc, DisabledUsers disabledUsers, UserStateBroadcast broadcast) {
        this.jdbc = jdbc;
        this.disabledUsers = disabledUsers;
        this.broadcast = broadcast;
        broadcast.listen(this::heard);
    }

    @Override
    public void afterSingletonsInstantiated() {
        disabledUsers.load(jdbc.sql("SELECT id FROM users WHERE is_active = FALSE").query(Long.class).list());
    }

    /** After the change is committed: this node at once, the others through the broadcast. */
    void changed(long userId, boolean active) {
        if (active) {
            disabledUsers.enable(userId);
        } else {
            disabledUsers.disable(userId, true);
        }
        broadcast.publish(userId, active);
    }

    private void heard(long userId, boolean active) {
        if (active) {
            disabledUsers.enable(userId);
        } else {
            disabledUsers.disable(userId, false);
        }
    }
}
