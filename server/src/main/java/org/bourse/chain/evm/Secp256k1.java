package org.bourse.chain.evm;

import java.math.BigInteger;

import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;

/**
 * The secp256k1 curve: public keys of private keys, points of compressed keys, and signatures with the recovery
 * id Ethereum needs ({@code v}). Nonces are deterministic (RFC 6979), so signing the same transaction twice
 * gives the same bytes, and {@code s} is always the lower of its two valid values (EIP-2).
 */
public final class Secp256k1 {

    static final X9ECParameters CURVE = CustomNamedCurves.getByName("secp256k1");
    public static final BigInteger N = CURVE.getN();
    private static final BigInteger HALF_N = N.shiftRight(1);

    /** {@code recoveryId} is 0 or 1: the parity of the nonce point's y (after normalising s). */
    public record Signature(BigInteger r, BigInteger s, int recoveryId) {
    }

    private Secp256k1() {
    }

    /** {@code d * G}. */
    public static ECPoint publicPoint(BigInteger privateKey) {
        checkPrivate(privateKey);
        return new FixedPointCombMultiplier().multiply(CURVE.getG(), privateKey).normalize();
    }

    /** Decodes a compressed (33-byte) or uncompressed (65-byte) public key. */
    public static ECPoint point(byte[] encoded) {
        return CURVE.getCurve().decodePoint(encoded).normalize();
    }

    public static ECPoint generatorTimes(BigInteger scalar) {
        return new FixedPointCombMultiplier().multiply(CURVE.getG(), scalar);
    }

    public static Signature sign(byte[] hash32, BigInteger privateKey) {
        checkPrivate(privateKey);
        BigInteger e = new BigInteger(1, hash32);
        HMacDSAKCalculator nonces = new HMacDSAKCalculator(new SHA256Digest());
        nonces.init(N, privateKey, hash32);
        while (true) {
            BigInteger k = nonces.nextK();
            ECPoint point = generatorTimes(k).normalize();
            BigInteger r = point.getAffineXCoord().toBigInteger().mod(N);
            if (r.signum() == 0) {
                continue;
            }
            BigInteger s = k.modInverse(N).multiply(e.add(r.multiply(privateKey))).mod(N);
            if (s.signum() == 0) {
                continue;
            }
            if (point.getAffineXCoord().toBigInteger().compareTo(N) >= 0) {
                continue; // x beyond n: astronomically rare, and not expressible in an Ethereum v
            }
            int recoveryId = point.getAffineYCoord().toBigInteger().testBit(0) ? 1 : 0;
            if (s.compareTo(HALF_N) > 0) {
                s = N.subtract(s);
                recoveryId ^= 1;
            }
            return new Signature(r, s, recoveryId);
        }
    }

    private static void checkPrivate(BigInteger key) {
        if (key.signum() <= 0 || key.compareTo(N) >= 0) {
            throw new IllegalArgumentException("not a secp256k1 private key");
        }
    }
}
