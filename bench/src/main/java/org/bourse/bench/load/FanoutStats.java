package org.bourse.bench.load;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * What the subscribers of a fan-out run received, from many threads at once: messages per channel kind
 * ({@code book}, {@code trades}) and type ({@code snapshot}, {@code update}) in the measured window and in
 * all, sequence gaps, server errors, disconnects, and the trade delay from {@code executed_at} to arrival.
 * Each subscriber reads its messages through its own {@link Tally}.
 */
final class FanoutStats {

    private static final int EXAMPLES = 5;

    private final Map<String, LongAdder> measured = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> all = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> gaps = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final LongAdder unreadable = new LongAdder();
    private final LongAdder disconnects = new LongAdder();
    private final LongAdder connectFailures = new LongAdder();
    private final ConcurrentLinkedQueue<String> examples = new ConcurrentLinkedQueue<>();
    private final AtomicInteger exampleCount = new AtomicInteger();
    /** microseconds from a trade's executed_at (server clock, whole ms) to its arrival (this machine's clock) */
    private final Recorder tradeDelay = new Recorder(3);
    private volatile long windowStart = Long.MAX_VALUE;
    private volatile long windowEnd = Long.MAX_VALUE;

    /** The measured window, in {@link System#nanoTime()}: messages arriving inside it are the throughput figure. */
    void window(long startNanos, long endNanos) {
        windowEnd = endNanos;
        windowStart = startNanos;
    }

    /** Delays count from the end of the warm-up on, including what arrives while the last orders drain. */
    boolean afterWarmup(long nanos) {
        return nanos - windowStart >= 0;
    }

    boolean inWindow(long nanos) {
        return nanos - windowStart >= 0 && nanos - windowEnd < 0;
    }

    Tally tally(boolean probe) {
        return new Tally(probe);
    }

    void disconnected(String why) {
        disconnects.increment();
        example("disconnected: " + why);
    }

    void connectFailed(String why) {
        connectFailures.increment();
        example("could not connect: " + why);
    }

    long measuredMessages() {
        return sum(measured);
    }

    long messages() {
        return sum(all);
    }

    /** Measured messages by {@code kind type}, e.g. {@code trades update}. */
    Map<String, Long> measuredByChannel() {
        return counts(measured);
    }

    Map<String, Long> gapsByChannel() {
        return counts(gaps);
    }

    Map<String, Long> errorsByCode() {
        return counts(errors);
    }

    long unreadable() {
        return unreadable.sum();
    }

    long disconnects() {
        return disconnects.sum();
    }

    long connectFailures() {
        return connectFailures.sum();
    }

    List<String> examples() {
        return List.copyOf(examples);
    }

    /** The trade delays recorded so far, in microseconds. Call once, at the end. */
    Histogram tradeDelay() {
        return tradeDelay.getIntervalHistogram();
    }

    private void example(String text) {
        if (exampleCount.getAndIncrement() < EXAMPLES) {
            examples.add(text.length() <= 300 ? text : text.substring(0, 300) + "...");
        }
    }

    private static long sum(Map<String, LongAdder> adders) {
        return adders.values().stream().mapToLong(LongAdder::sum).sum();
    }

    private static Map<String, Long> counts(Map<String, LongAdder> adders) {
        Map<String, Long> out = new TreeMap<>();
        adders.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    private static void add(Map<String, LongAdder> adders, String key) {
        adders.computeIfAbsent(key, k -> new LongAdder()).increment();
    }

    /**
     * One subscriber's reading of its messages, called by one thread at a time (a WebSocket delivers its
     * messages one after the other). Keeps the last sequence of each channel: after a snapshot, each update
     * must carry the next number; anything else is a gap. A probe also keeps the id and arrival time of
     * every trade, for the order-to-trade delay worked out after the run.
     */
    /** Server messages about the socket itself rather than a channel. */
    private static final java.util.Set<String> CONTROL = java.util.Set.of("subscribed", "unsubscribed", "pong",
            "authenticated");

    final class Tally {

        private final boolean probe;
        private final Map<String, Long> lastSequence = new HashMap<>();
        // guarded by this (one writer, and the reader only at the end, but from another thread)
        private long[] tradeIds = new long[0];
        private long[] arrivals = new long[0];
        private int trades;

        private Tally(boolean probe) {
            this.probe = probe;
            if (probe) {
                tradeIds = new long[1024];
                arrivals = new long[1024];
            }
        }

        /**
         * @param arrivedNanos {@link System#nanoTime()} when the message arrived
         * @param arrivedAt    the wall clock then, to compare with the server's {@code executed_at}
         */
        synchronized void message(String text, long arrivedNanos, Instant arrivedAt) {
            Map<String, Object> message;
            try {
                message = Json.object(text);
            } catch (IllegalArgumentException e) {
                unreadable.increment();
                example("unreadable message: " + text);
                return;
            }
            String type = Json.text(message, "type");
            if ("error".equals(type)) {
                add(errors, String.valueOf(Json.text(message, "code")));
                example("error message: " + text);
                return;
            }
            String channel = Json.text(message, "channel");
            if (channel == null && CONTROL.contains(type)) {
                return; // the acknowledgement of a subscribe, a pong: no market data
            }
            if (channel == null || type == null) {
                unreadable.increment();
                example("message without channel or type: " + text);
                return;
            }
            String kind = channel.indexOf(':') > 0 ? channel.substring(0, channel.indexOf(':')) : channel;
            String key = kind + " " + type;
            add(all, key);
            if (inWindow(arrivedNanos)) {
                add(measured, key);
            }
            sequence(channel, kind, type, Json.text(message, "sequence"));
            if ("trades".equals(kind) && "update".equals(type)) {
                trades(message.get("data"), arrivedNanos, arrivedAt);
            }
        }

        private void sequence(String channel, String kind, String type, String text) {
            if (text == null) {
                return;
            }
            long sequence;
            try {
                sequence = Long.parseLong(text);
            } catch (NumberFormatException e) {
                unreadable.increment();
                return;
            }
            Long last = lastSequence.put(channel, sequence);
            // only the book promises +1 per update; other channels carry the engine sequence of their command
            if ("book".equals(kind) && "update".equals(type) && last != null && sequence != last + 1) {
                add(gaps, kind);
            }
        }

        /** {@code data} of a trades update: one trade row, or an array of them. */
        private void trades(Object data, long arrivedNanos, Instant arrivedAt) {
            List<?> rows = data instanceof List<?> list ? list : data == null ? List.of() : List.of(data);
            for (Object row : rows) {
                if (!(row instanceof Map<?, ?> trade)) {
                    unreadable.increment();
                    continue;
                }
                Object executedAt = trade.get("executed_at");
                try {
                    Instant executed = Instant.parse(String.valueOf(executedAt));
                    long micros = (arrivedAt.getEpochSecond() - executed.getEpochSecond()) * 1_000_000
                            + (arrivedAt.getNano() - executed.getNano()) / 1_000;
                    if (afterWarmup(arrivedNanos)) {
                        tradeDelay.recordValue(Math.max(0, micros));
                    }
                } catch (DateTimeParseException e) {
                    unreadable.increment();
                    example("trade without a readable executed_at: " + trade);
                }
                if (probe && trade.get("id") != null) {
                    keep(String.valueOf(trade.get("id")), arrivedNanos);
                }
            }
        }

        private void keep(String id, long arrivedNanos) {
            long tradeId;
            try {
                tradeId = Long.parseLong(id);
            } catch (NumberFormatException e) {
                return; // ids are strings by contract; a non-numeric one cannot be matched to a fill here
            }
            if (trades == tradeIds.length) {
                tradeIds = Arrays.copyOf(tradeIds, trades * 2);
                arrivals = Arrays.copyOf(arrivals, trades * 2);
            }
            tradeIds[trades] = tradeId;
            arrivals[trades++] = arrivedNanos;
        }

        /** For each kept trade id, its arrival ({@link System#nanoTime()}), in arrival order. */
        synchronized void forEachTrade(TradeArrival consumer) {
            for (int i = 0; i < trades; i++) {
                consumer.arrived(tradeIds[i], arrivals[i]);
            }
        }
    }

    interface TradeArrival {
        void arrived(long tradeId, long arrivedNanos);
    }
}
