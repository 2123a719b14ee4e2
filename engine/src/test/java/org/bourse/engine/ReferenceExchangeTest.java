package org.bourse.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

import org.bourse.engine.ReferenceExchange.Level;
import org.bourse.engine.ReferenceExchange.OrderView;
import org.bourse.engine.book.BookSide;
import org.bourse.engine.book.PriceLevel;
import org.bourse.engine.command.Command;
import org.bourse.engine.testsupport.RandomSeed;
import org.bourse.engine.testsupport.Seed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The engine against the {@link ReferenceExchange}: the same random command stream into both, and after every
 * command the same result, the same trades (price, quantity, maker, taker, fees, what the buyer paid and the
 * seller received), the same state of every order the command ended and of every live order (status, reason,
 * fills, hold, settlement, fees), the same balances (available and held) of every account, and the same books.
 * The seed is printed; rerun one with {@code -Dbourse.seed=... -Dbourse.sequences=1}.
 */
@ExtendWith(RandomSeed.class)
class ReferenceExchangeTest {

    @Test
    void theEngineTradesSettlesAndEndsEveryOrderExactlyAsTheReferenceExchangeDoes(Seed seed) {
        RandomTrading.Plan plan = RandomTrading.Plan.of(seed, 100, 500);
        long trades = 0;
        for (int sequence = 0; sequence < plan.sequences(); sequence++) {
            trades += compare(plan, sequence);
        }
        assertThat(trades).as("trades compared in %s", plan).isGreaterThan(plan.sequences() * (long) plan.commands() / 50);
    }

    /** The engine's side of the comparison: its trades and the last state it told of each order. */
    private static final class Told implements EngineListener {
        final List<Recorder.Trade> trades = new ArrayList<>();
        final Map<Long, OrderView> orders = new HashMap<>();
        final TreeSet<Long> touched = new TreeSet<>();

        @Override
        public void commandStarted(long sequence, long timestamp, Command command) {
            trades.clear();
            touched.clear();
        }

        @Override
        public void orderChanged(OrderState o, OrderEvent event) {
            orders.put(o.id(), OrderView.of(o));
            touched.add(o.id());
        }

        @Override
        public void trade(long tradeId, Market market, long price, long quantity, OrderState maker, OrderState taker,
                          long makerFee, long takerFee, long buyerPaid, long sellerReceived) {
            trades.add(new Recorder.Trade(tradeId, market.symbol(), price, quantity, maker.id(), taker.id(), makerFee,
                    takerFee, buyerPaid, sellerReceived));
        }
    }

    private static long compare(RandomTrading.Plan plan, int sequence) {
        RandomTrading trading = new RandomTrading(plan.seedOf(sequence));
        Engine engine = new Engine(trading.config());
        Told told = new Told();
        engine.listener(told);
        ReferenceExchange reference = new ReferenceExchange(trading.config());
        List<RandomTrading.Step> opening = trading.opening();
        long trades = 0;
        int total = opening.size() + plan.commands();
        for (int index = 0; index < total; index++) {
            RandomTrading.Step step = index < opening.size() ? opening.get(index) : trading.next();
            Result result = engine.apply(step.sequence(), step.timestamp(), step.command());
            Result expected = reference.apply(step.timestamp(), step.command());
            trading.observe(step.command(), result);
            List<String> differences = new ArrayList<>();
            differ(differences, "result", result, expected);
            differ(differences, "trades", told.trades, reference.trades());
            TreeSet<Long> orders = new TreeSet<>(told.touched); // those that ended, and every live one
            orders.addAll(reference.touched());
            orders.addAll(reference.liveOrderIds());
            engine.orders.forEachValue(o -> orders.add(o.id));
            for (long id : orders) {
                differ(differences, "order " + id, view(engine, told, id), reference.view(id));
            }
            balances(differences, engine, reference, trading.accountIds());
            books(differences, engine, reference);
            if (!differences.isEmpty()) {
                fail(plan.where(sequence, index, step.command()) + "\n  " + String.join("\n  ", differences));
            }
            trades += told.trades.size();
        }
        for (long id : reference.orderIds()) {
            OrderView last = view(engine, told, id);
            if (!Objects.equals(last, reference.view(id))) {
                fail(plan.where(sequence, total, "the end") + ": order " + id + " engine " + last + ", reference "
                        + reference.view(id));
            }
        }
        return trades;
    }

    private static OrderView view(Engine engine, Told told, long id) {
        OrderState live = engine.order(id);
        return live != null ? OrderView.of(live) : told.orders.get(id);
    }

    private static void balances(List<String> differences, Engine engine, ReferenceExchange reference, List<Long> accounts) {
        for (long id : accounts) {
            var account = engine.account(id);
            for (Asset asset : engine.assets()) {
                long available = account == null ? 0 : account.available(asset.index());
                long held = account == null ? 0 : account.held(asset.index());
                differ(differences, "account " + id + " " + asset.code() + " available", available,
                        reference.available(id, asset.code()));
                differ(differences, "account " + id + " " + asset.code() + " held", held, reference.held(id, asset.code()));
            }
        }
    }

    private static void books(List<String> differences, Engine engine, ReferenceExchange reference) {
        for (String symbol : RandomTrading.marketSymbols()) {
            Market market = engine.market(symbol);
            if (market == null) {
                continue; // not listed yet
            }
            differ(differences, symbol + " last price", market.lastPrice(), reference.lastPrice(symbol));
            differ(differences, symbol + " bids", depth(market.book.bids()), reference.depth(symbol, Side.BUY));
            differ(differences, symbol + " asks", depth(market.book.asks()), reference.depth(symbol, Side.SELL));
        }
    }

    private static List<Level> depth(BookSide side) {
        List<Level> levels = new ArrayList<>();
        for (int i = 0; i < side.levelCount(); i++) {
            PriceLevel level = side.level(i);
            levels.add(new Level(level.price(), level.totalQuantity(), level.orderCount()));
        }
        return levels;
    }

    private static void differ(List<String> differences, String what, Object engine, Object reference) {
        if (!Objects.equals(engine, reference)) {
            differences.add(what + ":\n    engine    " + engine + "\n    reference " + reference);
        }
    }
}
