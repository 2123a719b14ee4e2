package org.bourse.messaging;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.amqp.rabbit.listener.api.ChannelAwareMessageListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import com.rabbitmq.client.Channel;

/**
 * With RabbitMQ, each {@link IntegrationEventConsumer} reads its own queue (seed 000's): prefetch 1, manual
 * acknowledgement after the transaction that recorded the message id and the consumer's work committed. A
 * consumer's recoverable failure is NACKed with requeue (after a pause, so a failing dependency is not hammered);
 * a permanent one ({@link IntegrationEventConsumer.PermanentEventFailure}, or a message that is no integration
 * event) without, so the broker moves it to {@code dlx} and the DLQ. A message redelivered after a lost ack is
 * found in {@code consumed_messages} and only acknowledged. Several server processes on one broker compete
 * for the messages of each queue. A lost connection is retried every 5 s.
 */
@Component
@ConditionalOnRabbitMq
final class RabbitConsumers implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RabbitConsumers.class);
    private static final long REQUEUE_PAUSE_MILLIS = 1_000;

    private final List<IntegrationEventConsumer> consumers;
    private final CachingConnectionFactory connections;
    private final Topology topology;
    private final ConsumedMessages consumed;
    private final TransactionTemplate transactions;
    private final List<SimpleMessageListenerContainer> containers = new ArrayList<>();
    private volatile boolean running;

    RabbitConsumers(List<IntegrationEventConsumer> consumers, CachingConnectionFactory connections, Topology topology,
                    ConsumedMessages consumed, TransactionTemplate transactions) {
        this.consumers = consumers;
        this.connections = connections;
        this.topology = topology;
        this.consumed = consumed;
        this.transactions = transactions;
    }

    @Override
    public void start() {
        for (IntegrationEventConsumer consumer : consumers) {
            SimpleMessageListenerContainer container = container(connections, topology.name(consumer.queue()));
            container.setMessageListener((ChannelAwareMessageListener) (message, channel) ->
                    deliver(consumer, message, channel));
            container.start();
            containers.add(container);
        }
        running = true;
    }

    /** Prefetch 1, manual acks, one consumer, reconnecting every 5 s, missing queues retried rather than fatal. */
    static SimpleMessageListenerContainer container(CachingConnectionFactory connections, String queue) {
        SimpleMessageListenerContainer container = new SimpleMessageListenerContainer(connections);
        container.setQueueNames(queue);
        container.setPrefetchCount(1);
        container.setAcknowledgeMode(AcknowledgeMode.MANUAL);
        container.setConcurrentConsumers(1);
        container.setRecoveryInterval(OutboxPublisher.RECONNECT_MILLIS);
        container.setMissingQueuesFatal(false);
        container.setDefaultRequeueRejected(false);
        container.setShutdownTimeout(10_000);
        container.afterPropertiesSet();
        return container;
    }

    private void deliver(IntegrationEventConsumer consumer, Message message, Channel channel) throws IOException {
        long tag = message.getMessageProperties().getDeliveryTag();
        String payload = new String(message.getBody(), StandardCharsets.UTF_8);
        try {
            String messageId = message.getMessageProperties().getMessageId();
            String type = message.getMessageProperties().getType();
            if (messageId == null || type == null) {
                IntegrationEvent event = EventJson.read(payload); // a message without them must be one
                messageId = event.messageId();
                type = event.eventType();
            }
            String id = messageId;
            String eventType = type;
            transactions.executeWithoutResult(status -> Consumption.handle(consumed, consumer, eventType, id, payload));
            channel.basicAck(tag, false);
        } catch (IntegrationEventConsumer.PermanentEventFailure e) {
            log.error("Consumer {} refused message {} for good ({}); it goes to the dead-letter queue", consumer.queue(),
                    message.getMessageProperties().getMessageId(), e.getMessage());
            channel.basicNack(tag, false, false);
        } catch (RuntimeException e) {
            log.warn("Consumer {} failed on message {} ({}); it is requeued", consumer.queue(),
                    message.getMessageProperties().getMessageId(), InProcessDelivery.describe(e));
            pause();
            channel.basicNack(tag, false, true);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(REQUEUE_PAUSE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void stop() {
        running = false;
        for (SimpleMessageListenerContainer container : containers) {
            container.stop(); // lets the message in hand finish and be acknowledged, then closes the channel
        }
        containers.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** After the publisher: started last, stopped first. */
    @Override
    public int getPhase() {
        return 20;
    }
}
