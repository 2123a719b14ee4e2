package org.bourse.engine.util;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.StreamCorruptedException;
import java.nio.charset.StandardCharsets;

/**
 * Strings in the journal's and the snapshots' binary formats: an {@code int} byte count ({@code -1} for null)
 * followed by that many bytes of UTF-8. Unlike {@link DataOutput#writeUTF} there is no 64 KiB limit and no
 * modified UTF-8, so any Java string (unpaired surrogates aside) round-trips.
 */
public final class Wire {

    /** Longer strings are refused on read: a length beyond this means the bytes are not what we wrote. */
    public static final int MAX_STRING_BYTES = 1 << 24;

    private static final int NULL = -1;

    private Wire() {
    }

    public static void writeString(DataOutput out, String value) throws IOException {
        if (value == null) {
            out.writeInt(NULL);
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_STRING_BYTES) {
            throw new IllegalArgumentException("string of " + bytes.length + " bytes is longer than the format allows");
        }
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    public static String readString(DataInput in) throws IOException {
        int length = in.readInt();
        if (length == NULL) {
            return null;
        }
        if (length < 0 || length > MAX_STRING_BYTES) {
            throw new StreamCorruptedException("string length " + length + " out of range");
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
