package org.bourse.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bourse.engine.Exchange.BTC;
import static org.bourse.engine.Exchange.LOT;
import static org.bourse.engine.Exchange.USD;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import java.util.stream.Stream;

import org.bourse.engine.account.Accounts;
import org.bourse.engine.command.PlaceOrder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MatchingTest {

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
    void crossingLimitOrdersTradeAtTheRestingPriceWithFeesOnBothSides() {
        long sell = x.limit(bob, Side.SELL, 100_000 * USD, BTC / 2).orderId();
        long buy = x.limit(alice, Side.BUY, 100_100 * USD, BTC / 2).orderId();

        assertThat(x.events.trades).singleElement().satisfies(t -> {
            assertThat(t.price()).isEqualTo(100_000 * USD); // the resting order's price, not the taker's
            assertThat(t.quantity()).isEqualTo(BTC / 2);
            assertThat(t.makerOrder()).isEqualTo(sell);
            assertThat(t.takerOrder()).isEqualTo(buy);
            assertThat(t.buyerPaid()).isEqualTo(50_000 * USD);
            assertThat(t.makerFee()).isEqualTo(50 * USD);
            assertThat(t.takerFee()).isEqualTo(50 * USD);
        });
        // buyer pays value + fee; the better price's unused hold is released
        assertThat(x.available(alice, "USD")).isEqualTo(1_000_000 * USD - 50_050 * USD);
        assertThat(x.held(alice, "USD")).isZero();
        assertThat(x.available(alice, "BTC")).isEqualTo(10 * BTC + BTC / 2);
        // seller receives value - fee
        assertThat(x.available(bob, "USD")).isEqualTo(1_000_000 * USD + 49_950 * USD);
        assertThat(x.available(bob, "BTC")).isEqualTo(10 * BTC - BTC / 2);
        assertThat(x.available(Accounts.FEE_ACCOUNT, "USD")).isEqualTo(100 * USD);
        assertThat(x.status(sell)).isEqualTo(OrderStatus.EXECUTED);
        assertThat(x.status(buy)).isEqualTo(OrderStatus.EXECUTED);
    }

    @Test
    void everyFillsLedgerLinesSumToZeroPerAssetAndCarryTheTrace() {
        x.limit(bob, Side.SELL, 100_000 * USD, BTC / 2);
        x.limit(alice, Side.BUY, 100_000 * USD, BTC / 4);

        var lines = x.events.commandLines;
        assertThat(lines).isNotEmpty();
        assertThat(lines.stream().filter(l -> l.asset().equals("USD")).mapToLong(Recorder.Line::amount).sum()).isZero();
        assertThat(lines.stream().filter(l -> l.asset().equals("BTC")).mapToLong(Recorder.Line::amount).sum()).isZero();
        assertThat(lines).allSatisfy(l -> {
            assertThat(l.traceId()).startsWith("trace-");
            assertThat(l.tradeId()).isEqualTo(1);
        });
        assertThat(lines).filteredOn(l -> l.account() == alice && l.type() == LedgerType.FEE)
                .singleElement().extracting(Recorder.Line::amount).isEqualTo(-25 * USD);
    }

    @Test
    void aBuyHoldsValuePlusTheLargestFeeAndASellHoldsItsQuantity() {
        x.limit(alice, Side.BUY, 50_000 * USD, BTC);
        x.limit(bob, Side.SELL, 60_000 * USD, 2 * BTC);

        assertThat(x.held(alice, "USD")).isEqualTo(50_050 * USD);
        assertThat(x.available(alice, "USD")).isEqualTo(1_000_000 * USD - 50_050 * USD);
        assertThat(x.held(bob, "BTC")).isEqualTo(2 * BTC);
    }

    @Test
    void cancelReleasesTheRemainingHold() {
        x.limit(bob, Side.SELL, 100_000 * USD, BTC / 4);
        long buy = x.limit(alice, Side.BUY, 100_000 * USD, BTC).orderId();
        assertThat(x.status(buy)).isEqualTo(OrderStatus.PARTIALLY_FILLED);
        long paid = 25_000 * USD + 25 * USD;
        assertThat(x.held(alice, "USD")).isEqualTo(100_100 * USD - paid);

        Result cancelled = x.cancel(alice, buy);

        assertThat(cancelled.accepted()).isTrue();
        assertThat(x.held(alice, "USD")).isZero();
        assertThat(x.available(alice, "USD")).isEqualTo(1_000_000 * USD - paid);
        assertThat(x.events.lastChangeOf(buy)).satisfies(c -> {
            assertThat(c.status()).isEqualTo(OrderStatus.CANCELLED);
            assertThat(c.filled()).isEqualTo(BTC / 4);
            assertThat(c.reason()).isEqualTo(RejectReason.USER_CANCELLED);
        });
        assertThat(x.btcUsd().bestBid()).isZero();
    }

    @Test
    void anotherUsersOrderCannotBeCancelledAndLooksUnknown() {
        long buy = x.limit(alice, Side.BUY, 100 * USD, BTC).orderId();

        assertThat(x.cancel(bob, buy).rejection()).isEqualTo(RejectReason.ORDER_NOT_FOUND);
        assertThat(x.cancel(alice, 999).rejection()).isEqualTo(RejectReason.ORDER_NOT_FOUND);
        assertThat(x.engine.order(buy).status()).isEqualTo(OrderStatus.OPEN);
    }

    @Test
    void ordersAtOnePriceFillOldestFirstAndBetterPricesFirst() {
        long first = x.limit(bob, Side.SELL, 101 * USD, LOT * 10).orderId();
        long second = x.limit(carol, Side.SELL, 101 * USD, LOT * 10).orderId();
        long better = x.limit(carol, Side.SELL, 100 * USD, LOT * 10).orderId();

        x.limit(alice, Side.BUY, 101 * USD, LOT * 25);

        assertThat(x.events.trades).extracting(Recorder.Trade::makerOrder).containsExactly(better, first, second);
        assertThat(x.events.trades).extracting(Recorder.Trade::quantity).containsExactly(LOT * 10, LOT * 10, LOT * 5);
        assertThat(x.status(second)).isEqualTo(OrderStatus.PARTIALLY_FILLED);
        assertThat(x.btcUsd().book.asks().best().totalQuantity()).isEqualTo(LOT * 5);
    }

    @Test
    void anUnfilledGtcRemainderRestsInTheBook() {
        x.limit(bob, Side.SELL, 100 * USD, LOT * 10);
        long buy = x.limit(alice, Side.BUY, 100 * USD, LOT * 30).orderId();

        assertThat(x.status(buy)).isEqualTo(OrderStatus.PARTIALLY_FILLED);
        assertThat(x.btcUsd().bestBid()).isEqualTo(100 * USD);
        assertThat(x.btcUsd().book.bids().best().totalQuantity()).isEqualTo(LOT * 20);
        assertThat(x.btcUsd().book.isCrossed()).isFalse();
    }

    @Test
    void iocCancelsWhatItCannotFillAtOnce() {
        x.limit(bob, Side.SELL, 100 * USD, LOT * 10);
        long ioc = x.place(alice, Side.BUY, OrderKind.LIMIT, TimeInForce.IOC, 100 * USD, 0, LOT * 30).orderId();

        assertThat(x.events.lastChangeOf(ioc)).satisfies(c -> {
            assertThat(c.status()).isEqualTo(OrderStatus.CANCELLED);
            assertThat(c.filled()).isEqualTo(LOT * 10);
            assertThat(c.reason()).isEqualTo(RejectReason.TIME_IN_FORCE);
        });
        assertThat(x.btcUsd().bestBid()).isZero();
        assertThat(x.held(alice, "USD")).isZero();
    }

    @Test
    void fokTradesNothingUnlessItCanFillEntirely() {
        long resting = x.limit(bob, Side.SELL, 100 * USD, LOT * 10).orderId();
        long fok = x.place(alice, Side.BUY, OrderKind.LIMIT, TimeInForce.FOK, 100 * USD, 0, LOT * 11).orderId();

        assertThat(x.events.trades).isEmpty();
        assertThat(x.status(fok)).isEqualTo(OrderStatus.CANCELLED);
        assertThat(x.engine.order(resting).filledQuantity()).isZero();

        long enough = x.place(alice, Side.BUY, OrderKind.LIMIT, TimeInForce.FOK, 100 * USD, 0, LOT * 10).orderId();
        assertThat(x.status(enough)).isEqualTo(OrderStatus.EXECUTED);
    }

    @Test
    void postOnlyFailsInsteadOfTakingLiquidity() {
        x.limit(bob, Side.SELL, 100 * USD, LOT * 10);
        long taking = x.apply(new PlaceOrder(alice, null, Exchange.BTC_USD, Side.BUY,
                OrderKind.LIMIT, null, true, 100 * USD, 0, LOT, 0, true, null)).orderId();
        long making = x.apply(new PlaceOrder(alice, null, Exchange.BTC_USD, Side.BUY,
                OrderKind.LIMIT, null, true, 99 * USD, 0, LOT, 0, true, null)).orderId();

        assertThat(x.events.lastChangeOf(taking)).satisfies(c -> {
            assertThat(c.status()).isEqualTo(OrderStatus.FAILED);
            assertThat(c.reason()).isEqualTo(RejectReason.POST_ONLY_WOULD_TAKE);
        });
        assertThat(x.status(making)).isEqualTo(OrderStatus.OPEN);
        assertThat(x.events.trades).isEmpty();
        assertThat(x.held(alice, "USD")).isEqualTo(OrderExecution.limitHold(x.btcUsd(), 99 * USD, LOT));
    }

    @Test
    void selfTradePreventionCancelsTheIncomingRemainder() {
        x.limit(bob, Side.SELL, 100 * USD, LOT * 10);
        long own = x.limit(alice, Side.SELL, 101 * USD, LOT * 10).orderId();
        long buy = x.limit(alice, Side.BUY, 102 * USD, LOT * 30).orderId();

        assertThat(x.events.trades).singleElement().extracting(Recorder.Trade::quantity).isEqualTo(LOT * 10);
        assertThat(x.events.lastChangeOf(buy)).satisfies(c -> {
            assertThat(c.status()).isEqualTo(OrderStatus.CANCELLED);
            assertThat(c.reason()).isEqualTo(RejectReason.SELF_TRADE_PREVENTED);
        });
        assertThat(x.engine.order(own).status()).isEqualTo(OrderStatus.OPEN);
        assertThat(x.held(alice, "USD")).isZero();
    }

    @Test
    void selfTradeWithNothingFilledFailsTheOrder() {
        x.limit(alice, Side.SELL, 100 * USD, LOT * 10);
        long buy = x.limit(alice, Side.BUY, 100 * USD, LOT).orderId();

        assertThat(x.events.lastChangeOf(buy).status()).isEqualTo(OrderStatus.FAILED);
        assertThat(x.events.lastChangeOf(buy).reason()).isEqualTo(RejectReason.SELF_TRADE_PREVENTED);
    }

    @Test
    void aBuyThatCannotBePaidForIsRefusedWithoutCreatingAnything() {
        long poor = x.user(9, 10 * USD, 0);
        Result result = x.limit(poor, Side.BUY, 100 * USD, BTC);

        assertThat(result.rejection()).isEqualTo(RejectReason.INSUFFICIENT_FUNDS);
        assertThat(x.engine.liveOrderCount()).isZero();
        assertThat(x.available(poor, "USD")).isEqualTo(10 * USD);
        assertThat(x.limit(poor, Side.SELL, 100 * USD, LOT).rejection()).isEqualTo(RejectReason.INSUFFICIENT_FUNDS);
    }

    /** Orders of user 1 (alice) on BTC-USD that the market's rules refuse, each with the reason it is refused for. */
    static Stream<Arguments> ordersThatBreakTheMarketsRules() {
        return Stream.of(
                argumentSet("quantity off the lot", order(Side.BUY, OrderKind.LIMIT, null, 100 * USD, 0, LOT + 1),
                        RejectReason.INVALID_QUANTITY),
                argumentSet("zero quantity", order(Side.BUY, OrderKind.LIMIT, null, 100 * USD, 0, 0),
                        RejectReason.INVALID_QUANTITY),
                argumentSet("quantity beyond the market's maximum",
                        order(Side.BUY, OrderKind.LIMIT, null, 100 * USD, 0, Long.MAX_VALUE - Long.MAX_VALUE % LOT),
                        RejectReason.INVALID_QUANTITY),
                argumentSet("zero price", order(Side.BUY, OrderKind.LIMIT, null, 0, 0, LOT), RejectReason.INVALID_PRICE),
                argumentSet("negative price", order(Side.BUY, OrderKind.LIMIT, null, -5, 0, LOT),
                        RejectReason.INVALID_PRICE),
                argumentSet("price beyond the market's maximum", order(Side.BUY, OrderKind.LIMIT, null, Long.MAX_VALUE, 0, LOT),
                        RejectReason.INVALID_PRICE),
                argumentSet("stop-limit without a stop price",
                        order(Side.BUY, OrderKind.STOP_LIMIT, null, 100 * USD, 0, LOT), RejectReason.INVALID_STOP_PRICE),
                argumentSet("market order good till cancelled", order(Side.BUY, OrderKind.MARKET, TimeInForce.GTC, 0, 0, LOT),
                        RejectReason.INVALID_ORDER),
                argumentSet("unknown market", new PlaceOrder(1, null, "NOPE-USD", Side.BUY, OrderKind.LIMIT, null, false, 1, 0,
                        LOT, 0, true, null), RejectReason.MARKET_NOT_FOUND));
    }

    @ParameterizedTest
    @MethodSource("ordersThatBreakTheMarketsRules")
    void anOrderThatBreaksTheMarketsRulesIsRefusedWithItsReasonAndCreatesNothing(PlaceOrder order, RejectReason reason) {
        long available = x.available(alice, "USD");

        assertThat(x.apply(order).rejection()).isEqualTo(reason);
        assertThat(x.events.rejections).containsExactly(reason);
        assertThat(x.engine.liveOrderCount()).isZero();
        assertThat(x.events.changes).as("no order came to be").isEmpty();
        assertThat(x.available(alice, "USD")).isEqualTo(available);
    }

    private static PlaceOrder order(Side side, OrderKind kind, TimeInForce timeInForce, long price, long stop, long quantity) {
        return new PlaceOrder(1, null, Exchange.BTC_USD, side, kind, timeInForce, false, price, stop, quantity, 0, true, null);
    }

    @Test
    void fractionalValuesRoundInTheExchangesFavourAndAccumulateAcrossFills() {
        // 0.00001 BTC at $123.45 is worth 0.12345 cents
        x.limit(bob, Side.SELL, 12_345, LOT);
        x.limit(carol, Side.SELL, 12_345, LOT);
        x.limit(bob, Side.SELL, 12_345, LOT);
        long usdBefore = x.available(alice, "USD");

        x.limit(alice, Side.BUY, 12_345, LOT * 3);

        // three fills worth 0.37035 cents in all: charged 1 cent once (not per fill) plus a 1 cent fee
        assertThat(usdBefore - x.available(alice, "USD")).isEqualTo(2);
        assertThat(x.events.trades).extracting(Recorder.Trade::sellerReceived).containsOnly(0L);
        assertThat(x.available(Accounts.FEE_ACCOUNT, "USD")).isEqualTo(2);
    }

    @Test
    void aBuyNeverPaysMoreThanItHeldHoweverManyFillsRoundUp() {
        for (int i = 0; i < 50; i++) {
            x.limit(i % 2 == 0 ? bob : carol, Side.SELL, 9_999, LOT);
        }
        long hold = OrderExecution.limitHold(x.btcUsd(), 9_999, LOT * 50);
        long before = x.available(alice, "USD");

        x.limit(alice, Side.BUY, 9_999, LOT * 50);

        assertThat(x.events.trades).hasSize(50);
        assertThat(before - x.available(alice, "USD")).isLessThanOrEqualTo(hold);
        assertThat(x.held(alice, "USD")).isZero();
    }

    @Test
    void bookLevelChangesCarryTheAggregateAndARisingSequence() {
        x.limit(bob, Side.SELL, 100 * USD, LOT * 10);
        x.limit(carol, Side.SELL, 100 * USD, LOT * 5);
        x.limit(alice, Side.BUY, 100 * USD, LOT * 12);

        assertThat(x.events.levels).extracting(Recorder.Level::quantity).containsExactly(LOT * 10, LOT * 15, LOT * 5, LOT * 3);
        assertThat(x.events.levels).extracting(Recorder.Level::sequence).containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    void depthAggregatesLevelsBestFirstAtTheSequenceOfTheLastLevelChange() {
        x.limit(alice, Side.BUY, 99_000 * USD, BTC / 4);
        x.limit(bob, Side.BUY, 99_000 * USD, BTC / 4);
        x.limit(carol, Side.BUY, 98_000 * USD, BTC);
        x.limit(bob, Side.SELL, 101_000 * USD, BTC / 2);
        x.limit(carol, Side.SELL, 102_000 * USD, BTC);

        Depth depth = x.btcUsd().depth(1);

        assertThat(depth.bookSequence()).isEqualTo(x.events.levels.getLast().sequence());
        assertThat(depth.bids().prices()).containsExactly(99_000 * USD);
        assertThat(depth.bids().quantities()).containsExactly(BTC / 2);
        assertThat(depth.bids().orderCounts()).containsExactly(2);
        assertThat(depth.asks().prices()).containsExactly(101_000 * USD);
        assertThat(x.btcUsd().depth(10).bids().prices()).containsExactly(99_000 * USD, 98_000 * USD);
    }
}
