package org.bourse.engine.journal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A journal segment or snapshot in a format version this build cannot read: almost always one written by a
 * newer Bourse. Unlike damage it is never passed over (a snapshot skipped for an older one, a segment cut):
 * the file is intact and needed, so the start stops and says which version it found and which it reads.
 */
public final class UnsupportedFormatException extends IOException {

    private final int found;

    private UnsupportedFormatException(String message, int found) {
        super(message);
        this.found = found;
    }

    /** The version the file's header names. */
    public int found() {
        return found;
    }

    /** @throws UnsupportedFormatException unless {@code version} is one of {@code readable} */
    static void check(Path file, String what, int version, int[] readable) throws UnsupportedFormatException {
        if (Arrays.stream(readable).anyMatch(v -> v == version)) {
            return;
        }
        throw new UnsupportedFormatException(what + " " + file + " has format version " + version
                + ", but this build of Bourse reads " + describe(readable) + ". It was most likely written by a newer"
                + " Bourse: start that version (or a newer one) on this data directory. Do not delete or edit the file:"
                + " the state it holds is needed.", version);
    }

    private static String describe(int[] readable) {
        if (readable.length == 1) {
            return "version " + readable[0] + " only";
        }
        return "versions " + String.join(", ", Arrays.stream(readable).mapToObj(Integer::toString).toList());
    }
}
