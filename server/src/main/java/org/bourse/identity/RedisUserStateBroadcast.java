package org.bourse.identity;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.bourse.platform.ConditionalOnRedis;
import org.bourse.platform.RedisKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.stereotype.Component;

/**
 * Publishes {@code <node>:<user id>:<0|1>} on the Redis channel {@code user-state} (under the key prefix) and
 * applies what other nodes publish. Pub/sub is fire and forget: a node that was disconnected at the moment
 * still refuses the user's refresh tokens, and its access tokens lapse within their 15 minutes.
 */
@Component
@ConditionalOnRedis
class RedisUserStateBroadcast implements UserStateBroadcast, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(RedisUserStateBroadcast.class);

    private final StringRedisTemplate redis;
    private final String channel;
    private final String node = UUID.randomUUID().toString();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final RedisMessageListenerContainer container = new RedisMessageListenerContainer();

    RedisUserStateBroadcast(StringRedisTemplate redis, RedisKeys keys, RedisConnectionFactory connections) {
        this.redis = redis;
        this.channel = keys.key("user-state");
        container.setConnectionFactory(connections);
        container.addMessageListener(this::received, new ChannelTopic(channel));
        container.afterPropertiesSet();
        container.start();
    }

    @Override
    public void publish(long userId, boolean active) {
        try {
            redis.convertAndSend(channel, node + ":" + userId + ":" + (active ? 1 : 0));
        } catch (RuntimeException e) {
            log.warn("Could not tell the other nodes that user {} was {}: {}", userId, active ? "enabled" : "disabled",
                    e.toString());
        }
    }

    @Override
    public void listen(Listener listener) {
        listeners.add(listener);
    }

    private void received(Message message, byte[] pattern) {
        String[] parts = new String(message.getBody(), StandardCharsets.UTF_8).split(":");
        if (parts.length != 3 || parts[0].equals(node)) {
            return;
        }
        long userId = Long.parseLong(parts[1]);
        boolean active = parts[2].equals("1");
        listeners.forEach(listener -> listener.changed(userId, active));
    }

    @Override
    public void destroy() throws Exception {
        container.destroy();
    }
}
