package org.bourse.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.bourse.engine.command.Command;
import org.bourse.engine.command.HoldWithdrawal;
import org.bourse.engine.command.ReleaseWithdrawal;
import org.bourse.engine.command.SettleWithdrawal;

/**
 * Watches an engine's events for anything that must never happen, and checks the engine's books after each
 * command: every trade's and every command's ledger lines sum to zero per asset; the ledger explains every
 * balance; a buy never pays more than it held and a sell never delivers more than it held; no order fills
 * beyond its quantity, trades with its own user, trades through its price, or changes after it ended; every
 * status agrees with the fills and the reason; and {@link StateReport#healthy()} holds.
 */
final class InvariantWatch implements EngineListener {

    private final Engine engine;
    private final List<String> violations = new ArrayList<>();
    private final Map<String, Long> commandSums = new TreeMap<>();
    private final Map<Long, Map<String, Long>> tradeSums = new TreeMap<>();
    /** (account:asset) → the sum of its ledger lines since the engine began. */
    private final Map<String, Long> ledgerTotals = new HashMap<>();
    /** order id → what it held when it was accepted. */
    private final Map<Long, Long> initialHolds = new HashMap<>();
    private final Set<Long> ended = new HashSet<>();
    private final Set<Long> touched = new HashSet<>();
    /** How often each event, final status and reason, and each withdrawal outcome was seen: what the random trading reached. */
    private final Map<String, Integer> seen = new TreeMap<>();
    private long trades;

    InvariantWatch(Engine engine) {
        this.engine = engine;
    }

    long trades() {
        return trades;
    }

    Map<String, Integer> seen() {
        return seen;
    }

    @Override
    public void commandStarted(long sequence, long timestamp, Command command) {
        commandSums.clear();
        tradeSums.clear();
        touched.clear();
    }

    @Override
    public void orderChanged(OrderState o, OrderEvent event) {
        long id = o.id();
        touched.add(id);
        seen.merge(event.name(), 1, Integer::sum);
        if (o.status().isFinal()) {
            seen.merge(o.status() + " " + o.reason(), 1, Integer::sum);
        }
        if (ended.contains(id)) {
            fail("order " + id + " changed (" + event + ") after it ended");
        }
        if (o.filledQuantity() < 0 || o.filledQuantity() > o.quantity() || o.held() < 0) {
            fail("order " + id + " filled " + o.filledQuantity() + " of " + o.quantity() + ", holding " + o.held());
        }
        if (event == OrderEvent.ACCEPTED) {
            initialHolds.put(id, o.held());
        }
        Long initial = initialHolds.get(id);
        long used = o.side() == Side.BUY ? o.settled() + o.fees() : o.filledQuantity();
        if (used > 0 && (initial == null || used > initial)) {
            fail("order " + id + " used " + used + " but held " + initial + " when accepted");
        }
        if (initial != null && !o.status().isFinal() && o.held() != initial - used) {
            fail("order " + id + " holds " + o.held() + ", not its initial " + initial + " less the " + used + " used");
        }
        String inconsistent = statusProblem(o);
        if (inconsistent != null) {
            fail("order " + id + " " + o.status() + " " + inconsistent + ": filled " + o.filledQuantity() + " of "
                    + o.quantity() + ", held " + o.held() + ", reason " + o.reason());
        }
        if (o.status().isFinal()) {
            ended.add(id);
            initialHolds.remove(id);
        }
    }

    /** What is wrong with the order's status given its fills, hold and reason; null when nothing. */
    private static String statusProblem(OrderState o) {
        long filled = o.filledQuantity();
        return switch (o.status()) {
            case PENDING -> filled != 0 || o.held() != 0 ? "has fills or a hold" : null;
            case OPEN -> filled != 0 || o.reason() != null ? "has fills or a reason" : null;
            case PARTIALLY_FILLED -> filled == 0 || filled >= o.quantity() ? "is not partly filled" : null;
            case EXECUTED -> filled != o.quantity() || filled == 0 || o.reason() != null || o.held() != 0
                    ? "is not entirely filled, or keeps a reason or a hold" : null;
            case CANCELLED -> filled >= o.quantity() || o.reason() == null || o.held() != 0
                    ? "is entirely filled, or has no reason, or keeps a hold" : null;
            case FAILED -> filled != 0 || o.reason() == null || o.held() != 0
                    ? "has fills, or no reason, or keeps a hold" : null;
        };
    }

    @Override
    public void orderRejected(long userId, String clientOrderId, String market, RejectReason reason) {
        seen.merge("REJECTED " + reason, 1, Integer::sum);
    }

    @Override
    public void trade(long tradeId, Market market, long price, long quantity, OrderState maker, OrderState taker,
                      long makerFee, long takerFee, long buyerPaid, long sellerReceived) {
        trades++;
        if (quantity <= 0 || price <= 0 || quantity % market.lotSize() != 0) {
            fail("trade " + tradeId + " of " + quantity + " at " + price);
        }
        if (maker.userId() == taker.userId() || maker.side() == taker.side()) {
            fail("trade " + tradeId + " between orders " + maker.id() + " and " + taker.id() + " of one user or side");
        }
        if (price != maker.price()) {
            fail("trade " + tradeId + " at " + price + ", not the resting price " + maker.price());
        }
        if (taker.side() == Side.BUY ? price > taker.price() : price < taker.price()) {
            fail("trade " + tradeId + " at " + price + " is through the taker's price " + taker.price());
        }
        long rounding = buyerPaid - sellerReceived;
        if (rounding < 0 || rounding > 1 || sellerReceived != Money.notionalFloor(price, quantity, market.base().unit())) {
            fail("trade " + tradeId + ": buyer paid " + buyerPaid + ", seller received " + sellerReceived);
        }
        if (makerFee < 0 || takerFee < 0) {
            fail("trade " + tradeId + " has a negative fee");
        }
    }

    @Override
    public void ledger(long entryId, long accountId, Asset asset, long amount, long balanceAfter, LedgerType type,
                       long orderId, long tradeId, String transactionId, String traceId) {
        commandSums.merge(asset.code(), amount, Long::sum);
        if (tradeId != 0) {
            tradeSums.computeIfAbsent(tradeId, t -> new TreeMap<>()).merge(asset.code(), amount, Long::sum);
        }
        long total = ledgerTotals.merge(accountId + ":" + asset.code(), amount, Long::sum);
        if (total != balanceAfter) {
            fail("ledger line " + entryId + " says " + accountId + " has " + balanceAfter + " " + asset.code()
                    + " but its lines add up to " + total);
        }
    }

    @Override
    public void commandCompleted(long sequence, Command command, Result result) {
        if (command instanceof HoldWithdrawal || command instanceof SettleWithdrawal
                || command instanceof ReleaseWithdrawal) {
            String outcome = !result.accepted() ? result.rejection().name() : result.replayed() ? "REPLAYED" : "OK";
            seen.merge(command.getClass().getSimpleName() + " " + outcome, 1, Integer::sum);
        }
        commandSums.forEach((asset, sum) -> {
            if (sum != 0) {
                fail("the command's " + asset + " ledger lines sum to " + sum);
            }
        });
        tradeSums.forEach((trade, sums) -> sums.forEach((asset, sum) -> {
            if (sum != 0) {
                fail("trade " + trade + "'s " + asset + " ledger lines sum to " + sum);
            }
        }));
    }

    /** Checks the engine as the last command left it. @return what is wrong, or null when everything holds */
    String check(List<Long> accountIds) {
        StateReport report = engine.report();
        if (!report.healthy()) {
            fail("unhealthy: " + report);
        }
        for (long id : touched) {
            OrderState live = engine.order(id);
            if (ended.contains(id) ? live != null : live == null || live.status().isFinal()) {
                fail("order " + id + " is " + (live == null ? "gone" : "live, " + live.status())
                        + (ended.contains(id) ? " after it ended" : " though it never ended"));
            }
        }
        for (long accountId : accountIds) {
            var account = engine.account(accountId);
            for (Asset asset : engine.assets()) {
                long total = account == null ? 0 : account.total(asset.index());
                long lines = ledgerTotals.getOrDefault(accountId + ":" + asset.code(), 0L);
                if (total != lines) {
                    fail("account " + accountId + " has " + total + " " + asset.code() + " but its ledger says " + lines);
                }
            }
        }
        if (violations.isEmpty()) {
            return null;
        }
        String all = String.join("\n  ", violations);
        violations.clear();
        return all;
    }

    private void fail(String violation) {
        violations.add(violation);
    }
}
