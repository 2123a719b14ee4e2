package org.bourse.chain.evm;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * A 20-byte account address. Written in EIP-55 form: hex whose letters are upper case where the Keccak-256 of
 * the lower-case hex has a nibble of 8 or more, so that a mistyped address fails its checksum.
 */
public record Address(byte[] bytes) {

    public Address {
        if (bytes.length != 20) {
            throw new IllegalArgumentException("an address has 20 bytes, not " + bytes.length);
        }
        bytes = bytes.clone();
    }

    /** The address of an uncompressed public key ({@code 04 || x || y}): the last 20 bytes of Keccak-256(x || y). */
    public static Address ofPublicKey(byte[] uncompressed) {
        byte[] hash = Keccak.hash256(Arrays.copyOfRange(uncompressed, 1, uncompressed.length));
        return new Address(Arrays.copyOfRange(hash, 12, 32));
    }

    /** Why {@code text} is not an EIP-55 checksummed address, or null when it is one. */
    public static String problem(String text) {
        if (text == null || !text.matches("0x[0-9a-fA-F]{40}")) {
            return "must be 0x followed by 40 hexadecimal digits";
        }
        if (!text.equals(checksummed(text.substring(2)))) {
            return "does not match its EIP-55 checksum (mixed-case letters); check it for a typing error";
        }
        return null;
    }

    /** Parses an EIP-55 address. @throws IllegalArgumentException when it is not one */
    public static Address parseChecksummed(String text) {
        String problem = problem(text);
        if (problem != null) {
            throw new IllegalArgumentException("address " + problem);
        }
        return new Address(Hex.bytes(text.toLowerCase(Locale.ROOT)));
    }

    /** Parses any 0x-prefixed 40-digit address, whatever its case (as a node writes them). */
    public static Address parse(String text) {
        if (text == null || !text.matches("0x[0-9a-fA-F]{40}")) {
            throw new IllegalArgumentException("not an address: " + text);
        }
        return new Address(Hex.bytes(text.toLowerCase(Locale.ROOT)));
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The EIP-55 form. */
    @Override
    public String toString() {
        return checksummed(Hex.of(bytes).substring(2));
    }

    /** The lower-case form, to compare and to store as a key. */
    public String lowerCase() {
        return Hex.of(bytes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Address address && Arrays.equals(bytes, address.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    private static String checksummed(String hex) {
        String lower = hex.toLowerCase(Locale.ROOT);
        byte[] hash = Keccak.hash256(lower.getBytes(StandardCharsets.US_ASCII));
        StringBuilder out = new StringBuilder("0x");
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            int nibble = (hash[i / 2] >> (i % 2 == 0 ? 4 : 0)) & 0xf;
            out.append(Character.isLetter(c) && nibble >= 8 ? Character.toUpperCase(c) : c);
        }
        return out.toString();
    }
}
