package org.bourse.identity;

import org.springframework.context.annotation.Fallback;
import org.springframework.stereotype.Component;

/** Without Redis there is one node: nobody else to tell. */
@Component
@Fallback
class LocalUserStateBroadcast implements UserStateBroadcast {

    @Override
    public void publish(long userId, boolean active) {
    }

    @Override
    public void listen(Listener listener) {
    }
}
