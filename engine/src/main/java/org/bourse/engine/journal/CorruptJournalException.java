package org.bourse.engine.journal;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The journal holds damage that a crash cannot explain (anywhere but the tail of the newest segment), or is
 * missing records a replay needs. Recovery stops rather than skip commands: an engine that silently missed
 * one would diverge from every acknowledgement given after it.
 */
public final class CorruptJournalException extends IOException {

    public CorruptJournalException(String message) {
        super(message);
    }

    static CorruptJournalException at(Path segment, long offset, String problem) {
        return new CorruptJournalException(segment + " at byte " + offset + ": " + problem);
    }
}
