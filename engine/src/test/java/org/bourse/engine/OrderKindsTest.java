package org.bourse.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bourse.engine.Exchange.BTC;
import static org.bourse.engine.Exchange.BTC_USD;
import static org.bourse.engine.Exchange.LOT;
import static org.bourse.engine.Exchange.USD;

import org.bourse.engine.command.ExpirePendingOrders;
import org.bourse.engine.command.PlaceOrder;
import org.bourse.engine.command.SetMarketStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OrderKindsTest {

    private final Exchange x = new Exchange();
    private final long alice = x.user(1, 1_000_000 * USD, 10 * BTC);
    private final long bob = x.user(2, 1_000_000 * USD, 10 * BTC);
    private final long carol = x.user(3, 1_000_000 * USD, 10 * BTC);

    @AfterEach
    void invariantsHold() {
        StateReport report = x.engine.report();
        assertThat(report.healthy()).as(report.toString()).isTrue();
    }

    @Test
    void aMarketBuyTakesTheBestAsksUpToItsQuantity() {
        x.limit(bob, Side.SELL, 100 * USD, LOT * 10);
        x.limit(carol, Side.SELL, 101 * USD, LOT * 10);

        long buy = x.market(alice, Side.BUY, LOT * 15).orderId();

        assertThat(x.events.trades).extracting(Recorder.Trade::price).containsExactly(100 * USD, 101 * USD);
        assertThat(x.status(buy)).isEqualTo(OrderStatus.EXECUTED);
        assertThat(x.held(alice, "USD")).isZero();
    }

    @Test
    void marketBuyNeverTradesThroughTheProtectionPrice() {
        x.limit(bob, Side.SELL, 100 * USD, LOT * 10);
        x.limit(carol, Side.SELL, 106 * USD, LOT * 10); // more than 5 % above the quoted 100

        long buy = x.market(alice, Side.BUY, LOT * 20).orderId();

        assertThat(x.events.trades).singleElement().extracting(Recorder.Trade::price).isEqualTo(100 * USD);
        assertThat(x.events.lastChangeOf(buy)).satisfies(c -> {
            assertThat(c.status()).isEqualTo(OrderStatus.CANCELLED);
            assertThat(c.filled()).isEqualTo(LOT * 10);
            assertThat(c.reason()).isEqualTo(RejectReason.NO_LIQUIDITY);
        });
        assertThat(x.engine.order(buy)).isNull();
        assertThat(x.btcUsd().bestAsk()).isEqualTo(106 * USD);
    }

    @Test
    void aMarketOrderNeverTradesFurtherFromItsQuoteThanTheSlippageAllows() {
        // quoted at $100.01: 5 % either way is $105.0105 and $95.0095, and neither is a tick
        x.limit(bob, Side.SELL, 10_001, LOT);
        x.limit(bob, Side.SELL, 10_502, LOT); // 5.01 % above the quote
        long buy = x.market(alice, Side.BUY, LOT * 2).orderId();
        x.limit(bob, Side.BUY, 10_001, LOT);
        x.limit(bob, Side.BUY, 9_500, LOT);   // 5.01 % below the quote
        long sell = x.market(carol, Side.SELL, LOT * 2).orderId();

        assertThat(x.events.trades).extracting(Recorder.Trade::price).containsExactly(10_001L, 10_001L);
        assertThat(x.events.lastChangeOf(buy).filled()).isEqualTo(LOT);
        assertThat(x.events.lastChangeOf(sell).filled()).isEqualTo(LOT);
    }

    @Test
    void aMarketOrderWithNothingToPriceItFails() {
        long buy = x.market(alice, Side.BUY, LOT).orderId();

        assertThat(x.events.lastChangeOf(buy).status()).isEqualTo(OrderStatus.FAILED);
        assertThat(x.events.lastChangeOf(buy).reason()).isEqualTo(RejectReason.NO_LIQUIDITY);
        assertThat(x.held(alice, "USD")).isZero();
    }

    @Test
    void aMarketSellTakesTheBestBids() {
        x.limit(bob, Side.BUY, 100 * USD, LOT * 10);
        x.limit(carol, Side.BUY, 99 * USD, LOT * 10);

        long sell = x.market(alice, Side.SELL, LOT * 20).orderId();

        assertThat(x.events.trades).extracting(Recorder.Trade::price).containsExactly(100 * USD, 99 * USD);
        assertThat(x.status(sell)).isEqualTo(OrderStatus.EXECUTED);
    }

    @Test
    void aMarketBuyWithFewerFundsThanItsProtectionBuysWhatItCanPayFor() {
        long modest = x.user(7, 1_500 * USD, 0);
        x.limit(bob, Side.SELL, 100 * USD, BTC / 10);  // $10 for 0.1 BTC would be $1000... at $100/BTC: $10

        // quoted at $100: 10 BTC costs $1000 + $1 fee, which the user has; the protection hold would be $1051
        long buy = x.market(modest, Side.BUY, 10 * BTC).orderId();

        assertThat(x.events.trades).singleElement().extracting(Recorder.Trade::quantity).isEqualTo(BTC / 10);
        assertThat(x.status(buy)).isEqualTo(OrderStatus.CANCELLED);
        assertThat(x.held(modest, "USD")).isZero();
        assertThat(x.available(modest, "USD")).isEqualTo(1_500 * USD - 10 * USD - 1);
    }

    @Test
    void aMarketBuyByQuoteAmountSpendsAtMostThatAmountFeesIncluded() {
        x.limit(bob, Side.SELL, 100 * USD, BTC);
        long budget = 50 * USD;

        long buy = x.apply(new PlaceOrder(alice, null, BTC_USD, Side.BUY, OrderKind.MARKET, null, false, 0, 0, 0,
                budget, true, null)).orderId();

        long spent = 1_000_000 * USD - x.available(alice, "USD");
        assertThat(spent).isLessThanOrEqualTo(budget).isGreaterThan(budget - 2 * USD / 100 * 100);
        assertThat(x.events.lastChangeOf(buy).status()).isEqualTo(OrderStatus.EXECUTED);
        // $50 buys 0.4995 BTC-ish at $100 with 0.1 % fee: rounded down to the lot
        assertThat(x.events.trades.getFirst().quantity()).isEqualTo(49_950_000L);
    }

    @Test
    void aBuyStopTriggersWhenTheLastTradeReachesItsStopPrice() {
        long stop = x.place(alice, Side.BUY, OrderKind.STOP_LIMIT, null, 111 * USD, 110 * USD, LOT * 5).orderId();
        assertThat(x.status(stop)).isEqualTo(OrderStatus.OPEN);
        assertThat(x.held(alice, "USD")).isEqualTo(OrderExecution.limitHold(x.btcUsd(), 111 * USD, LOT * 5));

        x.limit(bob, Side.SELL, 109 * USD, LOT);
        x.limit(carol, Side.BUY, 109 * USD, LOT); // last 109: not yet
        assertThat(x.events.changesOf(stop)).extracting(Recorder.Change::event).doesNotContain(OrderEvent.TRIGGERED);

        x.limit(bob, Side.SELL, 110 * USD, LOT * 10);
        x.limit(carol, Side.BUY, 110 * USD, LOT); // last 110: fires, and the stop buys the rest at 110

        assertThat(x.events.changesOf(stop)).extracting(Recorder.Change::event).contains(OrderEvent.TRIGGERED);
        assertThat(x.status(stop)).isEqualTo(OrderStatus.EXECUTED);
        assertThat(x.events.trades.getLast().takerOrder()).isEqualTo(stop);
    }

    @Test
    void aSellStopMarketFiresOnAFallAndCascadesIntoFurtherStops() {
        x.limit(bob, Side.BUY, 100 * USD, LOT);
        x.limit(bob, Side.BUY, 95 * USD, LOT);
        x.limit(bob, Side.BUY, 94 * USD, LOT);
        long first = x.place(alice, Side.SELL, OrderKind.STOP_MARKET, null, 0, 99 * USD, LOT).orderId();
        long second = x.place(carol, Side.SELL, OrderKind.STOP_MARKET, null, 0, 95 * USD, LOT).orderId();

        x.market(carol, Side.SELL, LOT); // trades at 100? no: 100 > 99, nothing fires yet
        assertThat(x.engine.order(first).status()).isEqualTo(OrderStatus.OPEN);
        x.limit(carol, Side.SELL, 99 * USD, LOT); // no bid at 99; rests
        x.limit(bob, Side.BUY, 99 * USD, LOT);    // trades at 99: first fires, sells to the 95 bid, which fires second

        assertThat(x.status(first)).isEqualTo(OrderStatus.EXECUTED);
        assertThat(x.status(second)).isEqualTo(OrderStatus.EXECUTED);
        assertThat(x.events.trades).extracting(Recorder.Trade::price).containsExactly(100 * USD, 99 * USD, 95 * USD, 94 * USD);
    }

    @Test
    void aStopMarketFiredDuringASweepIsBoundedAroundThePriceThatFiredIt() {
        x.limit(bob, Side.BUY, 101 * USD, LOT);
        x.limit(carol, Side.SELL, 101 * USD, LOT); // last 101
        x.limit(bob, Side.BUY, 100 * USD, LOT);
        x.limit(bob, Side.BUY, 97 * USD, LOT);
        x.limit(bob, Side.BUY, 94 * USD, LOT);
        long stop = x.place(alice, Side.SELL, OrderKind.STOP_MARKET, null, 0, 100 * USD, LOT).orderId();

        x.limit(carol, Side.SELL, 97 * USD, LOT * 2); // trades at 100, which fires the stop, then at 97

        // 5 % below the $100 that fired it is $95: the $94 bid is beyond that, though within 5 % of the last $97
        assertThat(x.events.lastChangeOf(stop)).satisfies(c -> {
            assertThat(c.status()).isEqualTo(OrderStatus.FAILED);
            assertThat(c.reason()).isEqualTo(RejectReason.NO_LIQUIDITY);
        });
        assertThat(x.events.trades).extracting(Recorder.Trade::price).containsExactly(101 * USD, 100 * USD, 97 * USD);
        assertThat(x.btcUsd().bestBid()).isEqualTo(94 * USD);
    }

    @Test
    void aStopWhoseTriggerIsAlreadyReachedExecutesAtOnce() {
        x.limit(bob, Side.SELL, 100 * USD, LOT * 2);
        x.limit(carol, Side.BUY, 100 * USD, LOT);

        long stop = x.place(alice, Side.BUY, OrderKind.STOP_MARKET, null, 0, 90 * USD, LOT).orderId();

        assertThat(x.status(stop)).isEqualTo(OrderStatus.EXECUTED);
    }

    @Test
    void cancellingAWaitingStopReleasesItsHold() {
        long stop = x.place(alice, Side.SELL, OrderKind.STOP_LIMIT, null, 90 * USD, 95 * USD, LOT * 7).orderId();
        assertThat(x.held(alice, "BTC")).isEqualTo(LOT * 7);

        x.cancel(alice, stop);

        assertThat(x.held(alice, "BTC")).isZero();
        assertThat(x.status(stop)).isEqualTo(OrderStatus.CANCELLED);
    }

    @Test
    void aPendingOrderHoldsNothingUntilExecutedAndExecutesOnce() {
        long order = x.apply(new PlaceOrder(alice, null, BTC_USD, Side.BUY, OrderKind.LIMIT, null, false, 100 * USD, 0,
                LOT * 10, 0, false, null)).orderId();
        assertThat(x.status(order)).isEqualTo(OrderStatus.PENDING);
        assertThat(x.held(alice, "USD")).isZero();

        assertThat(x.execute(bob, order).rejection()).isEqualTo(RejectReason.ORDER_NOT_FOUND);
        assertThat(x.execute(alice, order).accepted()).isTrue();
        assertThat(x.status(order)).isEqualTo(OrderStatus.OPEN);
        assertThat(x.held(alice, "USD")).isPositive();
        assertThat(x.execute(alice, order).rejection()).isEqualTo(RejectReason.ORDER_NOT_PENDING);
    }

    @Test
    void aPendingOrderWhoseFundsWentElsewhereFailsOnExecution() {
        long poor = x.user(8, 20 * USD, 0);
        // $10 plus a one-cent fee each: the user can afford one of the two
        long order = x.apply(new PlaceOrder(poor, null, BTC_USD, Side.BUY, OrderKind.LIMIT, null, false, 100 * USD, 0,
                BTC / 10, 0, false, null)).orderId();
        x.limit(poor, Side.BUY, 100 * USD, BTC / 10);

        x.execute(poor, order);

        assertThat(x.events.lastChangeOf(order).status()).isEqualTo(OrderStatus.FAILED);
        assertThat(x.events.lastChangeOf(order).reason()).isEqualTo(RejectReason.INSUFFICIENT_FUNDS);
    }

    @Test
    void pendingOrdersExpireAfterTheirTime() {
        long old = x.apply(new PlaceOrder(alice, null, BTC_USD, Side.BUY, OrderKind.LIMIT, null, false, 100 * USD, 0,
                LOT, 0, false, null)).orderId();
        long cutoff = x.clock;
        long young = x.apply(new PlaceOrder(alice, null, BTC_USD, Side.BUY, OrderKind.LIMIT, null, false, 100 * USD, 0,
                LOT, 0, false, null)).orderId();

        x.apply(new ExpirePendingOrders(cutoff, null));

        assertThat(x.events.lastChangeOf(old).reason()).isEqualTo(RejectReason.EXPIRED);
        assertThat(x.status(old)).isEqualTo(OrderStatus.CANCELLED);
        assertThat(x.status(young)).isEqualTo(OrderStatus.PENDING);
    }

    @Test
    void resendingAClientOrderIdReturnsTheFirstOrder() {
        PlaceOrder place = new PlaceOrder(alice, "my-1", BTC_USD, Side.BUY, OrderKind.LIMIT, null, false, 100 * USD, 0,
                LOT, 0, true, null);
        Result first = x.apply(place);
        Result again = x.apply(place);

        assertThat(again.replayed()).isTrue();
        assertThat(again.orderId()).isEqualTo(first.orderId());
        assertThat(x.engine.liveOrderCount()).isEqualTo(1);
        // another user's id space is separate
        assertThat(x.apply(new PlaceOrder(bob, "my-1", BTC_USD, Side.BUY, OrderKind.LIMIT, null, false, 100 * USD, 0,
                LOT, 0, true, null)).orderId()).isNotEqualTo(first.orderId());
    }

    @Test
    void aHaltedMarketFailsNewOrdersButAcceptsCancels() {
        long resting = x.limit(alice, Side.BUY, 100 * USD, LOT).orderId();
        x.apply(new SetMarketStatus(BTC_USD, MarketStatus.HALTED, null));

        long refused = x.limit(bob, Side.SELL, 100 * USD, LOT).orderId();

        assertThat(x.events.lastChangeOf(refused).status()).isEqualTo(OrderStatus.FAILED);
        assertThat(x.events.lastChangeOf(refused).reason()).isEqualTo(RejectReason.MARKET_HALTED);
        assertThat(x.events.trades).isEmpty();
        assertThat(x.cancel(alice, resting).accepted()).isTrue();

        x.apply(new SetMarketStatus(BTC_USD, MarketStatus.TRADING, null));
        assertThat(x.status(x.limit(bob, Side.SELL, 100 * USD, LOT).orderId())).isEqualTo(OrderStatus.OPEN);
    }
}
