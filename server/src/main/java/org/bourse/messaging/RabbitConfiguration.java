package org.bourse.messaging;

import java.net.URI;

import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * RabbitMQ, when {@code BOURSE_RABBITMQ_URL} is set (Spring Boot's own auto-configuration is off, so without it
 * nothing tries to connect). One connection, heartbeat 10 s, publisher confirms; the topology ({@link Topology})
 * is declared by {@link RabbitAdmin} on every (re)connection.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnRabbitMq
class RabbitConfiguration {

    static final int HEARTBEAT_SECONDS = 10;

    @Bean
    Topology topology(@Value("${bourse.rabbitmq.prefix:}") String prefix) {
        return new Topology(prefix);
    }

    @Bean
    CachingConnectionFactory rabbitConnectionFactory(@Value("${bourse.rabbitmq.url}") String url) {
        CachingConnectionFactory factory = new CachingConnectionFactory(URI.create(url.trim()));
        factory.setRequestedHeartBeat(HEARTBEAT_SECONDS);
        factory.setConnectionTimeout(5_000);
        factory.setPublisherConfirmType(CachingConnectionFactory.ConfirmType.SIMPLE);
        factory.setConnectionNameStrategy(f -> "bourse");
        return factory;
    }

    @Bean
    Declarables rabbitTopology(Topology topology) {
        return topology.declarables();
    }

    @Bean
    RabbitAdmin rabbitAdmin(CachingConnectionFactory connections) {
        RabbitAdmin admin = new RabbitAdmin(connections);
        admin.setIgnoreDeclarationExceptions(false);
        return admin;
    }

    @Bean
    RabbitTemplate rabbitTemplate(CachingConnectionFactory connections) {
        return new RabbitTemplate(connections);
    }
}
