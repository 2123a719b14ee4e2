package org.bourse.messaging;

import java.util.List;
import java.util.Map;

import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.core.TopicExchange;

/**
 * Seed 000's RabbitMQ topology, every name behind an optional prefix ({@code BOURSE_RABBITMQ_PREFIX}, empty by
 * default) so several exchanges, or tests, can share one broker:
 * <ul>
 *   <li>topic exchanges {@code orders.events}, {@code balance.request.exchange}, {@code balance.response.exchange}
 *       and the dead-letter exchange {@code dlx}, all durable;</li>
 *   <li>{@code portfolio.updates} ({@code orders.executed}, TTL 1 h, DLX), {@code search.sync} ({@code orders.*},
 *       TTL 10 min, DLX), {@code audit.events} (every event, DLX), {@code balance.request} (TTL 60 s);</li>
 *   <li>{@code dead.letters}, bound to {@code dlx} with {@code #}: what consumers refused for good and what
 *       outlived its TTL, the most recent 100 000 kept.</li>
 * </ul>
 */
record Topology(String prefix) {

    static final String ORDERS_EVENTS = "orders.events";
    static final String BALANCE_REQUEST_EXCHANGE = "balance.request.exchange";
    static final String BALANCE_RESPONSE_EXCHANGE = "balance.response.exchange";
    static final String DLX = "dlx";
    static final String PORTFOLIO_UPDATES = "portfolio.updates";
    static final String SEARCH_SYNC = "search.sync";
    static final String AUDIT_EVENTS = "audit.events";
    static final String BALANCE_REQUEST = "balance.request";
    static final String DEAD_LETTERS = "dead.letters";

    static final int PORTFOLIO_TTL_MILLIS = 3_600_000;
    static final int SEARCH_TTL_MILLIS = 600_000;
    static final int BALANCE_REQUEST_TTL_MILLIS = 60_000;
    static final int DEAD_LETTERS_MAX = 100_000;

    Topology {
        prefix = prefix == null ? "" : prefix.trim();
    }

    String name(String name) {
        return prefix + name;
    }

    Declarables declarables() {
        TopicExchange orders = new TopicExchange(name(ORDERS_EVENTS), true, false);
        TopicExchange requests = new TopicExchange(name(BALANCE_REQUEST_EXCHANGE), true, false);
        TopicExchange responses = new TopicExchange(name(BALANCE_RESPONSE_EXCHANGE), true, false);
        TopicExchange dlx = new TopicExchange(name(DLX), true, false);
        Queue portfolio = deadLettered(PORTFOLIO_UPDATES).ttl(PORTFOLIO_TTL_MILLIS).build();
        Queue search = deadLettered(SEARCH_SYNC).ttl(SEARCH_TTL_MILLIS).build();
        Queue audit = deadLettered(AUDIT_EVENTS).build();
        Queue balanceRequest = QueueBuilder.durable(name(BALANCE_REQUEST)).ttl(BALANCE_REQUEST_TTL_MILLIS).build();
        Queue deadLetters = QueueBuilder.durable(name(DEAD_LETTERS)).maxLength(DEAD_LETTERS_MAX).build();
        List<Declarable> all = List.of(orders, requests, responses, dlx, portfolio, search, audit, balanceRequest,
                deadLetters,
                BindingBuilder.bind(portfolio).to(orders).with(IntegrationEvent.ORDER_EXECUTED),
                BindingBuilder.bind(search).to(orders).with("orders.*"),
                BindingBuilder.bind(audit).to(orders).with("#"),
                BindingBuilder.bind(balanceRequest).to(requests).with(BALANCE_REQUEST),
                BindingBuilder.bind(deadLetters).to(dlx).with("#"));
        return new Declarables(all);
    }

    private QueueBuilder deadLettered(String queue) {
        return QueueBuilder.durable(name(queue)).deadLetterExchange(name(DLX));
    }

    /** The arguments each queue is declared with, as the broker must report them. */
    Map<String, Map<String, Object>> queueArguments() {
        return Map.of(
                PORTFOLIO_UPDATES, Map.of("x-message-ttl", PORTFOLIO_TTL_MILLIS, "x-dead-letter-exchange", name(DLX)),
                SEARCH_SYNC, Map.of("x-message-ttl", SEARCH_TTL_MILLIS, "x-dead-letter-exchange", name(DLX)),
                AUDIT_EVENTS, Map.of("x-dead-letter-exchange", name(DLX)),
                BALANCE_REQUEST, Map.of("x-message-ttl", BALANCE_REQUEST_TTL_MILLIS),
                DEAD_LETTERS, Map.of("x-max-length", DEAD_LETTERS_MAX));
    }
}
