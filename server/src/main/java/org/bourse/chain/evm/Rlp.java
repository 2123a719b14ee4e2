package org.bourse.chain.evm;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.List;

/** Ethereum's recursive length prefix encoding, for the two things a transaction needs: byte strings and lists. */
public final class Rlp {

    private Rlp() {
    }

    public static byte[] string(byte[] bytes) {
        if (bytes.length == 1 && (bytes[0] & 0xff) < 0x80) {
            return bytes.clone();
        }
        return concat(prefix(0x80, bytes.length), bytes);
    }

    /** A non-negative integer as its shortest big-endian bytes (zero is the empty string). */
    public static byte[] number(BigInteger value) {
        if (value.signum() < 0) {
            throw new IllegalArgumentException("RLP numbers are non-negative");
        }
        byte[] bytes = value.toByteArray();
        int skip = 0;
        while (skip < bytes.length && bytes[skip] == 0) {
            skip++;
        }
        return string(java.util.Arrays.copyOfRange(bytes, skip, bytes.length));
    }

    public static byte[] number(long value) {
        return number(BigInteger.valueOf(value));
    }

    /** A list of already encoded items. */
    public static byte[] list(List<byte[]> encodedItems) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] item : encodedItems) {
            body.writeBytes(item);
        }
        return concat(prefix(0xc0, body.size()), body.toByteArray());
    }

    private static byte[] prefix(int offset, int length) {
        if (length < 56) {
            return new byte[] {(byte) (offset + length)};
        }
        byte[] size = BigInteger.valueOf(length).toByteArray();
        int skip = size[0] == 0 ? 1 : 0;
        byte[] out = new byte[1 + size.length - skip];
        out[0] = (byte) (offset + 55 + size.length - skip);
        System.arraycopy(size, skip, out, 1, size.length - skip);
        return out;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
