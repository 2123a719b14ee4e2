package org.bourse.bench.load;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/** Runs an action over many items with {@code parallelism} virtual threads taking the next item in turn. */
final class Parallel {

    private Parallel() {
    }

    /** Returns when every item is done; the first action that threw is rethrown (the others still ran). */
    static <T> void forEach(List<T> items, int parallelism, Consumer<T> action) {
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> workers = new ArrayList<>();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int w = 0; w < Math.min(parallelism, items.size()); w++) {
                workers.add(executor.submit(() -> {
                    RuntimeException first = null;
                    for (int i = next.getAndIncrement(); i < items.size(); i = next.getAndIncrement()) {
                        try {
                            action.accept(items.get(i));
                        } catch (RuntimeException e) {
                            first = first == null ? e : first;
                        }
                    }
                    if (first != null) {
                        throw first;
                    }
                }));
            }
        }
        for (Future<?> worker : workers) {
            rethrow(worker);
        }
    }

    private static void rethrow(Future<?> future) {
        try {
            future.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
