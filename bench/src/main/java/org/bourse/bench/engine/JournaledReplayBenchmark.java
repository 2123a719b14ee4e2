package org.bourse.bench.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.stream.Stream;

import org.HdrHistogram.Histogram;
import org.bourse.engine.EngineListener;
import org.bourse.engine.runtime.EngineRuntime;
import org.bourse.engine.runtime.RuntimeConfig;

/**
 * The engine behind its journal, as the server runs it: every command is appended and fsynced (one fsync
 * per batch, group commit) before it is applied and answered. One client thread keeps a window of commands
 * in flight; throughput is commands answered per second, latency is from submission to answer. A paced run
 * then submits at a fixed rate and measures from when each command was due.
 *
 * <pre>java -cp bench/target/bourse-bench.jar org.bourse.bench.engine.JournaledReplayBenchmark [commands] [runs] [pacedRate] [dir]</pre>
 */
public final class JournaledReplayBenchmark {

    private static final int WINDOW = 16_384; // below the runtime's queue capacity: never refused for overload

    private JournaledReplayBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 2_000_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int pacedRate = args.length > 2 ? Integer.parseInt(args[2]) : 100_000;
        Path base = args.length > 3 ? Path.of(args[3]) : Path.of(System.getProperty("java.io.tmpdir"));
        System.out.printf("generating %,d commands...%n", count);
        Workload workload = Workload.generate(count, 2_000, Long.getLong("bourse.seed", 42));

        double[] rates = new double[runs];
        for (int run = 0; run < runs; run++) {
            Histogram latency = new Histogram(60_000_000_000L, 3);
            Path dir = Files.createTempDirectory(base, "bourse-journal-bench");
            try (EngineRuntime runtime = start(dir)) {
                submitAll(runtime, workload.setup(), null);
                long start = System.nanoTime();
                submitAll(runtime, workload.commands(), latency);
                double seconds = (System.nanoTime() - start) / 1e9;
                rates[run] = workload.commands().size() / seconds;
                System.out.printf("run %d: %,.0f commands/s, latency p50 %.2f ms, p99 %.2f ms, max %.2f ms%n", run + 1,
                        rates[run], latency.getValueAtPercentile(50) / 1e6, latency.getValueAtPercentile(99) / 1e6,
                        latency.getMaxValue() / 1e6);
            } finally {
                delete(dir);
            }
        }
        Arrays.sort(rates);
        System.out.printf("engine + journal (fsync per batch): median %,.0f commands/s over %d runs (min %,.0f, max %,.0f)%n",
                rates[runs / 2], runs, rates[0], rates[runs - 1]);
        paced(workload, pacedRate, base);
    }

    private static EngineRuntime start(Path dir) throws IOException {
        return EngineRuntime.start(RuntimeConfig.defaults(dir).withSnapshotEveryCommands(0), EngineListener.NONE, 0);
    }

    /** Submits every command keeping at most {@link #WINDOW} unanswered, and waits for the last answer. */
    private static void submitAll(EngineRuntime runtime, List<Workload.Stamped> commands, Histogram latency)
            throws InterruptedException {
        Semaphore window = new Semaphore(WINDOW);
        CompletableFuture<?> last = null;
        for (Workload.Stamped s : commands) {
            window.acquire();
            long sent = System.nanoTime();
            last = runtime.submit(s.command()).whenComplete((result, failure) -> {
                if (latency != null) {
                    latency.recordValue(System.nanoTime() - sent); // runs on the engine thread: keep it this small
                }
                window.release();
            });
        }
        if (last != null) {
            last.join();
        }
        window.acquire(WINDOW);
    }

    /** Submits at a fixed rate; latency counts from when each command was due, queueing included. */
    private static void paced(Workload workload, int rate, Path base) throws Exception {
        List<Workload.Stamped> commands = workload.commands();
        int n = Math.min(commands.size(), rate * 20);
        Histogram latency = new Histogram(60_000_000_000L, 3);
        Path dir = Files.createTempDirectory(base, "bourse-journal-bench");
        try (EngineRuntime runtime = start(dir)) {
            submitAll(runtime, workload.setup(), null);
            long interval = 1_000_000_000L / rate;
            long start = System.nanoTime() + 1_000_000;
            int warmup = Math.min(n / 10, rate * 2);
            CompletableFuture<?> last = null;
            for (int i = 0; i < n; i++) {
                long due = start + i * interval;
                while (System.nanoTime() < due) {
                    Thread.onSpinWait();
                }
                boolean measured = i >= warmup;
                last = runtime.submit(commands.get(i).command()).whenComplete((result, failure) -> {
                    if (measured) {
                        latency.recordValue(System.nanoTime() - due);
                    }
                });
            }
            last.join();
        } finally {
            delete(dir);
        }
        System.out.printf("engine + journal, paced at %,d commands/s (%,d measured): p50 %.2f ms, p99 %.2f ms, "
                        + "p99.9 %.2f ms, max %.2f ms%n", rate, latency.getTotalCount(),
                latency.getValueAtPercentile(50) / 1e6, latency.getValueAtPercentile(99) / 1e6,
                latency.getValueAtPercentile(99.9) / 1e6, latency.getMaxValue() / 1e6);
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
