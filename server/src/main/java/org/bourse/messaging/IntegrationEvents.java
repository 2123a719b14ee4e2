package org.bourse.messaging;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;

import org.bourse.engine.LedgerType;
import org.bourse.engine.OrderEvent;
import org.bourse.engine.Side;
import org.bourse.engine.command.PlaceOrder;
import org.bourse.exchange.CommandEvents;
import org.bourse.exchange.ExchangeEvent;
import org.bourse.exchange.MarketCatalog;
import org.bourse.exchange.MarketSpec;
import org.bourse.exchange.OrderSnapshot;

/**
 * Derives a command's integration events from what the engine did, deterministically: the same command always
 * gives the same events with the same {@code message_id}s, so a rebuild from the journal re-derives them as
 * they were first written.
 *
 * <p>Order events follow seed 000's life cycle: {@code orders.created} when an order is placed (pending, or
 * straight into the book), {@code orders.executed} when it is fully filled, {@code orders.cancelled} and
 * {@code orders.failed}. Partial fills show as {@code trades.executed}, one per trade. A command's balance
 * changes come last, one {@code balances.changed} per account and asset with the balance the command left.
 */
final class IntegrationEvents {

    private final MarketCatalog catalog;

    IntegrationEvents(MarketCatalog catalog) {
        this.catalog = catalog;
    }

    List<IntegrationEvent> of(CommandEvents command) {
        List<IntegrationEvent> events = new ArrayList<>();
        boolean placement = command.command() instanceof PlaceOrder;
        // a command may move one balance several times (hold, fill, fee): one event with where it ended
        Map<String, ExchangeEvent.BalanceChanged> balances = new LinkedHashMap<>();
        String occurredAt = Instant.ofEpochMilli(command.timestamp()).toString();
        for (ExchangeEvent event : command.events()) {
            switch (event) {
                case ExchangeEvent.OrderChanged changed -> {
                    // a placement's first order change is the placed order's (those after it: makers, stops)
                    boolean placed = placement;
                    placement = false;
                    if (placed && changed.event() != OrderEvent.CREATED) {
                        events.add(order(command, events.size(), occurredAt, IntegrationEvent.ORDER_CREATED, changed.order()));
                    }
                    String type = orderEventType(changed.event());
                    if (type != null) {
                        events.add(order(command, events.size(), occurredAt, type, changed.order()));
                    }
                }
                case ExchangeEvent.TradeExecuted trade -> events.add(trade(command, events.size(), occurredAt, trade));
                case ExchangeEvent.BalanceChanged balance ->
                        balances.put(balance.accountId() + " " + balance.asset(), balance);
                case ExchangeEvent.TransactionCompleted t when transactionEventType(t.type()) != null ->
                        events.add(transaction(command, events.size(), occurredAt, t));
                default -> {
                }
            }
        }
        for (ExchangeEvent.BalanceChanged balance : balances.values()) {
            events.add(balance(command, events.size(), occurredAt, balance));
        }
        return events;
    }

    private static String orderEventType(OrderEvent event) {
        return switch (event) {
            case CREATED -> IntegrationEvent.ORDER_CREATED;
            case FILLED -> IntegrationEvent.ORDER_EXECUTED;
            case CANCELLED -> IntegrationEvent.ORDER_CANCELLED;
            case FAILED -> IntegrationEvent.ORDER_FAILED;
            case ACCEPTED, TRIGGERED, PARTIALLY_FILLED -> null;
        };
    }

    private static String transactionEventType(LedgerType type) {
        return switch (type) {
            case DEPOSIT -> IntegrationEvent.DEPOSIT_COMPLETED;
            case TRANSFER_OUT -> IntegrationEvent.TRANSFER_COMPLETED;
            default -> null;
        };
    }

    static String messageId(long sequence, int index) {
        return sequence + "-" + index;
    }

    /**
     * {@code price} is the average price traded once the order has fills, else its limit (or, for a market
     * order, the price it was valued at); {@code total_amount} and {@code fee} likewise what the fills cost, else
     * the quoted value and the taker fee on it (as the order API shows them).
     */
    private IntegrationEvent order(CommandEvents c, int index, String occurredAt, String type, OrderSnapshot o) {
        MarketSpec m = catalog.market(o.symbol()).orElseThrow();
        boolean traded = o.filled() > 0;
        BigDecimal quantity = m.quantity(o.quantity());
        BigDecimal price;
        BigDecimal total;
        BigDecimal fee;
        if (traded) {
            price = m.averagePrice(o.filledNotional(), o.filled());
            total = m.quoteAmount(o.settled());
            fee = m.quoteAmount(o.fees());
        } else {
            price = o.quotedPrice() == 0 ? null : m.price(o.quotedPrice());
            RoundingMode rounding = o.side() == Side.BUY ? RoundingMode.UP : RoundingMode.DOWN;
            total = price == null ? null : quantity.multiply(price).setScale(m.quoteScale(), rounding);
            fee = total == null ? null
                    : total.multiply(MarketSpec.rate(m.takerFeePpm())).setScale(m.quoteScale(), RoundingMode.UP);
        }
        String reason = o.reason() == null || type.equals(IntegrationEvent.ORDER_EXECUTED) ? null : o.reason().name();
        return new IntegrationEvent(messageId(c.sequence(), index), type, c.sequence(), occurredAt, c.traceId(),
                Long.toString(o.id()), Long.toString(o.userId()), name(o.side()), m.baseAsset(), text(quantity),
                text(price), text(total), text(fee), Instant.ofEpochMilli(o.updatedAt()).toString(), m.quoteAsset(),
                name(o.kind()), name(o.status()), text(m.quantity(o.filled())), reason, null, null, null, null, null,
                null, null, null, null, null);
    }

    /** Seen from the taker: its order, user, side and fee; the maker's in the {@code maker_*} fields. */
    private IntegrationEvent trade(CommandEvents c, int index, String occurredAt, ExchangeEvent.TradeExecuted t) {
        MarketSpec m = catalog.market(t.symbol()).orElseThrow();
        long paid = t.takerSide() == Side.BUY ? t.buyerPaid() : t.sellerReceived();
        return new IntegrationEvent(messageId(c.sequence(), index), IntegrationEvent.TRADE_EXECUTED, c.sequence(),
                occurredAt, c.traceId(), Long.toString(t.takerOrderId()), Long.toString(t.takerUserId()),
                name(t.takerSide()), m.baseAsset(), text(m.quantity(t.quantity())), text(m.price(t.price())),
                text(m.quoteAmount(paid)), text(m.quoteAmount(t.takerFee())),
                Instant.ofEpochMilli(t.executedAt()).toString(), m.quoteAsset(), null, null, null, null,
                Long.toString(t.tradeId()), Long.toString(t.makerOrderId()), Long.toString(t.makerUserId()),
                text(m.quoteAmount(t.makerFee())), null, null, null, null, null, null);
    }

    private IntegrationEvent balance(CommandEvents c, int index, String occurredAt, ExchangeEvent.BalanceChanged b) {
        int scale = catalog.assetScale(b.asset()).orElseThrow();
        return new IntegrationEvent(messageId(c.sequence(), index), IntegrationEvent.BALANCE_CHANGED, c.sequence(),
                occurredAt, c.traceId(), null, Long.toString(b.accountId()), null, null, null, null, null, null,
                occurredAt, null, null, null, null, null, null, null, null, null, b.asset(), null,
                text(BigDecimal.valueOf(b.available(), scale)), text(BigDecimal.valueOf(b.held(), scale)), null, null);
    }

    /** A deposit is the receiver's; a transfer the sender's, the receiver in {@code counterparty_id}. */
    private IntegrationEvent transaction(CommandEvents c, int index, String occurredAt,
                                         ExchangeEvent.TransactionCompleted t) {
        int scale = catalog.assetScale(t.asset()).orElseThrow();
        boolean deposit = t.type() == LedgerType.DEPOSIT;
        long owner = deposit ? t.toAccount() : t.fromAccount();
        long counterparty = deposit ? t.fromAccount() : t.toAccount();
        return new IntegrationEvent(messageId(c.sequence(), index), transactionEventType(t.type()), c.sequence(),
                occurredAt, t.traceId() == null ? c.traceId() : t.traceId(), null, Long.toString(owner), null, null,
                null, null, null, null, Instant.ofEpochMilli(t.completedAt()).toString(), null, null, null, null, null,
                null, null, null, null, t.asset(), text(BigDecimal.valueOf(t.amount(), scale)), null, null,
                t.transactionId(), Long.toString(counterparty));
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name().toLowerCase(Locale.ROOT);
    }

    private static String text(BigDecimal value) {
        return value == null ? null : value.toPlainString();
    }
}
