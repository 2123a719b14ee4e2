package org.bourse.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.bourse.engine.testsupport.RandomSeed;
import org.bourse.engine.testsupport.Seed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Thousands of random command sequences (see {@link RandomTrading}); after every command the engine must be
 * balanced and consistent (see {@link InvariantWatch}). The seed is printed; rerun one with
 * {@code -Dbourse.seed=... -Dbourse.sequences=1}, or run longer with {@code -Dbourse.sequences} and
 * {@code -Dbourse.commands}.
 */
@ExtendWith(RandomSeed.class)
class RandomTradingInvariantsTest {

    @Test
    void noCommandOfRandomTradingUnbalancesTheBooksOrBreaksAnOrder(Seed seed) {
        RandomTrading.Plan plan = RandomTrading.Plan.of(seed, 200, 500);
        long trades = 0;
        Map<String, Integer> seen = new TreeMap<>();
        for (int sequence = 0; sequence < plan.sequences(); sequence++) {
            InvariantWatch watch = run(plan, sequence);
            trades += watch.trades();
            watch.seen().forEach((what, count) -> seen.merge(what, count, Integer::sum));
        }
        System.out.println(plan + ": " + trades + " trades; " + seen);

        assertThat(trades).as("trades in %s", plan).isGreaterThan(plan.sequences() * (long) plan.commands() / 50);
        if ((long) plan.sequences() * plan.commands() >= 50_000) {
            // the stream reaches every way an order can end, else the invariants were checked on too little
            assertThat(seen).as("what the random trading reached").containsKeys("TRIGGERED", "PARTIALLY_FILLED",
                    "EXECUTED null", "CANCELLED USER_CANCELLED", "CANCELLED TIME_IN_FORCE", "CANCELLED EXPIRED",
                    "CANCELLED SELF_TRADE_PREVENTED", "CANCELLED NO_LIQUIDITY", "CANCELLED BUDGET_EXHAUSTED",
                    "FAILED SELF_TRADE_PREVENTED", "FAILED POST_ONLY_WOULD_TAKE", "FAILED MARKET_HALTED",
                    "FAILED INSUFFICIENT_FUNDS", "FAILED NO_LIQUIDITY", "REJECTED INSUFFICIENT_FUNDS",
                    "REJECTED INVALID_QUANTITY", "REJECTED INVALID_PRICE", "REJECTED BELOW_MIN_NOTIONAL",
                    "HoldWithdrawal OK", "HoldWithdrawal REPLAYED", "HoldWithdrawal INSUFFICIENT_FUNDS",
                    "HoldWithdrawal TRANSACTION_ID_REUSED", "HoldWithdrawal INVALID_AMOUNT", "SettleWithdrawal OK",
                    "SettleWithdrawal REPLAYED", "SettleWithdrawal WITHDRAWAL_NOT_FOUND", "ReleaseWithdrawal OK",
                    "ReleaseWithdrawal REPLAYED", "ReleaseWithdrawal WITHDRAWAL_NOT_FOUND");
        }
    }

    private static InvariantWatch run(RandomTrading.Plan plan, int sequence) {
        RandomTrading trading = new RandomTrading(plan.seedOf(sequence));
        Engine engine = new Engine(trading.config());
        InvariantWatch watch = new InvariantWatch(engine);
        engine.listener(watch);
        List<Long> accounts = trading.accountIds();
        List<RandomTrading.Step> opening = trading.opening();
        int total = opening.size() + plan.commands();
        for (int index = 0; index < total; index++) {
            RandomTrading.Step step = index < opening.size() ? opening.get(index) : trading.next();
            Result result;
            try {
                result = engine.apply(step.sequence(), step.timestamp(), step.command());
            } catch (RuntimeException e) {
                throw new AssertionError(plan.where(sequence, index, step.command()) + " threw", e);
            }
            trading.observe(step.command(), result);
            String problems = watch.check(accounts);
            if (problems != null) {
                fail(plan.where(sequence, index, step.command()) + " -> " + result + "\n  " + problems);
            }
        }
        return watch;
    }
}
