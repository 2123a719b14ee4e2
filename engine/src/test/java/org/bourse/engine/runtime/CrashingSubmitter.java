package org.bourse.engine.runtime;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.bourse.engine.EngineListener;
import org.bourse.engine.Result;
import org.bourse.engine.command.Command;
import org.bourse.engine.journal.RandomCommands;
import org.bourse.engine.journal.Stamped;

/**
 * The process {@link CrashRecoveryTest} kills: submits commands from a few threads, forever, and prints
 * {@code ACK <sequence> <result>} for each command whose future completed, the way a server would answer its
 * client. A line printed is an acknowledgement given.
 */
public final class CrashingSubmitter {

    static final int THREADS = 4;

    private CrashingSubmitter() {
    }

    static RuntimeConfig config(Path directory) {
        // fsync on, as in production; small segments and frequent snapshots so the kill lands among them
        return RuntimeConfig.defaults(directory).withEngine(Stamped.CONFIG).withSnapshotEveryCommands(500)
                .withSegmentBytes(64 * 1024);
    }

    public static void main(String[] args) throws Exception {
        Path directory = Path.of(args[0]);
        long seed = Long.parseLong(args[1]);
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false);
        Map<Command, Long> sequenceOf = Collections.synchronizedMap(new IdentityHashMap<>());
        EngineRuntime runtime = EngineRuntime.start(config(directory), new EngineListener() {
            @Override
            public void commandCompleted(long sequence, Command command, Result result) {
                sequenceOf.put(command, sequence);
            }
        }, Long.MAX_VALUE);

        for (Command command : new RandomCommands(seed, 8).setup()) {
            acknowledge(out, sequenceOf, command, runtime.submit(command));
        }
        for (int t = 0; t < THREADS; t++) {
            RandomCommands commands = new RandomCommands(seed + 1 + t, 8);
            Thread.ofPlatform().start(() -> {
                ArrayDeque<Map.Entry<Command, CompletableFuture<Result>>> inFlight = new ArrayDeque<>();
                while (true) {
                    Command command = commands.next();
                    inFlight.add(Map.entry(command, runtime.submit(command)));
                    if (inFlight.size() == 32) {
                        Map.Entry<Command, CompletableFuture<Result>> oldest = inFlight.poll();
                        acknowledge(out, sequenceOf, oldest.getKey(), oldest.getValue());
                    }
                }
            });
        }
    }

    private static void acknowledge(PrintStream out, Map<Command, Long> sequenceOf, Command command,
                                    CompletableFuture<Result> future) {
        Result result = future.join();
        synchronized (out) {
            out.println("ACK " + sequenceOf.get(command) + " " + result);
            out.flush();
        }
    }
}
