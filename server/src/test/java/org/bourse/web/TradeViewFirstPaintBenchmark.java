package org.bourse.web;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bourse.testsupport.Browser;
import org.bourse.testsupport.BourseHttpTest;
import org.bourse.testsupport.RequiresChromium;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * How soon the trade view is on screen (BENCHMARKS.md, "First paint of the trade view"), measured in headless
 * Chromium against a local server with the demo bots on: for each run a fresh browser profile (nothing
 * cached) opens {@code /#/trade/BTC-USD}, then the same tab reloads it (files cached). The figures are the
 * page's own timings since navigation start: the browser's first-contentful-paint and the terminal's User
 * Timing marks {@code bourse:trade-view-painted} (the view laid out and painted), {@code bourse:book-painted}
 * (the first live book from the WebSocket on screen) and {@code bourse:candles-painted}. Prints every run and
 * the medians; asserts nothing. Not part of {@code ./test} (the name does not end in Test): run it with
 * {@code bench/run-first-paint.sh}.
 */
@BourseHttpTest
@RequiresChromium
@TestPropertySource(properties = {"bourse.demo.enabled=true", "bourse.rate-limit.capacity=100000",
        "bourse.rate-limit.refill-per-second=100000"})
class TradeViewFirstPaintBenchmark {

    private static final String[] METRICS = {"first-contentful-paint", "bourse:socket-open", "bourse:trade-view-painted",
            "bourse:book-snapshot", "bourse:book-painted", "bourse:candles-painted"};
    private static final String READ = """
            const out = {};
            for (const name of arguments[0]) {
              const e = performance.getEntriesByName(name)[0];
              out[name] = e ? e.startTime : null;
            }
            return out;""";

    @LocalServerPort
    int port;

    @Test
    void measure() {
        int runs = Integer.getInteger("bourse.bench.runs", 7);
        String path = System.getProperty("bourse.bench.path", "/#/trade/BTC-USD");
        try (Browser warmUp = Browser.open(port)) {
            load(warmUp, path); // the server's first requests (class loading, JIT) are not what a visitor waits for
        }
        Map<String, List<Double>> cold = new LinkedHashMap<>();
        Map<String, List<Double>> warm = new LinkedHashMap<>();
        for (int run = 1; run <= runs; run++) {
            try (Browser browser = Browser.open(port)) {
                Map<String, Double> first = load(browser, path);
                browser.reload();
                Map<String, Double> again = await(browser);
                System.out.printf("first-paint run %d: cold %s | reload %s%n", run, first, again);
                first.forEach((k, v) -> cold.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
                again.forEach((k, v) -> warm.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
            }
        }
        System.out.println("FIRST-PAINT medians over " + runs + " runs, milliseconds since navigation start, " + path);
        for (String metric : METRICS) {
            System.out.printf("  %-28s cold (new profile) %7s   reload (cached) %7s%n", metric, median(cold.get(metric)),
                    median(warm.get(metric)));
        }
    }

    private static Map<String, Double> load(Browser browser, String path) {
        browser.go(path);
        return await(browser);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Double> await(Browser browser) {
        browser.await("the trade view's marks", d -> {
            Map<String, Object> marks = (Map<String, Object>) browser.script(READ, Arrays.asList(METRICS));
            return marks.values().stream().allMatch(v -> v != null) ? true : null;
        });
        Map<String, Object> marks = (Map<String, Object>) browser.script(READ, Arrays.asList(METRICS));
        Map<String, Double> out = new LinkedHashMap<>();
        for (String metric : METRICS) {
            out.put(metric, Math.round(((Number) marks.get(metric)).doubleValue() * 10) / 10.0);
        }
        return out;
    }

    private static String median(List<Double> values) {
        if (values == null || values.isEmpty()) {
            return "-";
        }
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        double m = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        return String.format("%.1f", m);
    }
}
