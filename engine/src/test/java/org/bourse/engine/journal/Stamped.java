package org.bourse.engine.journal;

import java.util.ArrayList;
import java.util.List;

import org.bourse.engine.Engine;
import org.bourse.engine.EngineConfig;
import org.bourse.engine.command.Command;

/** A command with the sequence and timestamp a sequencer gave it: one journal record. */
public record Stamped(long sequence, long timestamp, Command command) {

    /**
     * Retention short enough for remembered ids to expire within a test's commands (10 ms apart), so that
     * snapshots carry expiring entries.
     */
    public static final EngineConfig CONFIG = new EngineConfig(50_000, 5_000);
    public static final long START = 1_700_000_000_000L;

    /** Sequences from 1, timestamps 10 ms apart (and sometimes equal, as a fast sequencer stamps them). */
    public static List<Stamped> stamp(List<Command> commands) {
        List<Stamped> stamped = new ArrayList<>(commands.size());
        for (int i = 0; i < commands.size(); i++) {
            stamped.add(new Stamped(i + 1, START + (i / 2) * 20L, commands.get(i)));
        }
        return stamped;
    }

    /** A fresh engine that has applied {@code commands}. */
    public static Engine replay(List<Stamped> commands) {
        Engine engine = new Engine(CONFIG);
        for (Stamped c : commands) {
            engine.apply(c.sequence(), c.timestamp(), c.command());
        }
        return engine;
    }
}
