package org.bourse.bench.engine;

import java.util.Arrays;
import java.util.List;

import org.HdrHistogram.Histogram;
import org.bourse.engine.Engine;
import org.bourse.engine.EngineListener;

/**
 * The engine alone, single-threaded: replays a generated {@link Workload} into a fresh engine, several times,
 * and reports the median commands/s; then replays it paced at a fixed rate and reports the latency of each
 * command from the moment it was due (so a stall shows up in every command queued behind it, not just one).
 *
 * <pre>java -cp bench/target/bourse-bench.jar org.bourse.bench.engine.ReplayBenchmark [commands] [runs] [pacedRate]</pre>
 */
public final class ReplayBenchmark {

    private ReplayBenchmark() {
    }

    public static void main(String[] args) {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 5_000_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int pacedRate = args.length > 2 ? Integer.parseInt(args[2]) : 100_000;
        long seed = Long.getLong("bourse.seed", 42);
        System.out.printf("generating %,d commands (seed %d)...%n", count, seed);
        Workload workload = Workload.generate(count, 2_000, seed);
        List<Workload.Stamped> commands = workload.commands();

        double[] rates = new double[runs];
        for (int run = 0; run < runs; run++) {
            Engine engine = workload.freshEngine(EngineListener.NONE);
            long start = System.nanoTime();
            for (Workload.Stamped s : commands) {
                engine.apply(s.sequence(), s.timestamp(), s.command());
            }
            long elapsed = System.nanoTime() - start;
            rates[run] = commands.size() / (elapsed / 1e9);
            System.out.printf("run %d: %,.0f commands/s (%d live orders at the end)%n", run + 1, rates[run],
                    engine.liveOrderCount());
        }
        Arrays.sort(rates);
        System.out.printf("engine alone, unpaced: median %,.0f commands/s over %d runs (min %,.0f, max %,.0f)%n",
                rates[runs / 2], runs, rates[0], rates[runs - 1]);

        paced(workload, pacedRate);
    }

    /** Applies each command when it is due at {@code rate} per second; latency counts from when it was due. */
    static void paced(Workload workload, int rate) {
        List<Workload.Stamped> commands = workload.commands();
        int n = Math.min(commands.size(), rate * 20); // about 20 seconds
        Engine engine = workload.freshEngine(EngineListener.NONE);
        Histogram latency = new Histogram(3_600_000_000_000L, 3);
        long interval = 1_000_000_000L / rate;
        long start = System.nanoTime() + 1_000_000;
        int warmup = Math.min(n / 10, rate * 2);
        for (int i = 0; i < n; i++) {
            long due = start + i * interval;
            while (System.nanoTime() < due) {
                Thread.onSpinWait();
            }
            Workload.Stamped s = commands.get(i);
            engine.apply(s.sequence(), s.timestamp(), s.command());
            if (i >= warmup) {
                latency.recordValue(System.nanoTime() - due);
            }
        }
        System.out.printf("engine alone, paced at %,d commands/s (%,d measured): p50 %.1f us, p99 %.1f us, "
                        + "p99.9 %.1f us, max %.1f us%n", rate, latency.getTotalCount(),
                latency.getValueAtPercentile(50) / 1e3, latency.getValueAtPercentile(99) / 1e3,
                latency.getValueAtPercentile(99.9) / 1e3, latency.getMaxValue() / 1e3);
    }

}
