package org.bourse.identity;

import org.bourse.platform.CurrentRoles;
import org.springframework.stereotype.Component;

/** The role and state as stored: one read by primary key, made only for admin routes. */
@Component
final class AdminRoles implements CurrentRoles {

    private final UserRepository users;

    AdminRoles(UserRepository users) {
        this.users = users;
    }

    @Override
    public boolean isActiveAdmin(long userId) {
        return users.find(userId).filter(user -> user.active() && User.ADMIN.equals(user.role())).isPresent();
    }
}
