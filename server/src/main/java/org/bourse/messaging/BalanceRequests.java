package org.bourse.messaging;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.bourse.exchange.LiveBalances;
import org.bourse.exchange.MarketCatalog;
import org.bourse.identity.UserDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.amqp.rabbit.listener.api.ChannelAwareMessageListener;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import com.rabbitmq.client.Channel;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * Seed 000's balance request-reply, served from the engine's live balances: a request on {@code balance.request}
 * ({@code correlation_id}, {@code user_id}, {@code requested_by}, {@code timestamp}; reply-to and expiration as
 * message properties, or {@code reply_to} in the body) is answered on {@code balance.response.exchange} with the
 * reply-to as routing key: {@code correlation_id}, {@code user_id}, {@code balances} (every asset: available,
 * held, total), seed 000's {@code balance} and {@code currency} (USD available), {@code success}, {@code error},
 * {@code timestamp}. A request without a reply-to cannot be answered and is dropped (rejected without requeue).
 */
@Component
@ConditionalOnRabbitMq
final class BalanceRequests implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(BalanceRequests.class);
    private static final JsonMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();

    record BalanceLine(String asset, String available, String held, String total) {
    }

    record BalanceResponse(String correlationId, String userId, List<BalanceLine> balances, String balance,
                           String currency, boolean success, String error, String timestamp) {
    }

    private final CachingConnectionFactory connections;
    private final RabbitTemplate template;
    private final Topology topology;
    private final LiveBalances balances;
    private final MarketCatalog catalog;
    private final UserDirectory users;
    private final Clock clock;
    private SimpleMessageListenerContainer container;

    BalanceRequests(CachingConnectionFactory connections, RabbitTemplate template, Topology topology,
                    LiveBalances balances, MarketCatalog catalog, UserDirectory users, Clock clock) {
        this.connections = connections;
        this.template = template;
        this.topology = topology;
        this.balances = balances;
        this.catalog = catalog;
        this.users = users;
        this.clock = clock;
    }

    @Override
    public void start() {
        container = RabbitConsumers.container(connections, topology.name(Topology.BALANCE_REQUEST));
        container.setMessageListener((ChannelAwareMessageListener) this::answer);
        container.start();
    }

    private void answer(Message request, Channel channel) throws IOException {
        long tag = request.getMessageProperties().getDeliveryTag();
        JsonNode body;
        try {
            body = JSON.readTree(new String(request.getBody(), StandardCharsets.UTF_8));
        } catch (JacksonException e) {
            body = JSON.createObjectNode();
        }
        String replyTo = request.getMessageProperties().getReplyTo();
        if (replyTo == null || replyTo.isBlank()) {
            replyTo = body.path("reply_to").asString(null);
        }
        String correlationId = body.path("correlation_id").asString(request.getMessageProperties().getCorrelationId());
        if (replyTo == null || replyTo.isBlank()) {
            log.warn("Balance request {} has no reply-to; dropped", correlationId);
            channel.basicNack(tag, false, false);
            return;
        }
        BalanceResponse response = respond(correlationId, body.path("user_id").asString(null));
        MessageProperties properties = new MessageProperties();
        properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        properties.setCorrelationId(correlationId);
        properties.setDeliveryMode(MessageDeliveryMode.NON_PERSISTENT);
        properties.setExpiration("60000");
        try {
            template.send(topology.name(Topology.BALANCE_RESPONSE_EXCHANGE), replyTo,
                    new Message(JSON.writeValueAsBytes(response), properties));
            channel.basicAck(tag, false);
        } catch (RuntimeException e) {
            log.warn("Answering balance request {} failed ({}); requeued", correlationId, InProcessDelivery.describe(e));
            channel.basicNack(tag, false, true);
        }
    }

    BalanceResponse respond(String correlationId, String userText) {
        String now = clock.instant().toString();
        long userId;
        try {
            userId = Long.parseLong(userText);
        } catch (NumberFormatException | NullPointerException e) {
            return new BalanceResponse(correlationId, userText, List.of(), null, null, false, "VALIDATION_FAILED", now);
        }
        if (users.findById(userId).isEmpty()) {
            return new BalanceResponse(correlationId, userText, List.of(), null, null, false, "USER_NOT_FOUND", now);
        }
        List<BalanceLine> lines = new ArrayList<>();
        String usd = "0";
        for (Map.Entry<String, LiveBalances.Balance> entry : balances.of(userId).entrySet()) {
            int scale = catalog.assetScale(entry.getKey()).orElse(0);
            LiveBalances.Balance b = entry.getValue();
            String available = BigDecimal.valueOf(b.available(), scale).toPlainString();
            lines.add(new BalanceLine(entry.getKey(), available, BigDecimal.valueOf(b.held(), scale).toPlainString(),
                    BigDecimal.valueOf(b.total(), scale).toPlainString()));
            if (entry.getKey().equals("USD")) {
                usd = available;
            }
        }
        return new BalanceResponse(correlationId, userText, lines, usd, "USD", true, null, now);
    }

    @Override
    public void stop() {
        if (container != null) {
            container.stop();
            container = null;
        }
    }

    @Override
    public boolean isRunning() {
        return container != null;
    }

    @Override
    public int getPhase() {
        return 20;
    }
}
