package org.bourse.engine.journal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.bourse.engine.Asset;
import org.bourse.engine.EngineListener;
import org.bourse.engine.LedgerType;
import org.bourse.engine.Market;
import org.bourse.engine.OrderEvent;
import org.bourse.engine.OrderState;
import org.bourse.engine.RejectReason;
import org.bourse.engine.Result;
import org.bourse.engine.Side;
import org.bourse.engine.command.Command;

/**
 * Every callback of the engine, written down as text with all its arguments (orders copied field by field),
 * so that two engines' event streams compare with one {@code isEqualTo}. Thread-safe for reading from a test
 * while the engine thread writes.
 */
public final class EventLog implements EngineListener {

    private final List<String> events = Collections.synchronizedList(new ArrayList<>());
    private final List<Long> sequences = Collections.synchronizedList(new ArrayList<>());

    public List<String> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    /** The sequences of the commands told, in order. */
    public List<Long> sequences() {
        synchronized (sequences) {
            return List.copyOf(sequences);
        }
    }

    /** The events from the start of the command with this sequence on. */
    public List<String> eventsFrom(long sequence) {
        List<String> all = events();
        int from = all.indexOf("command " + sequence);
        return from < 0 ? List.of() : all.subList(from, all.size());
    }

    @Override
    public void commandStarted(long sequence, long timestamp, Command command) {
        sequences.add(sequence);
        events.add("command " + sequence);
        events.add("started " + timestamp + " " + command);
    }

    @Override
    public void commandCompleted(long sequence, Command command, Result result) {
        events.add("completed " + sequence + " " + result);
    }

    @Override
    public void assetDefined(Asset asset) {
        events.add("asset " + asset);
    }

    @Override
    public void marketChanged(Market m) {
        events.add("market " + m.symbol() + " " + m.status() + " " + m.lastPrice() + " " + m.bookSequence());
    }

    @Override
    public void orderChanged(OrderState o, OrderEvent event) {
        events.add("order " + event + " " + describe(o));
    }

    @Override
    public void orderRejected(long userId, String clientOrderId, String market, RejectReason reason) {
        events.add("rejected " + userId + " " + clientOrderId + " " + market + " " + reason);
    }

    @Override
    public void trade(long tradeId, Market market, long price, long quantity, OrderState maker, OrderState taker,
                      long makerFee, long takerFee, long buyerPaid, long sellerReceived) {
        events.add("trade " + tradeId + " " + market.symbol() + " " + price + " " + quantity + " maker " + describe(maker)
                + " taker " + describe(taker) + " " + makerFee + " " + takerFee + " " + buyerPaid + " " + sellerReceived);
    }

    @Override
    public void ledger(long entryId, long accountId, Asset asset, long amount, long balanceAfter, LedgerType type,
                       long orderId, long tradeId, String transactionId, String traceId) {
        events.add("ledger " + entryId + " " + accountId + " " + asset.code() + " " + amount + " " + balanceAfter + " "
                + type + " " + orderId + " " + tradeId + " " + transactionId + " " + traceId);
    }

    @Override
    public void balanceChanged(long accountId, Asset asset, long available, long held) {
        events.add("balance " + accountId + " " + asset.code() + " " + available + " " + held);
    }

    @Override
    public void levelChanged(Market market, Side side, long price, long quantity, int orderCount, long bookSequence) {
        events.add("level " + market.symbol() + " " + side + " " + price + " " + quantity + " " + orderCount + " "
                + bookSequence);
    }

    @Override
    public void transactionCompleted(LedgerType type, String transactionId, long fromAccount, long toAccount,
                                     Asset asset, long amount, String memo) {
        events.add("transaction " + type + " " + transactionId + " " + fromAccount + " " + toAccount + " "
                + asset.code() + " " + amount + " " + memo);
    }

    private static String describe(OrderState o) {
        return "[" + o.id() + " " + o.userId() + " " + o.market().symbol() + " " + o.side() + " " + o.kind() + " "
                + o.timeInForce() + " " + o.postOnly() + " " + o.price() + " " + o.stopPrice() + " " + o.quotedPrice()
                + " " + o.quantity() + " " + o.quoteBudget() + " " + o.filledQuantity() + " " + o.filledNotional() + " "
                + o.settled() + " " + o.fees() + " " + o.held() + " " + o.status() + " " + o.reason() + " "
                + o.clientOrderId() + " " + o.traceId() + " " + o.createdAt() + " " + o.updatedAt() + "]";
    }
}
