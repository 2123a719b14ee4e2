package org.bourse.engine.util;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.StreamCorruptedException;
import java.util.Arrays;

/**
 * Stable one-byte codes for an enum's constants in a stored format. Ordinals would change meaning when
 * someone reorders or inserts a constant, silently turning old journals into different commands; here the
 * codes are the positions in a list written out by hand, and a constant missing from the list fails at
 * class initialisation, so the first test run points at it. Append new constants; never reorder.
 */
public final class EnumCodes<E extends Enum<E>> {

    private static final byte NULL = -1;

    private final Class<E> type;
    private final E[] byCode;
    private final byte[] codeByOrdinal;

    @SafeVarargs
    public EnumCodes(Class<E> type, E... inCodeOrder) {
        E[] constants = type.getEnumConstants();
        if (inCodeOrder.length > Byte.MAX_VALUE) {
            throw new IllegalArgumentException(type.getSimpleName() + " has too many constants for one byte");
        }
        this.type = type;
        this.byCode = inCodeOrder.clone();
        this.codeByOrdinal = new byte[constants.length];
        Arrays.fill(codeByOrdinal, NULL);
        for (int code = 0; code < inCodeOrder.length; code++) {
            if (codeByOrdinal[inCodeOrder[code].ordinal()] != NULL) {
                throw new IllegalArgumentException(inCodeOrder[code] + " is listed twice");
            }
            codeByOrdinal[inCodeOrder[code].ordinal()] = (byte) code;
        }
        for (E constant : constants) {
            if (codeByOrdinal[constant.ordinal()] == NULL) {
                throw new IllegalStateException(type.getSimpleName() + "." + constant
                        + " has no stored code: append it to the list of codes");
            }
        }
    }

    /** The stored code of a constant; null has its own, {@code -1}. */
    public byte code(E value) {
        return value == null ? NULL : codeByOrdinal[value.ordinal()];
    }

    /** Null is allowed and written as its own code. */
    public void write(DataOutput out, E value) throws IOException {
        out.writeByte(code(value));
    }

    public E read(DataInput in) throws IOException {
        byte code = in.readByte();
        if (code == NULL) {
            return null;
        }
        if (code < 0 || code >= byCode.length) {
            throw new StreamCorruptedException("unknown " + type.getSimpleName() + " code " + code);
        }
        return byCode[code];
    }
}
