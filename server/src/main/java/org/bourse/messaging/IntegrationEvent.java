package org.bourse.messaging;

/**
 * One integration event as it leaves the exchange (JSON, snake_case, {@code docs/events.md}). Every event carries
 * the envelope ({@code messageId} .. {@code traceId}) and seed 000's OrderEvent fields ({@code orderId} ..
 * {@code timestamp}), null where they do not apply; the rest belong to some event types only. Decimals are
 * strings in the asset's precision, ids are strings, times ISO-8601 UTC.
 *
 * @param messageId "{sequence}-{index}": the journal sequence of the command and the event's place among the
 *                  integration events it caused; the same event always gets the same id, so consumers
 *                  deduplicate on it
 * @param sequence  the journal sequence of the command that caused the event
 */
public record IntegrationEvent(String messageId, String eventType, long sequence, String occurredAt, String traceId,
                               String orderId, String userId, String type, String cryptoSymbol, String quantity,
                               String price, String totalAmount, String fee, String timestamp,
                               String quoteSymbol, String orderKind, String status, String filledQuantity,
                               String failureReason, String tradeId, String makerOrderId, String makerUserId,
                               String makerFee, String asset, String amount, String available, String held,
                               String transactionId, String counterpartyId) {

    public static final String ORDER_CREATED = "orders.created";
    public static final String ORDER_EXECUTED = "orders.executed";
    public static final String ORDER_CANCELLED = "orders.cancelled";
    public static final String ORDER_FAILED = "orders.failed";
    public static final String TRADE_EXECUTED = "trades.executed";
    public static final String BALANCE_CHANGED = "balances.changed";
    public static final String TRANSFER_COMPLETED = "transfers.completed";
    public static final String DEPOSIT_COMPLETED = "deposits.completed";

    /** Whether this is one of seed 000's four order events ({@code orders.*}). */
    public boolean isOrderEvent() {
        return eventType.startsWith("orders.");
    }
}
