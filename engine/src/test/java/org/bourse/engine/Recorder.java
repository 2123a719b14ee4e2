package org.bourse.engine;

import java.util.ArrayList;
import java.util.List;

import org.bourse.engine.command.Command;

/** Keeps copies of everything the engine tells, for assertions. */
final class Recorder implements EngineListener {

    record Trade(long id, String market, long price, long quantity, long makerOrder, long takerOrder, long makerFee,
                 long takerFee, long buyerPaid, long sellerReceived) {
    }

    record Line(long id, long account, String asset, long amount, long balanceAfter, LedgerType type, long orderId,
                long tradeId, String transactionId, String traceId) {
    }

    record Change(long orderId, OrderEvent event, OrderStatus status, long filled, RejectReason reason) {
    }

    record Level(String market, Side side, long price, long quantity, int orders, long sequence) {
    }

    final List<Trade> trades = new ArrayList<>();
    final List<Line> ledger = new ArrayList<>();
    final List<Change> changes = new ArrayList<>();
    final List<Level> levels = new ArrayList<>();
    final List<RejectReason> rejections = new ArrayList<>();
    /** ledger lines of the command being applied */
    final List<Line> commandLines = new ArrayList<>();

    @Override
    public void commandStarted(long sequence, long timestamp, Command command) {
        commandLines.clear();
    }

    @Override
    public void orderChanged(OrderState o, OrderEvent event) {
        changes.add(new Change(o.id(), event, o.status(), o.filledQuantity(), o.reason()));
    }

    @Override
    public void orderRejected(long userId, String clientOrderId, String market, RejectReason reason) {
        rejections.add(reason);
    }

    @Override
    public void trade(long tradeId, Market market, long price, long quantity, OrderState maker, OrderState taker,
                      long makerFee, long takerFee, long buyerPaid, long sellerReceived) {
        trades.add(new Trade(tradeId, market.symbol(), price, quantity, maker.id(), taker.id(), makerFee, takerFee,
                buyerPaid, sellerReceived));
    }

    @Override
    public void ledger(long entryId, long accountId, Asset asset, long amount, long balanceAfter, LedgerType type,
                       long orderId, long tradeId, String transactionId, String traceId) {
        Line line = new Line(entryId, accountId, asset.code(), amount, balanceAfter, type, orderId, tradeId, transactionId,
                traceId);
        ledger.add(line);
        commandLines.add(line);
    }

    @Override
    public void levelChanged(Market market, Side side, long price, long quantity, int orderCount, long bookSequence) {
        levels.add(new Level(market.symbol(), side, price, quantity, orderCount, bookSequence));
    }

    List<Change> changesOf(long orderId) {
        return changes.stream().filter(c -> c.orderId() == orderId).toList();
    }

    Change lastChangeOf(long orderId) {
        List<Change> of = changesOf(orderId);
        return of.isEmpty() ? null : of.getLast();
    }
}
