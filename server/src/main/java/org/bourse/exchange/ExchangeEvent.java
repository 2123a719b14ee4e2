package org.bourse.exchange;

import org.bourse.engine.LedgerType;
import org.bourse.engine.OrderEvent;
import org.bourse.engine.Side;

/**
 * What the engine did, as immutable values safe to hand to other threads. Amounts are minor units of the
 * asset named (see {@link MarketCatalog} for the scales).
 */
public sealed interface ExchangeEvent {

    record OrderChanged(OrderSnapshot order, OrderEvent event) implements ExchangeEvent {
    }

    /** A trade; {@code buyerPaid} / {@code sellerReceived} are before fees, in quote minor units. */
    record TradeExecuted(long tradeId, String symbol, long price, long quantity, Side takerSide, long makerOrderId,
                         long takerOrderId, long makerUserId, long takerUserId, long makerFee, long takerFee,
                         long buyerPaid, long sellerReceived, long executedAt) implements ExchangeEvent {

        public long buyOrderId() {
            return takerSide == Side.BUY ? takerOrderId : makerOrderId;
        }

        public long sellOrderId() {
            return takerSide == Side.BUY ? makerOrderId : takerOrderId;
        }
    }

    record LedgerPosted(long entryId, long accountId, String asset, long amount, long balanceAfter, LedgerType type,
                        long orderId, long tradeId, String transactionId, String traceId, long createdAt)
            implements ExchangeEvent {
    }

    record BalanceChanged(long accountId, String asset, long available, long held) implements ExchangeEvent {
    }

    /** A price level's new aggregate ({@code quantity} 0: gone); {@code bookSequence} rises by one per change. */
    record LevelChanged(String symbol, Side side, long price, long quantity, int orderCount, long bookSequence)
            implements ExchangeEvent {
    }

    record MarketChanged(MarketSpec market) implements ExchangeEvent {
    }

    record AssetDefined(String code, int scale) implements ExchangeEvent {
    }

    /** A deposit, withdrawal or transfer that moved funds. */
    record TransactionCompleted(LedgerType type, String transactionId, long fromAccount, long toAccount, String asset,
                                long amount, String memo, String traceId, long completedAt) implements ExchangeEvent {
    }
}
