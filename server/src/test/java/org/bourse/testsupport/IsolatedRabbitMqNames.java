package org.bourse.testsupport;

import java.io.IOException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

/**
 * For {@link WithRabbitMq}: sets {@code bourse.rabbitmq.url} before the context starts and a random
 * {@code bourse.rabbitmq.prefix}, and deletes seed 000's queues and exchanges under that prefix when the context
 * closes.
 */
public final class IsolatedRabbitMqNames extends PerContextResource {

    public static final String PREFIX_PROPERTY = "bourse.rabbitmq.prefix";
    public static final List<String> QUEUES = List.of("portfolio.updates", "search.sync", "audit.events",
            "balance.request", "dead.letters");
    public static final List<String> EXCHANGES = List.of("orders.events", "balance.request.exchange",
            "balance.response.exchange", "dlx");

    public IsolatedRabbitMqNames() {
        super(WithRabbitMq.class);
    }

    @Override
    Prepared prepare() {
        String prefix = randomPrefix();
        return new Prepared(Map.of("bourse.rabbitmq.url", RequiresRabbitMq.URL, PREFIX_PROPERTY, prefix),
                () -> deleteAll(prefix));
    }

    /** A random name prefix for a test that configures the broker itself. */
    public static String randomPrefix() {
        return "it-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()) + ".";
    }

    /** A connection to the test broker, for tests that talk to it directly. */
    public static Connection connect() {
        ConnectionFactory factory = new ConnectionFactory();
        try {
            factory.setUri(RequiresRabbitMq.URL);
            return factory.newConnection("bourse-test");
        } catch (Exception e) {
            throw new IllegalStateException("RabbitMQ refused a connection", e);
        }
    }

    /** Deletes seed 000's queues and exchanges under the prefix. */
    public static void deleteAll(String prefix) {
        try (Connection connection = connect(); Channel channel = connection.createChannel()) {
            for (String queue : QUEUES) {
                channel.queueDelete(prefix + queue);
            }
            for (String exchange : EXCHANGES) {
                channel.exchangeDelete(prefix + exchange);
            }
        } catch (IOException | TimeoutException e) {
            throw new IllegalStateException("could not delete the test's RabbitMQ names under " + prefix, e);
        }
    }
}
