package org.bourse.search;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import com.github.benmanes.caffeine.cache.Cache;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.bourse.exchange.ExchangeGateway;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The search's meters on {@code /actuator/prometheus}: lookups and hit ratio per cache level, latency by where
 * the answer came from, and the index lag (commands the engine applied that the index does not reflect yet,
 * and how old a command was when the index took it).
 */
@Component
final class SearchMetrics {

    private final MeterRegistry meters;
    private final ObjectProvider<ExchangeGateway> exchange;
    private final Clock clock;
    private final Map<SearchCache.Source, Counter> hits = new EnumMap<>(SearchCache.Source.class);
    private final Map<SearchCache.Source, Counter> misses = new EnumMap<>(SearchCache.Source.class);
    private final Map<SearchCache.Source, LongAdder[]> counts = new EnumMap<>(SearchCache.Source.class);
    private final Map<SearchCache.Source, Timer> latency = new EnumMap<>(SearchCache.Source.class);
    private final Timer indexDelay;
    /** The last command the index reflects, once it wrote one in this process; 0 before. */
    private volatile long indexed;

    SearchMetrics(MeterRegistry meters, ObjectProvider<ExchangeGateway> exchange, Clock clock) {
        this.meters = meters;
        this.exchange = exchange;
        this.clock = clock;
        for (SearchCache.Source level : new SearchCache.Source[] {SearchCache.Source.L1, SearchCache.Source.L2}) {
            String name = level.name().toLowerCase(java.util.Locale.ROOT);
            hits.put(level, Counter.builder("bourse.search.cache.lookups").tag("level", name).tag("result", "hit")
                    .description("Search results looked up in a cache level").register(meters));
            misses.put(level, Counter.builder("bourse.search.cache.lookups").tag("level", name).tag("result", "miss")
                    .description("Search results looked up in a cache level").register(meters));
            LongAdder[] hitAndLookups = {new LongAdder(), new LongAdder()};
            counts.put(level, hitAndLookups);
            Gauge.builder("bourse.search.cache.hit.ratio", hitAndLookups, SearchMetrics::ratio).tag("level", name)
                    .description("Hits over lookups of a cache level since start").register(meters);
        }
        for (SearchCache.Source source : SearchCache.Source.values()) {
            latency.put(source, Timer.builder("bourse.search.latency").tag("source", source.name().toLowerCase(java.util.Locale.ROOT))
                    .description("Time to answer a search, by where the answer came from")
                    .publishPercentiles(0.5, 0.99).publishPercentileHistogram().register(meters));
        }
        indexDelay = Timer.builder("bourse.search.index.delay")
                .description("From a command's application by the engine to its changes being searchable")
                .publishPercentiles(0.5, 0.99).register(meters);
        Gauge.builder("bourse.search.index.lag", this, SearchMetrics::lag)
                .description("Commands applied by the engine that the search index does not reflect yet").register(meters);
    }

    void watch(Cache<String, String> local) {
        Gauge.builder("bourse.search.cache.l1.entries", local, Cache::estimatedSize)
                .description("Search results held in this process").register(meters);
    }

    void lookedUp(SearchCache.Source level, boolean hit) {
        (hit ? hits : misses).get(level).increment();
        LongAdder[] c = counts.get(level);
        if (hit) {
            c[0].increment();
        }
        c[1].increment();
    }

    void answered(SearchCache.Source source, long nanos) {
        latency.get(source).record(nanos, TimeUnit.NANOSECONDS);
    }

    /** After the index committed everything up to {@code sequence}, applied by the engine at {@code appliedAt} (ms). */
    void indexed(long sequence, long appliedAt) {
        indexed = Math.max(indexed, sequence);
        indexDelay.record(Duration.ofMillis(Math.max(0, clock.millis() - appliedAt)));
    }

    private double lag() {
        ExchangeGateway gateway = exchange.getIfAvailable();
        if (gateway == null) {
            return 0;
        }
        long reflected = Math.max(indexed, gateway.projectedSequence()); // the index is written with the other read models
        return Math.max(0, gateway.lastAppliedSequence() - reflected);
    }

    private static double ratio(LongAdder[] hitAndLookups) {
        long lookups = hitAndLookups[1].sum();
        return lookups == 0 ? 0 : (double) hitAndLookups[0].sum() / lookups;
    }
}
