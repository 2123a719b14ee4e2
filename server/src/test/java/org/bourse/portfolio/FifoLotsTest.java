package org.bourse.portfolio;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.SplittableRandom;

import org.bourse.engine.testsupport.RandomSeed;
import org.bourse.engine.testsupport.Seed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The book's accounting: FIFO lots across partial sells, and realized + unrealized = value - net invested. */
@ExtendWith(RandomSeed.class)
class FifoLotsTest {

    private static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    @Test
    void sellsConsumeTheOldestLotsFirstAndPartlyWhereNeeded() {
        PortfolioBook book = PortfolioBook.empty(7, "USD");
        book.flowedIn("USD", d("10000"), d("10000"), 0);
        // buy 1 BTC at 100, then 2 BTC at 130, then 1 BTC at 160 (fee 1 USD each)
        buy(book, "1", "100", "1", 1, 11);
        buy(book, "2", "130", "1", 2, 12);
        buy(book, "1", "160", "1", 3, 13);
        Holding btc = book.holdings.get("BTC");
        // weighted average: (1*100 + 2*130 + 1*160) / 4 = 520 / 4 = 130
        assertThat(btc.averageBuyPrice).isEqualByComparingTo("130");

        // sell 1.5 BTC at 200, fee 2: the whole 100 lot and half of the 130 lot go, cost 100 + 65 = 165
        sell(book, "1.5", "200", "2", 21);
        assertThat(lots(btc)).containsExactly("1.5@195 (12)", "1@160 (13)");
        // realized: 300 - 165 - 2 (sell fee) - 3 (the three buy fees)
        assertThat(book.realizedPnl).isEqualByComparingTo("130");
        assertThat(btc.averageBuyPrice).as("a sell leaves the average buy price").isEqualByComparingTo("130");

        // sell 2 BTC at 150, no fee: the rest of the 130 lot (cost 195) and half of the 160 lot (cost 80)
        sell(book, "2", "150", "0", 22);
        assertThat(lots(btc)).containsExactly("0.5@80 (13)");
        assertThat(book.realizedPnl).isEqualByComparingTo("155"); // + 300 - (195 + 80)

        sell(book, "0.5", "150", "0", 23);
        assertThat(book.holdings).as("a holding at zero is removed").doesNotContainKey("BTC");
        assertThat(book.closed).containsExactly("BTC");
        // the realized P&L stays: 155 + (75 - 80)
        assertThat(book.realizedPnl).isEqualByComparingTo("150");
        // everything sold: cash - invested = realized; 10000 - 101 - 261 - 161 + 298 + 300 + 75
        assertThat(book.cash).isEqualByComparingTo("10150");
        assertThat(book.transactions).isEqualTo(1 + 3 + 3);
        assertThat(book.lastOrderId).isEqualTo(23);
    }

    @Test
    void aPartlyConsumedLotKeepsTheRestOfItsCostSoNoCentIsLost() {
        PortfolioBook book = PortfolioBook.empty(7, "USD");
        book.flowedIn("USD", d("100"), d("100"), 0);
        buy(book, "3", "1", "0", 1, 1); // 3 units cost 3.00 in total
        sell(book, "1", "1", "0", 2);
        sell(book, "1", "1", "0", 3);
        // thirds of 3.00 are exact here; take 1 of 3 units that cost 1.00 in total instead
        PortfolioBook odd = PortfolioBook.empty(8, "USD");
        odd.flowedIn("USD", d("100"), d("100"), 0);
        odd.bought("X", d("3"), d("1.00"), BigDecimal.ZERO, 1, 1);
        odd.spend("USD", d("1.00"), d("1.00"));
        odd.sold("X", d("1"), d("0"), BigDecimal.ZERO, 2);
        odd.sold("X", d("1"), d("0"), BigDecimal.ZERO, 3);
        odd.sold("X", d("1"), d("0"), BigDecimal.ZERO, 4);
        assertThat(odd.realizedPnl).as("the three shares add up to the whole cost").isEqualByComparingTo("-1.00");
        assertThat(book.holdings.get("X")).isNull();
        assertThat(book.holdings.get("BTC").lots()).hasSize(1);
    }

    @Test
    void aDepositOfCryptoIsInvestedAtItsValueAndAWithdrawalRealizesAgainstTheLots() {
        PortfolioBook book = PortfolioBook.empty(7, "USD");
        book.flowedIn("ETH", d("2"), d("6000"), 5); // 2 ETH at 3000
        assertThat(book.netInvested).isEqualByComparingTo("6000");
        assertThat(book.holdings.get("ETH").averageBuyPrice).isEqualByComparingTo("3000");
        book.flowedOut("ETH", d("0.5"), d("2000")); // 0.5 ETH out when worth 4000 each
        assertThat(book.netInvested).isEqualByComparingTo("4000");
        assertThat(book.realizedPnl).isEqualByComparingTo("500");
        assertThat(book.holdings.get("ETH").cost()).isEqualByComparingTo("4500");
    }

    /**
     * Random fills, deposits, withdrawals and fees on two assets at random prices: after every step
     * cash - net invested = realized - cost of the lots, so at any prices realized + unrealized = value - net
     * invested, exactly. The quantities follow the operations (what the balances would show).
     */
    @Test
    void realizedPlusUnrealizedIsAlwaysValueMinusNetInvested(Seed seed) {
        SplittableRandom random = seed.random(); // the seed is printed; -Dbourse.seed= replays it
        for (int run = 0; run < 200; run++) {
            PortfolioBook book = PortfolioBook.empty(1, "USD");
            BigDecimal[] held = {BigDecimal.ZERO, BigDecimal.ZERO};
            BigDecimal cash = BigDecimal.ZERO;
            String[] assets = {"BTC", "ETH"};
            for (int step = 0; step < 60; step++) {
                int a = random.nextInt(2);
                BigDecimal price = BigDecimal.valueOf(1 + random.nextInt(500_000), 2);
                BigDecimal qty = BigDecimal.valueOf(1 + random.nextInt(300_000), 5);
                BigDecimal fee = BigDecimal.valueOf(random.nextInt(500), 2);
                switch (random.nextInt(6)) {
                    case 0 -> {
                        BigDecimal amount = BigDecimal.valueOf(random.nextInt(10_000_000), 2);
                        book.flowedIn("USD", amount, amount, step);
                        cash = cash.add(amount);
                    }
                    case 1 -> {
                        book.flowedIn(assets[a], qty, qty.multiply(price), step);
                        held[a] = held[a].add(qty);
                    }
                    case 2 -> {
                        BigDecimal paid = qty.multiply(price).setScale(2, java.math.RoundingMode.UP);
                        book.bought(assets[a], qty, paid, fee, step, step);
                        book.spend("USD", paid.add(fee), paid.add(fee));
                        held[a] = held[a].add(qty);
                        cash = cash.subtract(paid.add(fee));
                    }
                    case 3, 4 -> {
                        BigDecimal q = held[a].min(qty);
                        if (q.signum() > 0) {
                            BigDecimal got = q.multiply(price).setScale(2, java.math.RoundingMode.DOWN);
                            book.sold(assets[a], q, got, fee, step);
                            book.receive("USD", got.subtract(fee), got.subtract(fee), step, step);
                            held[a] = held[a].subtract(q);
                            cash = cash.add(got.subtract(fee));
                        }
                    }
                    default -> {
                        BigDecimal q = held[a].min(qty);
                        if (q.signum() > 0) {
                            book.flowedOut(assets[a], q, q.multiply(price));
                            held[a] = held[a].subtract(q);
                        }
                    }
                }
                assertThat(book.cash).isEqualByComparingTo(cash);
                for (int i = 0; i < 2; i++) {
                    assertThat(book.quantity(assets[i])).as("%s run %d step %d", seed, run, step)
                            .isEqualByComparingTo(held[i]);
                }
                BigDecimal[] prices = {BigDecimal.valueOf(random.nextInt(1_000_000), 2),
                        BigDecimal.valueOf(random.nextInt(1_000_000), 2)};
                BigDecimal value = book.cash;
                BigDecimal unrealized = BigDecimal.ZERO;
                for (int i = 0; i < 2; i++) {
                    Holding h = book.holdings.get(assets[i]);
                    if (h != null) {
                        value = value.add(h.quantity().multiply(prices[i]));
                        unrealized = unrealized.add(h.quantity().multiply(prices[i]).subtract(h.cost()));
                    }
                }
                assertThat(book.realizedPnl.add(unrealized)).as("%s run %d step %d", seed, run, step)
                        .isEqualByComparingTo(value.subtract(book.netInvested));
                assertThat(book.needsRecalculation).isFalse();
            }
        }
    }

    private static void buy(PortfolioBook book, String qty, String price, String fee, long at, long order) {
        BigDecimal paid = d(qty).multiply(d(price));
        book.bought("BTC", d(qty), paid, d(fee), at, order);
        book.spend("USD", paid.add(d(fee)), paid.add(d(fee)));
    }

    private static void sell(PortfolioBook book, String qty, String price, String fee, long order) {
        BigDecimal got = d(qty).multiply(d(price));
        book.sold("BTC", d(qty), got, d(fee), order);
        book.receive("USD", got.subtract(d(fee)), got.subtract(d(fee)), 0, order);
    }

    private static List<String> lots(Holding h) {
        return h.lots().stream().map(l -> Money.text(l.quantity()) + "@" + Money.text(l.cost()) + " (" + l.orderId() + ")")
                .toList();
    }
}
