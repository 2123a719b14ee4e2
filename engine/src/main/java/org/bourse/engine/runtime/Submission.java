package org.bourse.engine.runtime;

import java.util.concurrent.CompletableFuture;

import org.bourse.engine.Result;
import org.bourse.engine.command.Command;

/** A submitted command on its way: stamped by the journal thread, applied and answered by the engine thread. */
final class Submission {

    final Command command;
    final CompletableFuture<Result> future = new CompletableFuture<>();
    // written by the journal thread before the hand-off, read by the engine thread after it
    long sequence;
    long timestamp;

    Submission(Command command) {
        this.command = command;
    }
}
