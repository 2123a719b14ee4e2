package org.bourse.engine.runtime;

import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import org.bourse.engine.Engine;

/** A read of the live engine, run on the engine thread between two commands. */
record Query<T>(Function<Engine, T> read, CompletableFuture<T> answer) {

    void run(Engine engine) {
        T value;
        try {
            value = read.apply(engine);
        } catch (Throwable e) {
            answer.completeExceptionally(e);
            return;
        }
        answer.complete(value);
    }
}
