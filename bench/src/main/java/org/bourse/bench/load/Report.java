package org.bourse.bench.load;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.HdrHistogram.Histogram;

/**
 * The figures of a run for people (a table per request kind, the end-of-run checks, the verdict) and for
 * scripts: one line starting with {@value #SUMMARY_PREFIX} followed by JSON.
 */
final class Report {

    static final String SUMMARY_PREFIX = "LOAD-SUMMARY ";

    /** One kind's figures over the measured window; latencies in milliseconds. */
    record KindFigures(RequestKind kind, long requests, double perSecond, double p50, double p99, double p999,
                       double max, Map<String, Long> outcomes) {
    }

    private final LoadOptions options;
    private final Drive drive;
    private final List<KindFigures> kinds = new ArrayList<>();
    private final long placements;
    private final long cancelsWithNothingResting;
    private final Map<String, Long> placedByStatus;
    private final List<String> missing;
    /** The server's CPU seconds over the measured window, when it publishes them. */
    private final java.util.OptionalDouble serverCpuSeconds;

    /** @param missing kinds left out because the server does not have their endpoint */
    Report(LoadOptions options, Stats stats, Drive drive, OrderFlow flow, Set<RequestKind> missing,
           java.util.OptionalDouble serverCpuSeconds) {
        this.options = options;
        this.serverCpuSeconds = serverCpuSeconds;
        this.drive = drive;
        long placed = 0;
        for (RequestKind kind : RequestKind.values()) {
            Histogram h = stats.latency(kind);
            Map<String, Long> outcomes = stats.outcomes(kind);
            if (h.getTotalCount() == 0 && outcomes.isEmpty()) {
                continue;
            }
            kinds.add(new KindFigures(kind, h.getTotalCount(), h.getTotalCount() / drive.measuredSeconds(),
                    ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(99)), ms(h.getValueAtPercentile(99.9)),
                    ms(h.getMaxValue()), outcomes));
            if (kind.placesAnOrder()) {
                placed += outcomes.getOrDefault("201", 0L);
            }
        }
        this.placements = placed;
        this.cancelsWithNothingResting = flow.cancelsWithNothingResting();
        this.placedByStatus = flow.placedByStatus();
        this.missing = missing.stream().map(RequestKind::label).toList();
    }

    void printFigures(PrintStream out) {
        out.printf(Locale.ROOT, "%n== %s loop, %.1f s measured%n", options.mode().name().toLowerCase(Locale.ROOT),
                drive.measuredSeconds());
        out.printf(Locale.ROOT, "%-9s %9s %9s %9s %9s %9s %9s  %s%n", "kind", "requests", "req/s", "p50 ms", "p99 ms",
                "p99.9 ms", "max ms", "answers");
        long total = 0;
        for (KindFigures k : kinds) {
            total += k.requests();
            out.printf(Locale.ROOT, "%-9s %9d %9.1f %9.3f %9.3f %9.3f %9.3f  %s%n", k.kind().label(), k.requests(),
                    k.perSecond(), k.p50(), k.p99(), k.p999(), k.max(), answers(k.outcomes()));
        }
        out.printf(Locale.ROOT, "%-9s %9d %9.1f%n", "all", total, total / drive.measuredSeconds());
        if (!missing.isEmpty()) {
            out.println("not sent, the server has no such endpoint (404 at setup): " + String.join(", ", missing));
        }
        out.printf(Locale.ROOT, "order placements acknowledged: %.1f/s (limit and market, 201)%n",
                placements / drive.measuredSeconds());
        if (serverCpuSeconds.isPresent() && placements > 0) {
            out.printf(Locale.ROOT, "server CPU: %.2f cores over the window, %.1f us per acknowledged placement "
                    + "(every request of the window counted against the placements)%n",
                    serverCpuSeconds.getAsDouble() / drive.measuredSeconds(), cpuMicrosPerPlacement());
        }
        out.printf(Locale.ROOT, "orders by status when acknowledged (warm-up included): %s%n",
                answers(placedByStatus));
        if (cancelsWithNothingResting > 0) {
            out.printf(Locale.ROOT, "cancels drawn with nothing resting, sent as limit orders: %d%n",
                    cancelsWithNothingResting);
        }
        if (options.mode() == LoadOptions.Mode.OPEN) {
            out.printf(Locale.ROOT, "arrivals shed (more than %d waiting): %d%s; scheduler's worst lateness %.3f ms%n",
                    options.maxInFlight(), drive.shed(),
                    drive.shed() > 0 ? " -- the server did not sustain the rate, latencies understate" : "",
                    drive.worstDispatchLagNanos() / 1e6);
        }
    }

    static void printChecks(PrintStream out, EndOfRunCheck.OrderFindings orders,
                            EndOfRunCheck.ReconciliationFindings reconciliation) {
        out.printf(Locale.ROOT, "%n== end-of-run checks%n");
        if (orders != null) {
            out.printf(Locale.ROOT, "orders: %d acknowledged", orders.acknowledged());
            if (orders.how() != LoadOptions.OrderCheck.LIST) {
                out.printf(Locale.ROOT, ", %d found by id", orders.foundById());
            }
            if (orders.how() != LoadOptions.OrderCheck.BY_ID) {
                out.printf(Locale.ROOT, ", %d found in their owners' lists", orders.foundInLists());
            }
            out.printf(Locale.ROOT, ", %d lost%n", orders.lost());
        }
        if (reconciliation != null) {
            out.printf(Locale.ROOT, "audit: %s (ran at %s, engine sequence %s)%n",
                    reconciliation.healthy() ? "healthy" : "NOT HEALTHY", reconciliation.ranAt(),
                    reconciliation.sequence());
            for (EndOfRunCheck.AssetFigures a : reconciliation.assets()) {
                out.printf(Locale.ROOT, "  %-5s balances+fees %-22s deposits-withdrawals %-22s ledger %-22s %s%n",
                        a.asset(), a.balancesWithFees(), a.depositsMinusWithdrawals(), a.ledger(),
                        a.matches() ? "ok" : "MISMATCH");
            }
        }
    }

    /** The machine-readable line. */
    String summary(boolean passed, List<String> failures, EndOfRunCheck.OrderFindings orders,
                   EndOfRunCheck.ReconciliationFindings reconciliation) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("passed", passed);
        json.put("mode", options.mode().name().toLowerCase(Locale.ROOT));
        json.put("url", options.url().toString());
        json.put("users", options.users());
        if (options.mode() == LoadOptions.Mode.CLOSED) {
            json.put("concurrency", options.concurrency());
        } else {
            json.put("rate", options.rate());
        }
        json.put("connections", options.connections());
        json.put("client", options.client().name().toLowerCase(Locale.ROOT));
        json.put("market", options.market());
        json.put("measured_s", round(drive.measuredSeconds()));
        long total = kinds.stream().mapToLong(KindFigures::requests).sum();
        json.put("requests_per_s", round(total / drive.measuredSeconds()));
        json.put("order_placements_per_s", round(placements / drive.measuredSeconds()));
        if (serverCpuSeconds.isPresent() && placements > 0) {
            json.put("server_cores", round(serverCpuSeconds.getAsDouble() / drive.measuredSeconds()));
            json.put("server_cpu_us_per_placement", round(cpuMicrosPerPlacement()));
        }
        Map<String, Object> byKind = new LinkedHashMap<>();
        for (KindFigures k : kinds) {
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("requests", k.requests());
            figures.put("per_s", round(k.perSecond()));
            figures.put("p50_ms", k.p50());
            figures.put("p99_ms", k.p99());
            figures.put("p99_9_ms", k.p999());
            figures.put("max_ms", k.max());
            figures.put("answers", k.outcomes());
            byKind.put(k.kind().label(), figures);
        }
        json.put("kinds", byKind);
        json.put("missing_endpoints", missing);
        if (options.mode() == LoadOptions.Mode.OPEN) {
            json.put("shed", drive.shed());
        }
        if (orders != null) {
            json.put("orders_acknowledged", orders.acknowledged());
            json.put("orders_by_status", placedByStatus);
            json.put("orders_lost", orders.lost());
        }
        json.put("audit_healthy", reconciliation != null && reconciliation.healthy());
        json.put("failures", failures);
        return SUMMARY_PREFIX + Json.write(json);
    }

    private double cpuMicrosPerPlacement() {
        return serverCpuSeconds.getAsDouble() * 1e6 / placements;
    }

    private static String answers(Map<String, Long> outcomes) {
        return outcomes.entrySet().stream().map(e -> e.getKey() + " x" + e.getValue())
                .collect(Collectors.joining(", "));
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
