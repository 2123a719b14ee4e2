package org.bourse.chain.evm;

import java.math.BigInteger;
import java.util.List;

/**
 * A plain value transfer as a legacy transaction with EIP-155 replay protection (the chain id is signed in), the
 * kind every EVM node accepts. {@link #sign} gives the raw bytes to broadcast and their hash, the transaction's id.
 *
 * @param nonce    the sender's transaction count this one takes
 * @param gasPrice wei per unit of gas
 * @param gasLimit 21 000 for a transfer to an account without code
 * @param value    wei
 */
public record Transfer(long chainId, long nonce, BigInteger gasPrice, long gasLimit, Address to, BigInteger value) {

    public static final long PLAIN_TRANSFER_GAS = 21_000;

    /** A transaction signed and encoded: {@code raw} is what {@code eth_sendRawTransaction} takes. */
    public record Signed(byte[] raw, String hash) {
    }

    public Signed sign(BigInteger privateKey) {
        byte[] unsigned = Rlp.list(fields(Rlp.number(chainId), Rlp.number(0), Rlp.number(0)));
        Secp256k1.Signature signature = Secp256k1.sign(Keccak.hash256(unsigned), privateKey);
        BigInteger v = BigInteger.valueOf(chainId).shiftLeft(1).add(BigInteger.valueOf(35L + signature.recoveryId()));
        byte[] raw = Rlp.list(fields(Rlp.number(v), Rlp.number(signature.r()), Rlp.number(signature.s())));
        return new Signed(raw, Hex.of(Keccak.hash256(raw)));
    }

    private List<byte[]> fields(byte[] v, byte[] r, byte[] s) {
        return List.of(Rlp.number(nonce), Rlp.number(gasPrice), Rlp.number(gasLimit), Rlp.string(to.bytes()),
                Rlp.number(value), Rlp.string(new byte[0]), v, r, s);
    }
}
