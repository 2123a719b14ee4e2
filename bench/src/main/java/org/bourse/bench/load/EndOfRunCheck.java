package org.bourse.bench.load;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;

/**
 * The correctness of a run, checked once every request has been answered: each order the server
 * acknowledged is still there for its owner (and ended cancelled when its cancel was acknowledged), and
 * the server's audit finds, per asset, the balances plus the fee account equal to deposits minus
 * withdrawals and to the ledger.
 */
final class EndOfRunCheck {

    private static final int SHOWN = 10;
    private static final int PAGE = 1000;

    /** One acknowledged order and its owner. */
    private record Acked(Trader owner, long id) {
    }

    record OrderFindings(LoadOptions.OrderCheck how, long acknowledged, long foundById, long foundInLists, long lost,
                         List<String> failures) {
    }

    record AssetFigures(String asset, String balancesWithFees, String depositsMinusWithdrawals, String ledger,
                        boolean matches) {
    }

    record ReconciliationFindings(boolean healthy, String ranAt, String sequence, List<AssetFigures> assets,
                                  List<String> failures) {
    }

    private final BourseHttp http;
    private final int parallelism;
    private final PrintStream out;

    EndOfRunCheck(BourseHttp http, int parallelism, PrintStream out) {
        this.http = http;
        this.parallelism = parallelism;
        this.out = out;
    }

    /**
     * The read models may still trail the engine when the load stops (the server answers reads after at most
     * its request timeout with what is projected), so an order not yet listed or found is looked for again,
     * once a second, until {@code wait} has passed; only then is it lost.
     */
    OrderFindings orders(List<Trader> traders, LoadOptions.OrderCheck how, Duration wait) {
        Instant deadline = Instant.now().plus(wait);
        List<Acked> acked = new ArrayList<>();
        for (Trader trader : traders) {
            for (long id : trader.acknowledgedOrders()) {
                acked.add(new Acked(trader, id));
            }
        }
        List<String> failures = new ArrayList<>();
        ConcurrentLinkedQueue<String> lost = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
        LongAdder foundById = new LongAdder();
        LongAdder foundInLists = new LongAdder();
        if (how != LoadOptions.OrderCheck.LIST) {
            out.printf("check: looking up %d acknowledged orders one by one (GET /orders/{id})%n", acked.size());
            Parallel.forEach(acked, parallelism, a -> byId(a, deadline, foundById, lost, wrong));
        }
        if (how != LoadOptions.OrderCheck.BY_ID) {
            out.printf("check: listing the orders of %d traders (GET /orders)%n", traders.size());
            Parallel.forEach(traders, parallelism, t -> inList(t, deadline, foundInLists, lost, wrong));
        }
        long lostCount = lost.stream().distinct().count();
        if (!lost.isEmpty()) {
            failures.add(lostCount + " acknowledged orders lost, e.g. " + first(lost.stream().distinct().toList()));
        }
        List<String> wrongOnes = wrong.stream().distinct().toList();
        if (!wrongOnes.isEmpty()) {
            failures.add(wrongOnes.size() + " acknowledged orders not as acknowledged, e.g. " + first(wrongOnes));
        }
        return new OrderFindings(how, acked.size(), foundById.sum(), foundInLists.sum(), lostCount, failures);
    }

    private void byId(Acked a, Instant deadline, LongAdder found, ConcurrentLinkedQueue<String> lost,
                      ConcurrentLinkedQueue<String> wrong) {
        BourseHttp.Reply reply = http.get("/api/v1/orders/" + a.id(), a.owner().token(http));
        while (reply.status() == 404 && waitASecond(deadline)) {
            reply = http.get("/api/v1/orders/" + a.id(), a.owner().token(http));
        }
        if (reply.status() == 404) {
            lost.add(a.id() + " of " + a.owner().username());
            return;
        }
        if (reply.status() != 200) {
            wrong.add("GET /orders/" + a.id() + " answered " + reply.outcome());
            return;
        }
        Map<String, Object> order = Json.object(reply.body());
        if (!Long.toString(a.id()).equals(Json.text(order, "id"))) {
            wrong.add("GET /orders/" + a.id() + " answered order " + Json.text(order, "id"));
            return;
        }
        found.increment();
        expectCancelled(a.owner(), a.id(), Json.text(order, "status"), wrong);
    }

    private void inList(Trader trader, Instant deadline, LongAdder found, ConcurrentLinkedQueue<String> lost,
                        ConcurrentLinkedQueue<String> wrong) {
        Map<Long, String> listed = list(trader, wrong);
        while (listed != null && !listsAll(listed, trader.acknowledgedOrders()) && waitASecond(deadline)) {
            listed = list(trader, wrong);
        }
        if (listed == null) {
            return;
        }
        for (long id : trader.acknowledgedOrders()) {
            String status = listed.get(id);
            if (status == null) {
                lost.add(id + " of " + trader.username());
            } else {
                found.increment();
                expectCancelled(trader, id, status, wrong);
            }
        }
    }

    /** Every order in the trader's list with its status; null (and the reason in {@code wrong}) when a page failed. */
    private Map<Long, String> list(Trader trader, ConcurrentLinkedQueue<String> wrong) {
        Map<Long, String> listed = new HashMap<>();
        String cursor = null;
        do {
            String path = "/api/v1/orders?limit=" + PAGE + (cursor == null ? "" : "&cursor=" + cursor);
            BourseHttp.Reply reply = http.get(path, trader.token(http));
            if (reply.status() != 200) {
                wrong.add("GET " + path + " of " + trader.username() + " answered " + reply.outcome());
                return null;
            }
            Map<String, Object> page = Json.object(reply.body());
            for (Map<String, Object> order : Json.objects(page, "items")) {
                listed.put(Long.parseLong(Json.text(order, "id")), Json.text(order, "status"));
            }
            cursor = Json.text(page, "next_cursor");
        } while (cursor != null);
        return listed;
    }

    private static boolean listsAll(Map<Long, String> listed, long[] ids) {
        for (long id : ids) {
            if (!listed.containsKey(id)) {
                return false;
            }
        }
        return true;
    }

    /** Sleeps a second unless {@code deadline} has passed. @return whether it slept (there is time to look again) */
    private static boolean waitASecond(Instant deadline) {
        if (Instant.now().isAfter(deadline)) {
            return false;
        }
        try {
            Thread.sleep(1_000);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void expectCancelled(Trader owner, long id, String status, ConcurrentLinkedQueue<String> wrong) {
        if (owner.cancelWasAcknowledged(id) && !"cancelled".equals(status)) {
            wrong.add(id + " of " + owner.username() + " is " + status + " after its cancel was acknowledged");
        }
    }

    /**
     * The server's audit, run on demand ({@code POST /admin/reconciliation}) once the load is quiescent; a run
     * that somehow predates {@code quiescentAt} (client clock; the server should be on the same host) is asked
     * for again for up to {@code wait}.
     */
    ReconciliationFindings reconciliation(Trader admin, Instant quiescentAt, Duration wait) {
        Instant deadline = Instant.now().plus(wait);
        boolean announced = false;
        while (true) {
            BourseHttp.Reply reply = http.post("/api/v1/admin/reconciliation", "", admin.token(http));
            if (reply.status() != 200) {
                return failed("POST /api/v1/admin/reconciliation answered " + reply.outcome());
            }
            Map<String, Object> run = Json.object(reply.body());
            Instant ranAt = Instant.parse(Json.text(run, "ran_at"));
            if (!ranAt.isBefore(quiescentAt)) {
                return judge(run);
            }
            if (Instant.now().isAfter(deadline)) {
                return failed("no audit ran after the load within " + wait.toSeconds() + " s (the last ran at "
                        + ranAt + "); are the server's and this machine's clocks apart?");
            }
            if (!announced) {
                out.println("check: the audit answered a run from " + ranAt + ", before the load ended; asking again");
                announced = true;
            }
            try {
                Thread.sleep(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return failed("interrupted while waiting for an audit run");
            }
        }
    }

    private static ReconciliationFindings judge(Map<String, Object> run) {
        List<String> failures = new ArrayList<>();
        boolean healthy = Boolean.TRUE.equals(run.get("healthy"));
        if (!healthy) {
            failures.add("the audit is not healthy: negative balances " + Json.text(run, "negative_balances")
                    + ", crossed books " + Json.text(run, "crossed_books") + ", hold mismatches "
                    + Json.text(run, "hold_mismatches") + ", read models ahead of the engine "
                    + run.get("read_models_ahead"));
        }
        List<AssetFigures> assets = new ArrayList<>();
        for (Map<String, Object> a : Json.objects(run, "assets")) {
            String balances = Json.text(a, "sum_of_balances");
            String deposits = Json.text(a, "deposits_minus_withdrawals");
            boolean matches = !Boolean.TRUE.equals(a.get("mismatch"))
                    && new BigDecimal(balances).compareTo(new BigDecimal(deposits)) == 0;
            assets.add(new AssetFigures(Json.text(a, "asset"), balances, deposits, Json.text(a, "sum_of_ledger_entries"),
                    matches));
            if (!matches) {
                failures.add(Json.text(a, "asset") + ": balances plus fees " + balances + ", deposits minus withdrawals "
                        + deposits + ", ledger " + Json.text(a, "sum_of_ledger_entries"));
            }
        }
        return new ReconciliationFindings(healthy && failures.isEmpty(), Json.text(run, "ran_at"),
                Json.text(run, "sequence"), assets, failures);
    }

    private static ReconciliationFindings failed(String why) {
        return new ReconciliationFindings(false, null, null, List.of(), List.of(why));
    }

    private static String first(List<String> items) {
        return String.join(", ", items.subList(0, Math.min(SHOWN, items.size())))
                + (items.size() > SHOWN ? ", ..." : "");
    }
}
