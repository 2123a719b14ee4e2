package org.bourse.chain.evm;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.bouncycastle.math.ec.ECPoint;

/**
 * A BIP-32 extended public key ({@code xpub...}, or {@code tpub...}) and its non-hardened children: public key
 * plus chain code, enough to derive every child public key (and so every address) below it, but no private
 * key. Exchanges give their address server such a key, typically the account level {@code m/44'/60'/0'}, and
 * keep the private side offline; the children {@code 0/i} are then the addresses of BIP-44's external chain.
 */
public final class ExtendedPublicKey {

    private static final int MAINNET_PUBLIC = 0x0488B21E;
    private static final int TESTNET_PUBLIC = 0x043587CF;
    private static final int MAINNET_PRIVATE = 0x0488ADE4;
    private static final int TESTNET_PRIVATE = 0x04358394;
    private static final String ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

    private final ECPoint key;
    private final byte[] chainCode;

    public ExtendedPublicKey(ECPoint key, byte[] chainCode) {
        if (chainCode.length != 32) {
            throw new IllegalArgumentException("a chain code has 32 bytes");
        }
        this.key = key.normalize();
        this.chainCode = chainCode.clone();
    }

    /**
     * Parses the Base58Check serialization.
     *
     * @throws IllegalArgumentException when it is not an extended public key (an extended private key is refused:
     *                                  the server must not hold one)
     */
    public static ExtendedPublicKey parse(String serialized) {
        byte[] data = base58Check(serialized == null ? "" : serialized.trim());
        if (data.length != 78) {
            throw new IllegalArgumentException("an extended key has 78 bytes, this one " + data.length);
        }
        int version = ByteBuffer.wrap(data, 0, 4).getInt();
        if (version == MAINNET_PRIVATE || version == TESTNET_PRIVATE) {
            throw new IllegalArgumentException("this is an extended PRIVATE key; give the server the public one (xpub)");
        }
        if (version != MAINNET_PUBLIC && version != TESTNET_PUBLIC) {
            throw new IllegalArgumentException("not an extended public key (version " + Integer.toHexString(version) + ")");
        }
        byte[] chainCode = Arrays.copyOfRange(data, 13, 45);
        ECPoint point;
        try {
            point = Secp256k1.point(Arrays.copyOfRange(data, 45, 78));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("its public key is not a point of secp256k1");
        }
        return new ExtendedPublicKey(point, chainCode);
    }

    /** Serializes as {@code xpub} (depth, parent fingerprint and child number as given: they are informational). */
    public String serialize(int depth, int parentFingerprint, int childNumber) {
        ByteBuffer data = ByteBuffer.allocate(78).putInt(MAINNET_PUBLIC).put((byte) depth).putInt(parentFingerprint)
                .putInt(childNumber).put(chainCode).put(key.getEncoded(true));
        byte[] payload = data.array();
        byte[] check = Arrays.copyOf(doubleSha256(payload), 4);
        byte[] all = Arrays.copyOf(payload, payload.length + 4);
        System.arraycopy(check, 0, all, payload.length, 4);
        return base58(all);
    }

    /** CKDpub: the non-hardened child {@code index} (0 to 2^31 - 1). */
    public ExtendedPublicKey child(int index) {
        if (index < 0) {
            throw new IllegalArgumentException("hardened children (index >= 2^31) need the private key");
        }
        byte[] data = ByteBuffer.allocate(37).put(key.getEncoded(true)).putInt(index).array();
        byte[] i = hmacSha512(chainCode, data);
        BigInteger tweak = new BigInteger(1, Arrays.copyOfRange(i, 0, 32));
        if (tweak.compareTo(Secp256k1.N) >= 0) {
            throw new IllegalStateException("BIP-32 child " + index + " is invalid; use the next index");
        }
        ECPoint child = Secp256k1.generatorTimes(tweak).add(key).normalize();
        if (child.isInfinity()) {
            throw new IllegalStateException("BIP-32 child " + index + " is invalid; use the next index");
        }
        return new ExtendedPublicKey(child, Arrays.copyOfRange(i, 32, 64));
    }

    public Address address() {
        return Address.ofPublicKey(key.getEncoded(false));
    }

    public byte[] compressedKey() {
        return key.getEncoded(true);
    }

    public byte[] chainCode() {
        return chainCode.clone();
    }

    static byte[] hmacSha512(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA512");
            mac.init(new SecretKeySpec(key, "HmacSHA512"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no HmacSHA512", e);
        }
    }

    private static byte[] doubleSha256(byte[] data) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return sha.digest(sha.digest(data));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    private static byte[] base58Check(String text) {
        BigInteger value = BigInteger.ZERO;
        int leadingZeros = 0;
        boolean leading = true;
        for (char c : text.toCharArray()) {
            int digit = ALPHABET.indexOf(c);
            if (digit < 0) {
                throw new IllegalArgumentException("not Base58: '" + c + "'");
            }
            if (leading && digit == 0) {
                leadingZeros++;
            } else {
                leading = false;
            }
            value = value.multiply(BigInteger.valueOf(58)).add(BigInteger.valueOf(digit));
        }
        byte[] magnitude = value.signum() == 0 ? new byte[0] : value.toByteArray();
        int skip = magnitude.length > 0 && magnitude[0] == 0 ? 1 : 0;
        byte[] bytes = new byte[leadingZeros + magnitude.length - skip];
        System.arraycopy(magnitude, skip, bytes, leadingZeros, magnitude.length - skip);
        if (bytes.length < 5) {
            throw new IllegalArgumentException("too short for Base58Check");
        }
        byte[] payload = Arrays.copyOf(bytes, bytes.length - 4);
        byte[] check = Arrays.copyOfRange(bytes, bytes.length - 4, bytes.length);
        if (!Arrays.equals(Arrays.copyOf(doubleSha256(payload), 4), check)) {
            throw new IllegalArgumentException("its Base58Check checksum is wrong (a typing error?)");
        }
        return payload;
    }

    private static String base58(byte[] bytes) {
        BigInteger value = new BigInteger(1, bytes);
        StringBuilder out = new StringBuilder();
        BigInteger base = BigInteger.valueOf(58);
        while (value.signum() > 0) {
            BigInteger[] qr = value.divideAndRemainder(base);
            out.append(ALPHABET.charAt(qr[1].intValue()));
            value = qr[0];
        }
        for (int i = 0; i < bytes.length && bytes[i] == 0; i++) {
            out.append('1');
        }
        return out.reverse().toString();
    }
}
