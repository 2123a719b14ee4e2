package org.bourse.marketdata;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.bourse.engine.MarketStatus;
import org.bourse.engine.Side;
import org.bourse.exchange.MarketSpec;
import org.junit.jupiter.api.Test;

/** The live figures' arithmetic: persisted history in front of replayed trades, and the 24 h window. */
class MarketStateTest {

    private static final long MINUTE = 60_000L;
    private static final long T0 = 1_700_000_040_000L; // a minute boundary
    private static final MarketSpec SPEC = new MarketSpec("X-USD", "X", "USD", 2, 2, 1, 1, 1, 0, 1000, 1000,
            1_000_000_00L, 1_000_000_00L, MarketStatus.TRADING);

    @Test
    void persistedHistoryGoesInFrontOfWhatWasReplayedIntoTheSameMinute() {
        MarketState state = new MarketState("X-USD");
        state.trade(11, 2, 120_00, 1_00, 120_00, Side.SELL, T0 + 30_000); // replayed after the projector's sequence

        Candle persisted = new Candle(T0, 100_00, 130_00, 100_00, 110_00, 2_00, 220_00, 2);
        Candle[] latest = new Candle[CandleInterval.values().length];
        latest[CandleInterval.M1.ordinal()] = persisted;
        state.seed(List.of(persisted), latest, List.of(new RecentTrade(1, 110_00, 1_00, Side.BUY, T0 + 1_000)), 11);

        Ticker ticker = state.ticker(SPEC, T0 + 40_000);
        assertThat(ticker.open24h()).isEqualTo("100.00");
        assertThat(ticker.high24h()).isEqualTo("130.00");
        assertThat(ticker.lastPrice()).isEqualTo("120.00");
        assertThat(ticker.volume24h()).isEqualTo("3.00");
        Candle minute = state.currentCandle(CandleInterval.M1, T0 + 40_000);
        assertThat(minute).isEqualTo(new Candle(T0, 100_00, 130_00, 100_00, 120_00, 3_00, 340_00, 3));
        assertThat(state.recentTrades(10)).extracting(RecentTrade::id).containsExactly(2L, 1L);
    }

    @Test
    void tradesLeaveTheTickerWhenTheyAreADayOld() {
        MarketState state = new MarketState("X-USD");
        state.trade(1, 1, 100_00, 1_00, 100_00, Side.BUY, T0);
        state.trade(2, 2, 150_00, 1_00, 150_00, Side.BUY, T0 + 10 * MINUTE);

        Ticker within = state.ticker(SPEC, T0 + 24 * 60 * MINUTE - 1);
        assertThat(within.open24h()).isEqualTo("100.00");
        assertThat(within.changePercent24h()).isEqualTo("50.00");

        Ticker later = state.ticker(SPEC, T0 + 24 * 60 * MINUTE);
        assertThat(later.open24h()).isEqualTo("150.00");
        assertThat(later.volume24h()).isEqualTo("1.00");

        Ticker quiet = state.ticker(SPEC, T0 + 48 * 60 * MINUTE);
        assertThat(quiet.open24h()).isNull();
        assertThat(quiet.lastPrice()).isEqualTo("150.00");
        assertThat(quiet.volume24h()).isEqualTo("0.00");
    }

    @Test
    void aQuietIntervalFormsAFlatCandleAtTheLastClose() {
        MarketState state = new MarketState("X-USD");
        state.trade(1, 1, 100_00, 1_00, 100_00, Side.BUY, T0);

        assertThat(state.currentCandle(CandleInterval.M5, T0 + 7 * MINUTE))
                .isEqualTo(Candle.empty(CandleInterval.M5.openTime(T0 + 7 * MINUTE), 100_00));
    }

    @Test
    void aTradeAfterATickerReadInTheSameMinuteIsCounted() {
        MarketState state = new MarketState("X-USD");
        state.trade(1, 1, 100_00, 1_00, 100_00, Side.BUY, T0 + 1_000);
        state.ticker(SPEC, T0 + 2_000);
        state.trade(2, 2, 90_00, 1_00, 90_00, Side.SELL, T0 + 3_000);

        Ticker ticker = state.ticker(SPEC, T0 + 4_000);

        assertThat(ticker.low24h()).isEqualTo("90.00");
        assertThat(ticker.volume24h()).isEqualTo("2.00");
        assertThat(ticker.quoteVolume24h()).isEqualTo("190.00");
        assertThat(ticker.sequence()).isEqualTo(2);
    }
}
