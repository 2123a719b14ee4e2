package org.bourse.testsupport;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;

import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

import org.bourse.chain.evm.ExtendedPublicKey;
import org.bourse.chain.evm.Secp256k1;

/**
 * The private side of BIP-32 (and BIP-39 seeds), which the server deliberately lacks: what a key holder does
 * offline to hand the exchange an extended public key. Tests use it to make an xpub and to check that the
 * server's public derivation lands on the same addresses as the private one.
 */
public final class HdKeys {

    public static final int HARDENED = 0x8000_0000;

    /** A private key and chain code. */
    public record Node(BigInteger key, byte[] chainCode) {

        public ExtendedPublicKey publicKey() {
            return new ExtendedPublicKey(Secp256k1.publicPoint(key), chainCode);
        }
    }

    private HdKeys() {
    }

    /** BIP-39: the seed of a mnemonic (no passphrase). */
    public static byte[] seed(String mnemonic) {
        try {
            PBEKeySpec spec = new PBEKeySpec(mnemonic.toCharArray(), "mnemonic".getBytes(StandardCharsets.UTF_8), 2048, 512);
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA512").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Node master(byte[] seed) {
        byte[] i = hmac("Bitcoin seed".getBytes(StandardCharsets.US_ASCII), seed);
        return new Node(new BigInteger(1, Arrays.copyOf(i, 32)), Arrays.copyOfRange(i, 32, 64));
    }

    /** CKDpriv; an index with {@link #HARDENED} set is a hardened child. */
    public static Node child(Node parent, int index) {
        ByteBuffer data = ByteBuffer.allocate(37);
        if ((index & HARDENED) != 0) {
            data.put((byte) 0).put(unsigned32(parent.key()));
        } else {
            data.put(Secp256k1.publicPoint(parent.key()).getEncoded(true));
        }
        data.putInt(index);
        byte[] i = hmac(parent.chainCode(), data.array());
        BigInteger key = new BigInteger(1, Arrays.copyOf(i, 32)).add(parent.key()).mod(Secp256k1.N);
        return new Node(key, Arrays.copyOfRange(i, 32, 64));
    }

    public static Node path(byte[] seed, int... indexes) {
        Node node = master(seed);
        for (int index : indexes) {
            node = child(node, index);
        }
        return node;
    }

    /** The BIP-44 Ethereum account key {@code m/44'/60'/0'} as an xpub: what an exchange configures. */
    public static String accountXpub(byte[] seed) {
        return path(seed, 44 | HARDENED, 60 | HARDENED, HARDENED).publicKey().serialize(3, 0, HARDENED);
    }

    private static byte[] unsigned32(BigInteger value) {
        byte[] bytes = value.toByteArray();
        byte[] out = new byte[32];
        int length = Math.min(bytes.length, 32);
        System.arraycopy(bytes, bytes.length - length, out, 32 - length, length);
        return out;
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA512");
            mac.init(new SecretKeySpec(key, "HmacSHA512"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
