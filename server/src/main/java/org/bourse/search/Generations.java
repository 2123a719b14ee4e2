package org.bourse.search;

import java.util.Collection;
import java.util.OptionalLong;

/**
 * A counter per scope (a user id, or {@link #ALL} for the admin's search over everyone) that moves whenever
 * the orders in that scope change. Cached results are stored under the generation they were read at, so
 * moving it invalidates all of them at once, in this process and, when the counters are shared, in every other.
 */
interface Generations {

    String ALL = "all";

    /** @return the scope's generation now; empty when it cannot be known (then nothing may be served from a cache) */
    OptionalLong current(String scope);

    /** Moves the generations of these users and of {@link #ALL}. */
    void advance(Collection<Long> users);
}
