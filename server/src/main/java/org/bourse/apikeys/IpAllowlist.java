package org.bourse.apikeys;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The addresses a key may be used from: single addresses or CIDR blocks, IPv4 or IPv6; empty means any.
 * Entries are literals only, never looked up in DNS.
 */
record IpAllowlist(List<String> entries) {

    static final int MAX_ENTRIES = 30;
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    IpAllowlist {
        entries = List.copyOf(entries);
    }

    /** The entry as stored (address canonicalised, prefix kept), or empty when it is not an address or block. */
    static Optional<String> normalise(String entry) {
        if (entry == null) {
            return Optional.empty();
        }
        String text = entry.strip();
        int slash = text.indexOf('/');
        String address = slash < 0 ? text : text.substring(0, slash);
        Optional<byte[]> bytes = literal(address);
        if (bytes.isEmpty()) {
            return Optional.empty();
        }
        int bits = bytes.get().length * 8;
        if (slash < 0) {
            return Optional.of(text(bytes.get()));
        }
        String prefix = text.substring(slash + 1);
        if (!prefix.matches("\\d{1,3}") || Integer.parseInt(prefix) > bits) {
            return Optional.empty();
        }
        return Optional.of(text(bytes.get()) + "/" + Integer.parseInt(prefix));
    }

    boolean allows(String clientAddress) {
        if (entries.isEmpty()) {
            return true;
        }
        Optional<byte[]> client = literal(clientAddress);
        if (client.isEmpty()) {
            return false;
        }
        for (String entry : entries) {
            if (matches(entry, client.get())) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(String entry, byte[] client) {
        int slash = entry.indexOf('/');
        byte[] block = literal(slash < 0 ? entry : entry.substring(0, slash)).orElse(null);
        if (block == null || block.length != client.length) {
            return false;
        }
        int prefix = slash < 0 ? block.length * 8 : Integer.parseInt(entry.substring(slash + 1));
        for (int bit = 0; bit < prefix; bit++) {
            int mask = 0x80 >>> (bit % 8);
            if ((block[bit / 8] & mask) != (client[bit / 8] & mask)) {
                return false;
            }
        }
        return true;
    }

    /** The bytes of an IP literal; IPv4-mapped IPv6 addresses come back as IPv4 (InetAddress does that). */
    private static Optional<byte[]> literal(String text) {
        if (text == null || !(IPV4.matcher(text).matches() || IPV6.matcher(text).matches())) {
            return Optional.empty();
        }
        if (IPV4.matcher(text).matches()) {
            for (String part : text.split("\\.")) {
                if (Integer.parseInt(part) > 255) {
                    return Optional.empty();
                }
            }
        }
        try {
            return Optional.of(InetAddress.getByName(text).getAddress()); // a literal: no DNS lookup happens
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    static List<String> parseStored(String stored) {
        List<String> out = new ArrayList<>();
        for (String entry : stored.split(",")) {
            if (!entry.isBlank()) {
                out.add(entry.strip());
            }
        }
        return out;
    }

    /** Canonical text of an address, as {@link InetAddress#getHostAddress()} writes it. */
    private static String text(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
