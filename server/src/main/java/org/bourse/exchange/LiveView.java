package org.bourse.exchange;

import org.bourse.engine.Engine;

/**
 * State a module keeps in memory from the engine's events, updated on the engine thread before the command's
 * caller is answered, so a client that just wrote reads its write (balances, a book's depth). {@link #apply}
 * must be quick and must never block: it runs on the engine thread between two commands.
 */
public interface LiveView {

    /** Rebuilds the view from the engine's state at start-up (on the engine thread, before any new command). */
    void restore(Engine engine);

    void apply(CommandEvents command);
}
