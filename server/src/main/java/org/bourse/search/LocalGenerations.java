package org.bourse.search;

import java.util.Collection;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/** The generations of a single node without Redis: one counter per user in memory (a long each). */
final class LocalGenerations implements Generations {

    private final Map<String, Long> generations = new ConcurrentHashMap<>();

    @Override
    public OptionalLong current(String scope) {
        return OptionalLong.of(generations.getOrDefault(scope, 0L));
    }

    @Override
    public void advance(Collection<Long> users) {
        for (long user : users) {
            generations.merge(Long.toString(user), 1L, Long::sum);
        }
        generations.merge(ALL, 1L, Long::sum);
    }
}
