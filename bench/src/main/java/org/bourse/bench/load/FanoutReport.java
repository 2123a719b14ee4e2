package org.bourse.bench.load;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.HdrHistogram.Histogram;

/**
 * The fan-out run's figures for people and, on one line starting with {@value #SUMMARY_PREFIX}, as JSON for
 * scripts. Delays are in milliseconds.
 */
final class FanoutReport {

    static final String SUMMARY_PREFIX = "FANOUT-SUMMARY ";

    /** A delay distribution in milliseconds, from a histogram of microseconds. */
    record Delay(long count, double p50, double p99, double p999, double max) {

        static Delay of(Histogram micros) {
            return new Delay(micros.getTotalCount(), ms(micros.getValueAtPercentile(50)),
                    ms(micros.getValueAtPercentile(99)), ms(micros.getValueAtPercentile(99.9)),
                    ms(micros.getMaxValue()));
        }

        Map<String, Object> json() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("count", count);
            json.put("p50_ms", p50);
            json.put("p99_ms", p99);
            json.put("p99_9_ms", p999);
            json.put("max_ms", max);
            return json;
        }
    }

    private final FanoutOptions options;
    private final double seconds;
    private final int connected;
    private final long messages;
    private final Map<String, Long> byChannel;
    private final Delay tradeDelay;
    private final Delay orderToTrade;
    private final long correlatedOrders;
    private final FanoutStats stats;

    /**
     * @param connected        subscribers that connected and got their first messages before the orders began
     * @param orderToTrade     microseconds from sending a taking order to a probe receiving one of its trades
     * @param correlatedOrders taking orders whose trades were looked up for that delay
     */
    FanoutReport(FanoutOptions options, FanoutStats stats, Drive drive, int connected, Histogram orderToTrade,
                 long correlatedOrders) {
        this.options = options;
        this.stats = stats;
        this.seconds = drive.measuredSeconds();
        this.connected = connected;
        this.messages = stats.measuredMessages();
        this.byChannel = stats.measuredByChannel();
        this.tradeDelay = Delay.of(stats.tradeDelay());
        this.orderToTrade = Delay.of(orderToTrade);
        this.correlatedOrders = correlatedOrders;
    }

    /** What makes the run unusable as a figure; empty when it can be quoted. */
    List<String> failures() {
        List<String> failures = new ArrayList<>();
        if (stats.connectFailures() > 0) {
            failures.add(stats.connectFailures() + " of " + options.subscribers() + " subscribers could not connect");
        }
        if (connected < options.subscribers()) {
            failures.add((options.subscribers() - connected) + " subscribers got no first messages in time");
        }
        if (messages == 0) {
            failures.add("no message arrived in the measured window");
        }
        if (byChannel.keySet().stream().noneMatch(k -> k.startsWith("trades "))) {
            failures.add("no trades message arrived in the measured window: the order flow did not trade");
        }
        return failures;
    }

    void print(PrintStream out) {
        out.printf(Locale.ROOT, "%n== fan-out, %d subscribers on %s, %.1f s measured%n", options.subscribers(),
                options.market(), seconds);
        out.printf(Locale.ROOT, "messages delivered: %d, %.1f/s in total, %.1f/s per subscriber%n", messages,
                messages / seconds, messages / seconds / options.subscribers());
        byChannel.forEach((channel, n) -> out.printf(Locale.ROOT, "  %-18s %10d %10.1f/s%n", channel, n, n / seconds));
        out.printf(Locale.ROOT, "%-34s %9s %9s %9s %9s %9s%n", "delay", "count", "p50 ms", "p99 ms", "p99.9 ms",
                "max ms");
        delay(out, "trade executed_at -> received", tradeDelay);
        delay(out, "taking order sent -> trade recv.", orderToTrade);
        out.printf(Locale.ROOT, "  (first: server match time, whole ms, to arrival on this machine's clock, every "
                + "subscriber; second: bench send to arrival, ns clock, %d probe subscribers, %d taking orders)%n",
                options.probeCount(), correlatedOrders);
        out.printf(Locale.ROOT, "subscribers connected: %d of %d; connect failures: %d; disconnects: %d%n", connected,
                options.subscribers(), stats.connectFailures(), stats.disconnects());
        out.printf(Locale.ROOT, "sequence gaps: %s; server errors: %s; unreadable messages: %d%n",
                stats.gapsByChannel().isEmpty() ? "none" : stats.gapsByChannel(),
                stats.errorsByCode().isEmpty() ? "none" : stats.errorsByCode(), stats.unreadable());
        if (!stats.examples().isEmpty()) {
            out.println("first incidents:");
            stats.examples().forEach(e -> out.println("  " + e));
        }
    }

    private static void delay(PrintStream out, String name, Delay d) {
        out.printf(Locale.ROOT, "%-34s %9d %9.3f %9.3f %9.3f %9.3f%n", name, d.count(), d.p50(), d.p99(), d.p999(),
                d.max());
    }

    String summary(boolean passed, List<String> failures) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("passed", passed);
        json.put("url", options.url().toString());
        json.put("market", options.market());
        json.put("subscribers", options.subscribers());
        json.put("connected", connected);
        json.put("rate", options.rate());
        json.put("measured_s", round(seconds));
        json.put("messages", messages);
        json.put("messages_per_s", round(messages / seconds));
        json.put("by_channel", byChannel);
        json.put("trade_delay", tradeDelay.json());
        json.put("order_to_trade_delay", orderToTrade.json());
        json.put("connect_failures", stats.connectFailures());
        json.put("disconnects", stats.disconnects());
        json.put("sequence_gaps", stats.gapsByChannel());
        json.put("server_errors", stats.errorsByCode());
        json.put("failures", failures);
        return SUMMARY_PREFIX + Json.write(json);
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
