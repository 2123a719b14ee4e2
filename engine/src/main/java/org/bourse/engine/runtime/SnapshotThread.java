package org.bourse.engine.runtime;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The snapshot thread: the file work that must not hold up the engine thread (forcing a snapshot to disk and
 * renaming it into place, deleting what {@link EngineRuntime#releaseUpTo} no longer needs), one task at a
 * time, so a release always sees the snapshots completed before it.
 */
final class SnapshotThread implements Runnable {

    @FunctionalInterface
    interface FileTask {
        void run() throws IOException;
    }

    private final BoundedQueue<FileTask> tasks;

    SnapshotThread(BoundedQueue<FileTask> tasks) {
        this.tasks = tasks;
    }

    @Override
    public void run() {
        List<FileTask> batch = new ArrayList<>();
        try {
            while (tasks.drainTo(batch, 16) > 0) {
                for (FileTask task : batch) {
                    runQuietly(task);
                }
                batch.clear();
            }
        } catch (InterruptedException e) {
            System.err.println("bourse runtime: snapshot thread interrupted; unfinished snapshots stay .tmp files");
        }
    }

    /**
     * A failed snapshot or cleanup is logged: the journal still holds everything, recovery just takes longer.
     * Even an {@link Error} (out of memory writing a large snapshot) must not end this thread, or the engine
     * thread would wait forever to hand it the next snapshot.
     */
    private static void runQuietly(FileTask task) {
        try {
            task.run();
        } catch (IOException | RuntimeException | Error e) {
            System.err.println("bourse runtime: snapshot file task failed: " + e);
        }
    }
}
