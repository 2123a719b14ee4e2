package org.bourse.exchange;

import java.util.ArrayList;
import java.util.List;

import org.bourse.engine.Asset;
import org.bourse.engine.Engine;
import org.bourse.engine.EngineListener;
import org.bourse.engine.LedgerType;
import org.bourse.engine.Market;
import org.bourse.engine.OrderEvent;
import org.bourse.engine.OrderState;
import org.bourse.engine.Result;
import org.bourse.engine.Side;
import org.bourse.engine.command.Command;
import org.bourse.platform.RequestContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Listens on the engine thread: copies each callback into an immutable {@link ExchangeEvent}, and when the
 * command completes hands the whole group to the live views (synchronously), then to the projector and the
 * event stream (through their bounded queues).
 */
final class EventCollector implements EngineListener {

    /** DEBUG: one line per applied command, with its trace id like every log line of the request that sent it. */
    private static final Logger log = LoggerFactory.getLogger("org.bourse.engine.commands");

    private final List<LiveView> views;
    private final MarketCatalog catalog;
    private final Projector projector;
    private final EventStream stream;
    private long sequence;
    private long timestamp;
    private String traceId;
    private List<ExchangeEvent> events = new ArrayList<>();

    EventCollector(List<LiveView> views, MarketCatalog catalog, Projector projector, EventStream stream) {
        this.views = views;
        this.catalog = catalog;
        this.projector = projector;
        this.stream = stream;
    }

    /**
     * The projections render every event with the markets' and assets' scales: the catalog must know every
     * market and asset that exists at the point where the replay begins, before the projector is handed the
     * first replayed command. Later listings reach it through the events themselves ({@link #commandCompleted}
     * applies the views before it hands the command on), so at every point of the sequence it knows what the
     * command being projected needs.
     */
    @Override
    public void listening(Engine engine) {
        catalog.restore(engine);
    }

    @Override
    public void commandStarted(long sequence, long timestamp, Command command) {
        this.sequence = sequence;
        this.timestamp = timestamp;
        this.traceId = command.traceId();
        this.events = new ArrayList<>();
    }

    @Override
    public void commandCompleted(long sequence, Command command, Result result) {
        CommandEvents completed = new CommandEvents(sequence, timestamp, command, result, List.copyOf(events));
        if (log.isDebugEnabled()) {
            MDC.put(RequestContext.TRACE_ID, command.traceId());
            log.debug("applied #{} {} -> {} ({} events)", sequence, command, result, events.size());
            MDC.remove(RequestContext.TRACE_ID);
        }
        for (LiveView view : views) {
            view.apply(completed);
        }
        projector.enqueue(completed);
        stream.publish(completed);
    }

    @Override
    public void assetDefined(Asset asset) {
        events.add(new ExchangeEvent.AssetDefined(asset.code(), asset.scale()));
    }

    @Override
    public void marketChanged(Market market) {
        events.add(new ExchangeEvent.MarketChanged(MarketSpec.of(market)));
    }

    @Override
    public void orderChanged(OrderState order, OrderEvent event) {
        events.add(new ExchangeEvent.OrderChanged(OrderSnapshot.of(order, sequence), event));
    }

    @Override
    public void trade(long tradeId, Market market, long price, long quantity, OrderState maker, OrderState taker,
                      long makerFee, long takerFee, long buyerPaid, long sellerReceived) {
        events.add(new ExchangeEvent.TradeExecuted(tradeId, market.symbol(), price, quantity, taker.side(), maker.id(),
                taker.id(), maker.userId(), taker.userId(), makerFee, takerFee, buyerPaid, sellerReceived, timestamp));
    }

    @Override
    public void ledger(long entryId, long accountId, Asset asset, long amount, long balanceAfter, LedgerType type,
                       long orderId, long tradeId, String transactionId, String traceId) {
        events.add(new ExchangeEvent.LedgerPosted(entryId, accountId, asset.code(), amount, balanceAfter, type, orderId,
                tradeId, transactionId, traceId, timestamp));
    }

    @Override
    public void balanceChanged(long accountId, Asset asset, long available, long held) {
        events.add(new ExchangeEvent.BalanceChanged(accountId, asset.code(), available, held));
    }

    @Override
    public void levelChanged(Market market, Side side, long price, long quantity, int orderCount, long bookSequence) {
        events.add(new ExchangeEvent.LevelChanged(market.symbol(), side, price, quantity, orderCount, bookSequence));
    }

    @Override
    public void transactionCompleted(LedgerType type, String transactionId, long fromAccount, long toAccount, Asset asset,
                                     long amount, String memo) {
        events.add(new ExchangeEvent.TransactionCompleted(type, transactionId, fromAccount, toAccount, asset.code(), amount,
                memo, traceId, timestamp));
    }
}
