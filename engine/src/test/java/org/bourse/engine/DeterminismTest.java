package org.bourse.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.bourse.engine.Exchange.BTC;
import static org.bourse.engine.Exchange.LOT;
import static org.bourse.engine.Exchange.USD;

import java.util.ArrayList;
import java.util.List;

import org.bourse.engine.command.Command;
import org.bourse.engine.testsupport.RandomSeed;
import org.bourse.engine.testsupport.Seed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RandomSeed.class)
class DeterminismTest {

    private static Exchange script() {
        Exchange x = new Exchange();
        x.user(1, 100_000 * USD, BTC);
        x.user(2, 100_000 * USD, BTC);
        x.limit(1, Side.SELL, 100 * USD, LOT * 10);
        x.limit(2, Side.BUY, 101 * USD, LOT * 4);
        x.place(2, Side.BUY, OrderKind.STOP_LIMIT, null, 105 * USD, 104 * USD, LOT);
        return x;
    }

    @Test
    void theSameCommandsGiveTheSameStateHash() {
        assertThat(script().engine.stateHash()).isEqualTo(script().engine.stateHash());
    }

    @Test
    void anyDifferenceChangesTheStateHash() {
        Exchange other = script();
        other.limit(1, Side.SELL, 200 * USD, LOT);
        assertThat(other.engine.stateHash()).isNotEqualTo(script().engine.stateHash());
    }

    @Test
    void replayingAJournalIntoAFreshEngineGivesTheSameStateAndTheSameEventsByteForByte(Seed seed) {
        RandomTrading.Plan plan = RandomTrading.Plan.of(seed, 5, 2_000);
        for (int sequence = 0; sequence < plan.sequences(); sequence++) {
            RandomTrading trading = new RandomTrading(plan.seedOf(sequence));
            Engine original = new Engine(trading.config());
            EventLog originalEvents = new EventLog();
            original.listener(originalEvents);
            List<RandomTrading.Step> journal = new ArrayList<>(trading.opening());
            List<Long> originalHashes = new ArrayList<>();
            for (RandomTrading.Step step : journal) {
                original.apply(step.sequence(), step.timestamp(), step.command());
                originalHashes.add(original.stateHash());
            }
            for (int i = 0; i < plan.commands(); i++) {
                RandomTrading.Step step = trading.next();
                trading.observe(step.command(), original.apply(step.sequence(), step.timestamp(), step.command()));
                originalHashes.add(original.stateHash());
                journal.add(step);
            }

            Engine replayed = new Engine(trading.config());
            EventLog replayedEvents = new EventLog();
            replayed.listener(replayedEvents);
            for (int i = 0; i < journal.size(); i++) {
                RandomTrading.Step step = journal.get(i);
                replayed.apply(step.sequence(), step.timestamp(), step.command());
                if (replayed.stateHash() != originalHashes.get(i)) {
                    fail(plan.where(sequence, i, step.command()) + ": the replayed engine's state differs from here on");
                }
            }

            assertThat(originalEvents.lines.size()).as("events of %s", plan).isGreaterThan(plan.commands());
            for (int i = 0; i < Math.min(originalEvents.lines.size(), replayedEvents.lines.size()); i++) {
                if (!originalEvents.lines.get(i).equals(replayedEvents.lines.get(i))) {
                    fail(plan.where(sequence, -1, "event " + i) + "\n  original " + originalEvents.lines.get(i)
                            + "\n  replayed " + replayedEvents.lines.get(i));
                }
            }
            assertThat(replayedEvents.lines.size()).as("events replayed").isEqualTo(originalEvents.lines.size());
        }
    }

    /** Every event the engine tells, with everything it tells, as one line of text. */
    private static final class EventLog implements EngineListener {
        final List<String> lines = new ArrayList<>();

        private void add(Object... parts) {
            StringBuilder line = new StringBuilder();
            for (Object part : parts) {
                line.append(part).append('|');
            }
            lines.add(line.toString());
        }

        private static String market(Market m) {
            return m.symbol() + "/" + m.status() + "/" + m.lastPrice() + "/" + m.bookSequence();
        }

        private static String order(OrderState o) {
            return o.id() + "/" + o.userId() + "/" + o.market().symbol() + "/" + o.side() + "/" + o.kind() + "/"
                    + o.timeInForce() + "/" + o.postOnly() + "/" + o.price() + "/" + o.stopPrice() + "/" + o.quotedPrice()
                    + "/" + o.quantity() + "/" + o.quoteBudget() + "/" + o.filledQuantity() + "/" + o.filledNotional()
                    + "/" + o.settled() + "/" + o.fees() + "/" + o.held() + "/" + o.status() + "/" + o.reason() + "/"
                    + o.clientOrderId() + "/" + o.traceId() + "/" + o.createdAt() + "/" + o.updatedAt();
        }

        @Override
        public void commandStarted(long sequence, long timestamp, Command command) {
            add("started", sequence, timestamp, command);
        }

        @Override
        public void commandCompleted(long sequence, Command command, Result result) {
            add("completed", sequence, command, result);
        }

        @Override
        public void assetDefined(Asset asset) {
            add("asset", asset);
        }

        @Override
        public void marketChanged(Market market) {
            add("market", market(market));
        }

        @Override
        public void orderChanged(OrderState order, OrderEvent event) {
            add("order", event, order(order));
        }

        @Override
        public void orderRejected(long userId, String clientOrderId, String market, RejectReason reason) {
            add("rejected", userId, clientOrderId, market, reason);
        }

        @Override
        public void trade(long tradeId, Market market, long price, long quantity, OrderState maker, OrderState taker,
                          long makerFee, long takerFee, long buyerPaid, long sellerReceived) {
            add("trade", tradeId, market(market), price, quantity, order(maker), order(taker), makerFee, takerFee,
                    buyerPaid, sellerReceived);
        }

        @Override
        public void ledger(long entryId, long accountId, Asset asset, long amount, long balanceAfter, LedgerType type,
                           long orderId, long tradeId, String transactionId, String traceId) {
            add("ledger", entryId, accountId, asset, amount, balanceAfter, type, orderId, tradeId, transactionId, traceId);
        }

        @Override
        public void balanceChanged(long accountId, Asset asset, long available, long held) {
            add("balance", accountId, asset, available, held);
        }

        @Override
        public void levelChanged(Market market, Side side, long price, long quantity, int orderCount, long bookSequence) {
            add("level", market(market), side, price, quantity, orderCount, bookSequence);
        }

        @Override
        public void transactionCompleted(LedgerType type, String transactionId, long fromAccount, long toAccount,
                                         Asset asset, long amount, String memo) {
            add("transaction", type, transactionId, fromAccount, toAccount, asset, amount, memo);
        }
    }
}
