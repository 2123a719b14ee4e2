package org.bourse.engine.testsupport;

import java.util.SplittableRandom;

/**
 * The seed of one randomized test, given to it by {@link RandomSeed}: the value of {@code -Dbourse.seed} when
 * set (to replay a failure), else a fresh one. Its {@link #toString()} says how to replay it, so put it in
 * failure messages: {@code assertThat(x).as("book after 500 orders, %s", seed)}.
 *
 * @param test the test it was made for, {@code Class#method}, as {@code -Dtest} takes it
 */
public record Seed(long value, String test) {

    public static final String PROPERTY = "bourse.seed";

    /** A new random generator from this seed; each call starts the same sequence. */
    public SplittableRandom random() {
        return new SplittableRandom(value);
    }

    /** The Maven arguments that run this test again with this seed. */
    public String replay() {
        return "-D" + PROPERTY + "=" + value + " -Dtest='" + test + "'";
    }

    @Override
    public String toString() {
        return "seed " + value + " (replay with " + replay() + ")";
    }
}
