package org.bourse.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;

import org.bourse.engine.MarketStatus;
import org.bourse.engine.Money;
import org.bourse.engine.Side;
import org.bourse.engine.testsupport.RandomSeed;
import org.bourse.engine.testsupport.Seed;
import org.bourse.exchange.MarketSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The maker's ladder on the listed markets' rules: every quote is an order the engine would accept. */
@ExtendWith(RandomSeed.class)
class LadderTest {

    // as MarketListing.initial() lists them: BTC-USD and VIB-BRL (a coarse tick for its price)
    private static final MarketSpec BTC_USD = new MarketSpec("BTC-USD", "BTC", "USD", 8, 2, 1, 1_000, 1_000, 100,
            1_000, 1_000, 1_000_000_000, 1_000_000_000_000L, MarketStatus.TRADING);
    private static final MarketSpec VIB_BRL = new MarketSpec("VIB-BRL", "VIB", "BRL", 8, 2, 1, 1_000_000, 1_000_000,
            100, 1_000, 1_000, 1_000_000_000, 1_000_000_000_000_000L, MarketStatus.TRADING);

    @Test
    void everyQuoteRespectsTickLotMinimumsAndSitsOnItsSideOfTheReference(Seed seed) {
        SplittableRandom random = seed.random();
        for (MarketSpec market : List.of(BTC_USD, VIB_BRL)) {
            for (int run = 0; run < 2_000; run++) {
                long reference = 1 + random.nextLong(100_000_000); // up to 1 000 000.00 of the quote
                long notional = 1 + random.nextLong(1_000_000);      // up to 10 000.00 of the quote
                long grid = Ladder.grid(market, reference);
                List<Ladder.Quote> quotes = Ladder.around(market, reference, grid, 8, notional, random);
                for (Ladder.Quote quote : quotes) {
                    String what = market.symbol() + " " + quote + " around " + reference + ", " + seed;
                    assertThat(quote.price() % market.tickSize()).as(what).isZero();
                    assertThat(quote.price()).as(what).isPositive();
                    assertThat(quote.quantity() % market.lotSize()).as(what).isZero();
                    assertThat(quote.quantity()).as(what).isGreaterThanOrEqualTo(market.minQuantity());
                    assertThat(Money.notionalFloor(quote.price(), quote.quantity(), 100_000_000L)).as(what)
                            .isGreaterThanOrEqualTo(market.minNotional());
                    if (quote.side() == Side.BUY) {
                        assertThat(quote.price()).as(what).isLessThan(reference);
                    } else {
                        assertThat(quote.price()).as(what).isGreaterThan(reference);
                    }
                }
                assertThat(quotes.stream().filter(q -> q.side() == Side.SELL)).hasSize(8);
            }
        }
    }

    @Test
    void aSmallMoveOfTheReferenceKeepsMostLevelsWhereTheyAre() {
        long grid = Ladder.grid(BTC_USD, 9_000_000);
        List<Long> before = prices(Ladder.around(BTC_USD, 9_000_000, grid, 8, 200_000, new SplittableRandom(1)));
        List<Long> after = prices(Ladder.around(BTC_USD, 9_001_000, grid, 8, 200_000, new SplittableRandom(2)));

        assertThat(grid).as("5 bp of 90 000.00, in cents").isEqualTo(4_500);
        long kept = before.stream().filter(after::contains).count();
        assertThat(kept).as("levels still wanted after a 1 bp move").isGreaterThanOrEqualTo(14);
    }

    private static List<Long> prices(List<Ladder.Quote> quotes) {
        return quotes.stream().map(Ladder.Quote::price).toList();
    }
}
