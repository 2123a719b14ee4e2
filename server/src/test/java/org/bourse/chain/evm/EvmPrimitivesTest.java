package org.bourse.chain.evm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.security.SecureRandom;

import org.bourse.testsupport.HdKeys;
import org.junit.jupiter.api.Test;

/** The cryptography a deposit address and a withdrawal rest on, against published vectors and a development chain's keys. */
class EvmPrimitivesTest {

    /** The development mnemonic of Hardhat and anvil, and the accounts both print for it (m/44'/60'/0'/0/i). */
    private static final String DEV_MNEMONIC = "test test test test test test test test test test test junk";
    private static final String[] DEV_ACCOUNTS = {"0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266",
            "0x70997970C51812dc3A010C7d01b50e0d17dc79C8"};
    private static final String DEV_KEY_0 = "ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

    @Test
    void eip55ChecksummedAddressesPassAndATypoInTheirCaseFails() {
        // the examples of EIP-55 itself
        for (String valid : new String[] {"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
                "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359", "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
                "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb"}) {
            assertThat(Address.problem(valid)).as(valid).isNull();
            assertThat(Address.parse(valid.toLowerCase()).toString()).isEqualTo(valid);
        }
        assertThat(Address.problem("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD")).contains("checksum");
        assertThat(Address.problem("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed")).contains("checksum");
        assertThat(Address.problem("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeA")).contains("40 hexadecimal");
        assertThat(Address.problem("5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed00")).contains("40 hexadecimal");
        assertThat(Address.problem(null)).isNotNull();
    }

    @Test
    void aPrivateKeyGivesTheAddressEveryWalletGivesIt() {
        BigInteger key = new BigInteger(DEV_KEY_0, 16);
        assertThat(Address.ofPublicKey(Secp256k1.publicPoint(key).getEncoded(false)).toString()).isEqualTo(DEV_ACCOUNTS[0]);
    }

    @Test
    void depositAddressesFromTheAccountXpubAreTheAddressesOfTheWalletThatHoldsThePrivateKeys() {
        String xpub = HdKeys.accountXpub(HdKeys.seed(DEV_MNEMONIC));
        assertThat(xpub).startsWith("xpub");

        ExtendedPublicKey external = ExtendedPublicKey.parse(xpub).child(0);

        for (int i = 0; i < DEV_ACCOUNTS.length; i++) {
            assertThat(external.child(i).address().toString()).isEqualTo(DEV_ACCOUNTS[i]);
        }
    }

    @Test
    void publicDerivationMatchesPrivateDerivationForAnySeed() {
        SecureRandom random = new SecureRandom();
        for (int round = 0; round < 5; round++) {
            byte[] seed = new byte[32];
            random.nextBytes(seed);
            HdKeys.Node account = HdKeys.path(seed, 44 | HdKeys.HARDENED, 60 | HdKeys.HARDENED, HdKeys.HARDENED);
            ExtendedPublicKey parsed = ExtendedPublicKey.parse(HdKeys.accountXpub(seed));
            for (int index : new int[] {0, 1, 7, 123_456, Integer.MAX_VALUE}) {
                Address fromPrivate = HdKeys.child(HdKeys.child(account, 0), index).publicKey().address();
                assertThat(parsed.child(0).child(index).address()).isEqualTo(fromPrivate);
            }
        }
    }

    @Test
    void anExtendedPrivateKeyOrADamagedXpubIsRefused() {
        String xpub = HdKeys.accountXpub(HdKeys.seed(DEV_MNEMONIC));
        char last = xpub.charAt(xpub.length() - 1);
        String damaged = xpub.substring(0, xpub.length() - 1) + (last == 'a' ? 'b' : 'a');
        assertThatThrownBy(() -> ExtendedPublicKey.parse(damaged)).hasMessageContaining("checksum");
        // BIP-32's first test vector, master private key
        assertThatThrownBy(() -> ExtendedPublicKey.parse("xprv9s21ZrQH143K3QTDL4LXw2F7HEK3wJUD2nW2nRk4stbPy6cq3jPPqjiChkVvvNK"
                + "mPGJxWUtg6LnF5kejMRNNU3TGtRBeJgk33yuGBxrMPHi")).hasMessageContaining("PRIVATE");
        assertThatThrownBy(() -> ExtendedPublicKey.parse("not a key")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSignedTransferIsByteForByteTheOneOfEip155sExample() {
        // EIP-155's example: nonce 9, 20 gwei, 21000 gas, 1 ether to 0x3535...35 on chain 1, key 0x4646...46
        Transfer transfer = new Transfer(1, 9, BigInteger.valueOf(20_000_000_000L), 21_000,
                Address.parse("0x3535353535353535353535353535353535353535"), BigInteger.TEN.pow(18));

        Transfer.Signed signed = transfer.sign(new BigInteger("46".repeat(32), 16));

        assertThat(Hex.of(signed.raw())).isEqualTo("0xf86c098504a817c800825208943535353535353535353535353535353535353535880de0b6"
                + "b3a76400008025a028ef61340bd939bc2195fe537567866003e1a15d3c71ff63e1590620aa636276a067cbe9d8997f761aecb703"
                + "304b3800ccf555c9f3dc64214b297fb1966a3b6d83");
        assertThat(signed.hash()).isEqualTo(Hex.of(Keccak.hash256(signed.raw())));
    }

    @Test
    void rlpEncodesShortAndLongStringsAndLists() {
        assertThat(Rlp.number(0)).containsExactly(0x80);
        assertThat(Rlp.number(15)).containsExactly(0x0f);
        assertThat(Rlp.number(1024)).containsExactly(0x82, 0x04, 0x00);
        assertThat(Rlp.string("dog".getBytes())).containsExactly(0x83, 'd', 'o', 'g');
        byte[] longString = new byte[56];
        assertThat(Rlp.string(longString)).startsWith(0xb8, 56);
        assertThat(Rlp.list(java.util.List.of(Rlp.string("cat".getBytes()), Rlp.string("dog".getBytes()))))
                .containsExactly(0xc8, 0x83, 'c', 'a', 't', 0x83, 'd', 'o', 'g');
    }
}
