package org.bourse.bench.load;

import java.io.PrintStream;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;

/**
 * Bourse's WebSocket fan-out benchmark: N subscribers on one market's {@code book:} and {@code trades:}
 * channels (API.md "WebSocket /ws") while the load generator's order flow keeps that market busy over HTTP.
 * Reports messages delivered per second in total and per channel, two delays (see {@link FanoutReport}),
 * disconnects and sequence gaps. See BENCHMARKS.md.
 */
public final class FanoutBenchmark {

    /** Subscribers connecting at once: a burst of handshakes is not what is measured. */
    private static final int CONNECT_BATCH = 50;
    private static final Duration FIRST_MESSAGES_WAIT = Duration.ofSeconds(20);
    /** After the last order, time for its messages to arrive before the subscribers leave. */
    private static final Duration DRAIN = Duration.ofSeconds(2);

    private FanoutBenchmark() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
            System.out.print(FanoutOptions.USAGE);
            return;
        }
        FanoutOptions options;
        try {
            options = FanoutOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("fan-out benchmark: " + e.getMessage());
            System.err.print(FanoutOptions.USAGE);
            System.exit(2);
            return;
        }
        System.exit(run(options, System.out) ? 0 : 1);
    }

    static boolean run(FanoutOptions options, PrintStream out) throws InterruptedException {
        out.println("bourse fan-out benchmark, " + Instant.now() + ", " + Runtime.getRuntime().availableProcessors()
                + " processors");
        out.print(options.describe());
        LoadOptions flowOptions = options.orderFlow();
        try (BourseHttp http = new BourseHttp(options.url(), options.connections(), flowOptions.client());
             ExecutorService listeners = Executors.newVirtualThreadPerTaskExecutor();
             HttpClient sockets = HttpClient.newBuilder().executor(listeners).build()) {
            Setup.Prepared prepared;
            try {
                prepared = new Setup(flowOptions, http, out).prepare();
            } catch (IllegalStateException e) {
                out.println("setup failed: " + e.getMessage());
                return false;
            }
            FanoutStats stats = new FanoutStats();
            List<FanoutSubscriber> subscribers = connect(options, sockets, stats, out);
            int ready = 0;
            for (FanoutSubscriber subscriber : subscribers) {
                if (subscriber.awaitFirstMessages(FIRST_MESSAGES_WAIT)) {
                    ready++;
                }
            }
            out.printf(Locale.ROOT, "subscribers: %d connected, %d with their first messages%n", subscribers.size(), ready);
            if (subscribers.isEmpty()) {
                out.println("no subscriber could connect to " + options.webSocket() + "; first incidents:");
                stats.examples().forEach(e -> out.println("  " + e));
                out.printf(Locale.ROOT, "%n== FAILED%n");
                out.println(FanoutReport.SUMMARY_PREFIX + Json.write(Map.of("passed", false, "failures",
                        List.of("no subscriber could connect"))));
                return false;
            }

            long start = System.nanoTime();
            stats.window(start + options.warmup().toNanos(), start + options.warmup().toNanos()
                    + options.duration().toNanos());
            out.printf(Locale.ROOT, "run: %.1f s warm-up, then %.1f s measured, %s orders/s%n",
                    options.warmup().toMillis() / 1000.0, options.duration().toMillis() / 1000.0, options.rate());
            Stats httpStats = new Stats();
            ConcurrentLinkedQueue<FanoutDriver.Taking> taking = new ConcurrentLinkedQueue<>();
            Drive drive = FanoutDriver.run(prepared.flow(), httpStats, options.rate(), options.warmup(),
                    options.duration(), taking, options.correlate());
            Thread.sleep(DRAIN.toMillis());
            subscribers.forEach(FanoutSubscriber::close);

            Histogram orderToTrade = orderToTrade(http, taking, subscribers.subList(0,
                    Math.min(options.probeCount(), subscribers.size())));
            new Report(flowOptions, httpStats, drive, prepared.flow(), prepared.missing(), java.util.OptionalDouble.empty())
                    .printFigures(out);
            FanoutReport report = new FanoutReport(options, stats, drive, ready, orderToTrade, taking.size());
            report.print(out);
            List<String> failures = new ArrayList<>(report.failures());
            failures.addAll(httpStats.unexpectedAnswers());
            out.printf(Locale.ROOT, "%n== %s%n", failures.isEmpty() ? "PASSED" : "FAILED");
            failures.forEach(f -> out.println("  - " + f));
            out.println(report.summary(failures.isEmpty(), failures));
            return failures.isEmpty();
        }
    }

    private static List<FanoutSubscriber> connect(FanoutOptions options, HttpClient client, FanoutStats stats,
                                                  PrintStream out) {
        List<FanoutSubscriber> connected = new ArrayList<>();
        for (int from = 0; from < options.subscribers(); from += CONNECT_BATCH) {
            List<FanoutSubscriber> batch = new ArrayList<>();
            List<CompletableFuture<?>> opening = new ArrayList<>();
            for (int i = from; i < Math.min(options.subscribers(), from + CONNECT_BATCH); i++) {
                FanoutSubscriber subscriber = new FanoutSubscriber(stats, i < options.probeCount(), options.market());
                batch.add(subscriber);
                opening.add(subscriber.connect(client, options.webSocket()));
            }
            for (int i = 0; i < batch.size(); i++) {
                try {
                    opening.get(i).get(60, TimeUnit.SECONDS);
                    connected.add(batch.get(i));
                } catch (Exception e) {
                    // counted by the subscriber as a connect failure
                }
            }
        }
        if (connected.size() < options.subscribers()) {
            out.printf(Locale.ROOT, "subscribers: only %d of %d connected to %s%n", connected.size(),
                    options.subscribers(), options.webSocket());
        }
        return connected;
    }

    /**
     * Looks up the fills of the taking orders (after the run, so the lookups do not load the server while it
     * is measured) and, for each of their trades as taker, how long after the order was sent each probe
     * received it. Microseconds.
     */
    private static Histogram orderToTrade(BourseHttp http, ConcurrentLinkedQueue<FanoutDriver.Taking> taking,
                                          List<FanoutSubscriber> probes) {
        Map<Long, Long> sentByTrade = new HashMap<>();
        for (FanoutDriver.Taking order : taking) {
            BourseHttp.Reply reply = http.get("/api/v1/orders/" + order.orderId() + "/fills",
                    order.trader().token(http));
            if (reply.status() != 200) {
                continue;
            }
            Object body = Json.parse(reply.body());
            List<?> fills = body instanceof List<?> list ? list
                    : body instanceof Map<?, ?> page && page.get("items") instanceof List<?> items ? items : List.of();
            for (Object item : fills) {
                if (item instanceof Map<?, ?> fill && "taker".equals(String.valueOf(fill.get("liquidity")))) {
                    try {
                        sentByTrade.put(Long.parseLong(String.valueOf(fill.get("trade_id"))), order.sentNanos());
                    } catch (NumberFormatException e) {
                        // an id the trades channel could not name the same way: left out
                    }
                }
            }
        }
        Histogram micros = new Histogram(3);
        for (FanoutSubscriber probe : probes) {
            probe.tally().forEachTrade((tradeId, arrived) -> {
                Long sent = sentByTrade.get(tradeId);
                if (sent != null) {
                    micros.recordValue(Math.max(0, (arrived - sent) / 1_000));
                }
            });
        }
        return micros;
    }
}
