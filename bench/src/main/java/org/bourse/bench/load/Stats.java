package org.bourse.bench.load;

import java.util.ArrayList;
import java.util.EnumMap;
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
 * What the requests of a run got, per kind: latency in an HdrHistogram (microseconds) and outcome counts
 * for the measured window, and every answer the contract does not allow, warm-up included, because an
 * unexpected answer fails the run whenever it comes. Recorded from many threads at once.
 */
final class Stats {

    private static final int EXAMPLES = 5;

    private final Map<RequestKind, Recorder> latency = new EnumMap<>(RequestKind.class);
    private final Map<RequestKind, Map<String, LongAdder>> measured = new EnumMap<>(RequestKind.class);
    private final Map<RequestKind, Map<String, LongAdder>> unexpected = new EnumMap<>(RequestKind.class);
    private final LongAdder completed = new LongAdder();
    private final ConcurrentLinkedQueue<String> examples = new ConcurrentLinkedQueue<>();
    private final AtomicInteger exampleCount = new AtomicInteger();
    private final ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();

    Stats() {
        for (RequestKind kind : RequestKind.values()) {
            latency.put(kind, new Recorder(3));
            measured.put(kind, new ConcurrentHashMap<>());
            unexpected.put(kind, new ConcurrentHashMap<>());
        }
    }

    /** @param inWindow whether the request belongs to the measured window (else it is warm-up) */
    void record(RequestKind kind, BourseHttp.Reply reply, long latencyNanos, boolean inWindow) {
        completed.increment();
        String outcome = reply.outcome();
        if (inWindow) {
            latency.get(kind).recordValue(Math.max(1, latencyNanos / 1_000));
            measured.get(kind).computeIfAbsent(outcome, o -> new LongAdder()).increment();
        }
        if (!kind.expects(reply)) {
            unexpected.get(kind).computeIfAbsent(outcome, o -> new LongAdder()).increment();
            if (exampleCount.getAndIncrement() < EXAMPLES) {
                examples.add(kind.label() + " -> " + outcome + ": " + abbreviate(reply.body()));
            }
        }
    }

    /** Something about an answer the generator could not make sense of; fails the run. */
    void problem(String description) {
        problems.add(description);
    }

    long completed() {
        return completed.sum();
    }

    /** The measured latencies of a kind so far, in microseconds. Call once per kind, at the end. */
    Histogram latency(RequestKind kind) {
        return latency.get(kind).getIntervalHistogram();
    }

    /** Outcome counts of the measured window, by outcome name. */
    Map<String, Long> outcomes(RequestKind kind) {
        return counts(measured.get(kind));
    }

    /** Answers the contract does not allow, of the whole run, one line per kind and outcome. */
    List<String> unexpectedAnswers() {
        List<String> lines = new ArrayList<>();
        unexpected.forEach((kind, byOutcome) -> counts(byOutcome).forEach(
                (outcome, n) -> lines.add(n + " x " + outcome + " to " + kind.label())));
        lines.addAll(problems);
        return lines;
    }

    List<String> examples() {
        return List.copyOf(examples);
    }

    private static Map<String, Long> counts(Map<String, LongAdder> adders) {
        Map<String, Long> out = new TreeMap<>();
        adders.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    private static String abbreviate(String body) {
        String flat = body.replaceAll("\\s+", " ");
        return flat.length() <= 300 ? flat : flat.substring(0, 300) + "...";
    }
}
