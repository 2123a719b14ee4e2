package org.bourse.identity;

import java.time.Duration;

/** Seed 000's session cache: {@code session:{user_id}} for the access token's lifetime, dropped on logout. */
interface SessionCache {

    void store(User user, Duration ttl);

    void evict(long userId);
}
