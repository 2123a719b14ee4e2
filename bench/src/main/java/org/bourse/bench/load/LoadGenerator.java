package org.bourse.bench.load;

import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Bourse's end-to-end load generator: registers and funds traders, drives a mix of limit and market orders,
 * cancels and reads against a running server in a closed loop (maximum throughput) or an open loop (fixed
 * arrival rate, latency without coordinated omission), reports throughput, latency percentiles and answers
 * per request kind, and then checks that the run was correct. Exit status 0 only for a correct run: no 5xx,
 * no answer outside the contract, no acknowledged order lost, a healthy audit. See BENCHMARKS.md.
 */
public final class LoadGenerator {

    private static final long PROGRESS_EVERY_MILLIS = 5_000;

    /** The verdict of a run and its machine-readable summary line. */
    record Outcome(boolean passed, List<String> failures, String summary) {
    }

    private LoadGenerator() {
    }

    public static void main(String[] args) {
        if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
            System.out.print(LoadOptions.USAGE);
            return;
        }
        LoadOptions options;
        try {
            options = LoadOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("load generator: " + e.getMessage());
            System.err.print(LoadOptions.USAGE);
            System.exit(2);
            return;
        }
        Outcome outcome = run(options, System.out);
        System.exit(outcome.passed() ? 0 : 1);
    }

    static Outcome run(LoadOptions options, PrintStream out) {
        out.println("bourse load generator, " + Instant.now() + ", " + Runtime.getRuntime().availableProcessors()
                + " processors");
        out.print(options.describe());
        try (BourseHttp http = new BourseHttp(options.url(), options.connections(), options.client())) {
            Setup.Prepared prepared;
            try {
                prepared = new Setup(options, http, out).prepare();
            } catch (IllegalStateException e) {
                List<String> failures = List.of("setup: " + e.getMessage());
                verdict(out, failures, List.of());
                String summary = Report.SUMMARY_PREFIX + Json.write(Map.of("passed", false, "failures", failures));
                out.println(summary);
                return new Outcome(false, failures, summary);
            }
            Stats stats = new Stats();
            ServerCpu.Window cpu = new ServerCpu.Window(options.url(), options.warmup());
            Thread progress = Thread.ofVirtual().start(() -> progress(out, stats));
            out.printf(Locale.ROOT, "run: %.1f s warm-up, then %s%n", options.warmup().toMillis() / 1000.0,
                    options.requests() > 0 ? options.requests() + " measured requests"
                            : options.duration().toMillis() / 1000.0 + " s measured");
            Drive drive = options.mode() == LoadOptions.Mode.CLOSED
                    ? ClosedLoop.run(prepared.flow(), stats, options.concurrency(), options.warmup(),
                    options.duration(), options.requests())
                    : OpenLoop.run(prepared.flow(), stats, options.rate(), options.warmup(), options.duration(),
                    options.maxInFlight());
            progress.interrupt();
            // every request has been answered: nothing of ours is in flight any more
            Instant quiescentAt = Instant.now();
            Report report = new Report(options, stats, drive, prepared.flow(), prepared.missing(), cpu.spent(options.url()));
            report.printFigures(out);

            EndOfRunCheck check = new EndOfRunCheck(http, options.connections(), out);
            EndOfRunCheck.OrderFindings orders = check.orders(prepared.traders(), options.orderCheck(), options.reconcileWait());
            EndOfRunCheck.ReconciliationFindings audit = check.reconciliation(prepared.admin(), quiescentAt,
                    options.reconcileWait());
            Report.printChecks(out, orders, audit);

            List<String> failures = new ArrayList<>(stats.unexpectedAnswers());
            failures.addAll(orders.failures());
            failures.addAll(audit.failures());
            boolean passed = verdict(out, failures, stats.examples());
            String summary = report.summary(passed, failures, orders, audit);
            out.println(summary);
            return new Outcome(passed, List.copyOf(failures), summary);
        }
    }

    /** Prints the verdict; true when the run passed. */
    private static boolean verdict(PrintStream out, List<String> failures, List<String> examples) {
        out.printf(Locale.ROOT, "%n== %s%n", failures.isEmpty() ? "PASSED" : "FAILED");
        failures.forEach(f -> out.println("  - " + f));
        if (!examples.isEmpty()) {
            out.println("  unexpected answers, first ones:");
            examples.forEach(e -> out.println("    " + e));
        }
        return failures.isEmpty();
    }

    /** A line every few seconds, so a long run shows it is alive. */
    private static void progress(PrintStream out, Stats stats) {
        long start = System.nanoTime();
        long last = 0;
        try {
            while (true) {
                Thread.sleep(PROGRESS_EVERY_MILLIS);
                long done = stats.completed();
                out.printf(Locale.ROOT, "  %4.0f s: %d answered, %.0f/s%n", (System.nanoTime() - start) / 1e9, done,
                        (done - last) * 1000.0 / PROGRESS_EVERY_MILLIS);
                last = done;
            }
        } catch (InterruptedException e) {
            // the drive is over
        }
    }
}
