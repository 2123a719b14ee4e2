package org.bourse.marketdata.ws;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.bourse.exchange.EngineRejections;
import org.bourse.exchange.MarketCatalog;
import org.bourse.identity.UserDirectory;
import org.bourse.identity.UserSummary;
import org.bourse.platform.ErrorCodes;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PongMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code /ws} protocol: reads each client message ({@code subscribe}, {@code unsubscribe}, {@code auth},
 * {@code ping}) and answers on the socket's outbox; the {@link ChannelHub} pushes the channels' messages.
 * Every refusal is an error message with a stable code, never a closed socket.
 */
@Component
final class MarketSocketHandler extends TextWebSocketHandler {

    static final String UNKNOWN_CHANNEL = "UNKNOWN_CHANNEL";
    static final String ACCOUNT_DISABLED = "ACCOUNT_DISABLED";
    static final String ALREADY_AUTHENTICATED = "ALREADY_AUTHENTICATED";
    static final String TOO_MANY_CHANNELS = "TOO_MANY_CHANNELS";
    static final CloseStatus IDLE = CloseStatus.GOING_AWAY.withReason("idle timeout");
    /** Tomcat's bound on one blocking write, so a client that never reads cannot hold its writer forever. */
    private static final String TOMCAT_SEND_TIMEOUT = "org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT";

    private final ChannelHub hub;
    private final MarketCatalog catalog;
    private final JwtDecoder tokens;
    private final UserDirectory users;
    private final Messages messages;
    private final JsonMapper json;
    private final WebSocketProperties properties;
    private final Clock clock;
    private final Map<String, Connection> connections = new ConcurrentHashMap<>();
    /** Subscription budgets by client address, over all its sockets; an evicted one starts full again. */
    private final Cache<String, TokenBucket> subscriptionBudgets = Caffeine.newBuilder()
            .maximumSize(100_000).expireAfterAccess(Duration.ofMinutes(10)).build();
    private final Counter slowConsumers;

    MarketSocketHandler(ChannelHub hub, MarketCatalog catalog, JwtDecoder tokens, UserDirectory users, Messages messages,
                        JsonMapper json, WebSocketProperties properties, Clock clock, MeterRegistry meters,
                        org.bourse.platform.DisabledUsers disabledUsers) {
        disabledUsers.onDisabled((userId, here) -> closeSessionsOf(userId));
        this.hub = hub;
        this.catalog = catalog;
        this.tokens = tokens;
        this.users = users;
        this.messages = messages;
        this.json = json;
        this.properties = properties;
        this.clock = clock;
        this.slowConsumers = Counter.builder("bourse.ws.slow.consumers")
                .description("WebSockets closed because they did not read their messages fast enough")
                .register(meters);
        Gauge.builder("bourse.ws.connections", connections, Map::size).description("Open WebSockets").register(meters);
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        if (session instanceof NativeWebSocketSession nativeSession
                && nativeSession.getNativeSession() instanceof jakarta.websocket.Session tomcat) {
            tomcat.getUserProperties().put(TOMCAT_SEND_TIMEOUT, properties.sendTimeout().toMillis());
        }
        Connection connection = new Connection(session, properties.sendQueue(), slowConsumers::increment,
                new TokenBucket(properties.messageBurst(), properties.messagesPerSecond(), System.nanoTime()), clock);
        connections.put(session.getId(), connection);
        connection.start();
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        Connection connection = connections.remove(session.getId());
        if (connection != null) {
            // first, so that a subscribe racing with the close registers nothing; the peer's own status (e.g. 1006)
            // may be one a server must not send, and the socket is closed already anyway
            connection.close(CloseStatus.NORMAL);
            hub.disconnect(connection);
        }
    }

    @Override
    public void handleTransportError(WebSocketSession session, Throwable exception) {
        Connection connection = connections.get(session.getId());
        if (connection != null) {
            connection.close(CloseStatus.SESSION_NOT_RELIABLE);
        }
    }

    @Override
    protected void handlePongMessage(WebSocketSession session, PongMessage message) {
        Connection connection = connections.get(session.getId());
        if (connection != null) {
            connection.heard();
        }
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) {
        Connection connection = connections.get(session.getId());
        if (connection == null) {
            return;
        }
        connection.heard();
        if (!connection.mayHandleMessage()) {
            refuse(connection, ErrorCodes.RATE_LIMITED, "Too many messages on this socket: at most "
                    + properties.messageBurst() + " at once, then " + properties.messagesPerSecond() + " a second", null);
            return;
        }
        JsonNode request;
        try {
            request = json.readTree(message.getPayload());
        } catch (JacksonException e) {
            refuse(connection, ErrorCodes.VALIDATION_FAILED, "The message is not JSON", null);
            return;
        }
        JsonNode op = request == null ? null : request.get("op");
        if (request == null || !request.isObject() || op == null || !op.isString()) {
            refuse(connection, ErrorCodes.VALIDATION_FAILED, "A message is a JSON object with a string op", null);
            return;
        }
        switch (op.asString()) {
            case "ping" -> connection.send(messages.write(new Messages.Pong("pong")));
            case "subscribe" -> channels(connection, request).ifPresent(names -> subscribe(connection, names));
            case "unsubscribe" -> channels(connection, request).ifPresent(names -> unsubscribe(connection, names));
            case "auth" -> authenticate(connection, request.get("token"));
            default -> refuse(connection, ErrorCodes.VALIDATION_FAILED,
                    "Unknown op " + op.asString() + "; use subscribe, unsubscribe, auth or ping", null);
        }
    }

    private Optional<List<String>> channels(Connection connection, JsonNode request) {
        JsonNode channels = request.get("channels");
        if (channels == null || !channels.isArray() || channels.isEmpty()) {
            refuse(connection, ErrorCodes.VALIDATION_FAILED, "channels must be a non-empty array of channel names", null);
            return Optional.empty();
        }
        if (channels.size() > properties.maxChannels()) {
            refuse(connection, TOO_MANY_CHANNELS, "At most " + properties.maxChannels() + " channels per socket", null);
            return Optional.empty();
        }
        List<String> names = new ArrayList<>();
        for (JsonNode channel : channels) {
            if (!channel.isString()) {
                refuse(connection, ErrorCodes.VALIDATION_FAILED, "channels must be a non-empty array of channel names", null);
                return Optional.empty();
            }
            names.add(channel.asString());
        }
        return Optional.of(names);
    }

    private void subscribe(Connection connection, List<String> names) {
        List<Channel> accepted = new ArrayList<>();
        java.util.Set<Channel> held = hub.channels(connection);
        int added = 0;
        Connection.Identity identity = validIdentity(connection);
        for (String name : names) {
            Channel channel = Channel.parse(name);
            if (channel == null) {
                refuse(connection, UNKNOWN_CHANNEL, "There is no channel " + name
                        + "; use book:SYMBOL, trades:SYMBOL, ticker:SYMBOL, candles:SYMBOL:INTERVAL, orders, fills or balances",
                        name);
            } else if (channel.symbol() != null && catalog.market(channel.symbol()).isEmpty()) {
                refuse(connection, EngineRejections.MARKET_NOT_FOUND, "There is no market " + channel.symbol(), name);
            } else if (channel.kind().isPrivate() && identity == null) {
                refuse(connection, ErrorCodes.UNAUTHORIZED, "Send {\"op\": \"auth\", \"token\": ...} before a private channel",
                        name);
            } else if ((channel.kind() == Channel.Kind.TICKER || channel.kind() == Channel.Kind.CANDLES) && !hub.feedAvailable()) {
                refuse(connection, ChannelHub.CHANNEL_UNAVAILABLE, "This server does not stream " + channel.kind().prefix(), name);
            } else if (!held.contains(channel) && !accepted.contains(channel) && held.size() + added >= properties.maxChannels()) {
                // a channel already held may always be subscribed again: that is how a client recovers from a gap
                refuse(connection, TOO_MANY_CHANNELS, "At most " + properties.maxChannels() + " channels per socket", name);
            } else if (!accepted.contains(channel) && !subscriptionBudget(connection).take(System.nanoTime())) {
                // every subscribe may cost a snapshot: an address gets so many, over all its sockets
                refuse(connection, ErrorCodes.SUBSCRIPTION_RATE_LIMITED, "Too many subscriptions from this address: at most "
                        + properties.subscriptionBurst() + " at once, then " + properties.subscriptionsPerSecond()
                        + " a second", name);
            } else if (!accepted.contains(channel)) {
                accepted.add(channel);
                added += held.contains(channel) ? 0 : 1;
            }
        }
        if (!accepted.isEmpty()) {
            connection.send(messages.write(new Messages.Acknowledgement("subscribed",
                    accepted.stream().map(Channel::name).toList())));
            accepted.forEach(channel -> hub.subscribe(connection, channel,
                    channel.kind().isPrivate() ? identity.userId() : 0));
        }
    }

    private void unsubscribe(Connection connection, List<String> names) {
        List<String> ended = new ArrayList<>();
        for (String name : names) {
            Channel channel = Channel.parse(name);
            if (channel == null) {
                refuse(connection, UNKNOWN_CHANNEL, "There is no channel " + name, name);
            } else {
                hub.unsubscribe(connection, channel);
                ended.add(channel.name());
            }
        }
        if (!ended.isEmpty()) {
            connection.send(messages.write(new Messages.Acknowledgement("unsubscribed", ended)));
        }
    }

    private TokenBucket subscriptionBudget(Connection connection) {
        return subscriptionBudgets.get(connection.address(), address -> new TokenBucket(properties.subscriptionBurst(),
                properties.subscriptionsPerSecond(), System.nanoTime()));
    }

    /** The same access token and the same checks as {@code Authorization: Bearer} on HTTP, plus a disabled account. */
    private void authenticate(Connection connection, JsonNode token) {
        if (token == null || !token.isString() || token.asString().isBlank()) {
            refuse(connection, ErrorCodes.VALIDATION_FAILED, "token must be an access token", null);
            return;
        }
        Jwt jwt;
        try {
            jwt = tokens.decode(token.asString());
        } catch (JwtException e) {
            refuse(connection, ErrorCodes.UNAUTHORIZED, "The access token is invalid or expired", null);
            return;
        }
        long userId = Long.parseLong(jwt.getSubject());
        Optional<UserSummary> user = users.findById(userId);
        if (user.isEmpty()) {
            refuse(connection, ErrorCodes.UNAUTHORIZED, "The access token is invalid or expired", null);
            return;
        }
        if (!user.get().active()) {
            refuse(connection, ACCOUNT_DISABLED, "This account is disabled", null);
            return;
        }
        Connection.Identity current = connection.identity();
        if (current != null && current.userId() != userId) {
            refuse(connection, ALREADY_AUTHENTICATED, "This socket belongs to another user; open a new one", null);
            return;
        }
        Instant expiresAt = jwt.getExpiresAt();
        connection.identity(new Connection.Identity(userId, expiresAt));
        connection.send(messages.write(new Messages.Authenticated("authenticated", Long.toString(userId),
                expiresAt == null ? null : expiresAt.toString())));
    }

    /** The socket's user while its token is valid, else null. */
    private Connection.Identity validIdentity(Connection connection) {
        Connection.Identity identity = connection.identity();
        boolean valid = identity != null && (identity.expiresAt() == null || clock.instant().isBefore(identity.expiresAt()));
        return valid ? identity : null;
    }

    private void refuse(Connection connection, String code, String message, String channel) {
        connection.send(messages.error(code, message, channel));
    }

    /**
     * Pings every socket, closes those silent past the idle timeout (a live client answers pings), and ends the
     * private channels of sockets whose token expired.
     */
    void heartbeat() {
        long idle = properties.idleTimeout().toMillis();
        for (Connection connection : connections.values()) {
            if (connection.silentMillis() > idle) {
                connection.close(IDLE);
                continue;
            }
            Connection.Identity identity = connection.identity();
            if (identity != null && validIdentity(connection) == null) {
                connection.identity(null);
                List<String> ended = hub.unsubscribePrivate(connection);
                connection.send(messages.error(ErrorCodes.UNAUTHORIZED,
                        "The access token expired; private channels " + ended + " ended: auth again and resubscribe",
                        null));
            }
            connection.ping();
        }
    }

    /** A disabled user's sockets are closed (1008), whatever they were subscribed to. */
    void closeSessionsOf(long userId) {
        for (Connection connection : connections.values()) {
            Connection.Identity identity = connection.identity();
            if (identity != null && identity.userId() == userId) {
                connection.close(CloseStatus.POLICY_VIOLATION.withReason("account disabled"));
            }
        }
    }

    void closeAll(CloseStatus status) {
        connections.values().forEach(connection -> connection.close(status));
    }
}
