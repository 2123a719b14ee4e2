package org.bourse.identity;

import java.time.Duration;

import org.springframework.context.annotation.Fallback;
import org.springframework.stereotype.Component;

/** Without Redis there is nothing to share sessions with: access tokens are verified on their own. */
@Component
@Fallback
class NoSessionCache implements SessionCache {

    @Override
    public void store(User user, Duration ttl) {
    }

    @Override
    public void evict(long userId) {
    }
}
