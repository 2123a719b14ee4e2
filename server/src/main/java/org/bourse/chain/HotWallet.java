package org.bourse.chain;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.bourse.chain.evm.Address;
import org.bourse.chain.evm.Secp256k1;
import org.bourse.chain.evm.Transfer;

/**
 * The exchange's spending key on the chain. Read once from a file or the environment variable
 * {@code BOURSE_ETH_HOT_WALLET_KEY} (hex, with or without {@code 0x}); the key never leaves this object: no
 * getter, and {@link #toString()} shows the address only, so no log line or error message can carry it.
 */
final class HotWallet {

    static final String ENVIRONMENT_VARIABLE = "BOURSE_ETH_HOT_WALLET_KEY";

    private final BigInteger key;
    private final Address address;

    private HotWallet(BigInteger key) {
        this.key = key;
        this.address = Address.ofPublicKey(Secp256k1.publicPoint(key).getEncoded(false));
    }

    /** @throws IllegalStateException naming where the key was looked for, never the key itself */
    static HotWallet load(Path file, String environmentValue) {
        String text;
        String source;
        if (file != null && !file.toString().isBlank()) {
            try {
                text = Files.readString(file, StandardCharsets.US_ASCII);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the hot wallet key file " + file, e);
            }
            source = "the file " + file;
        } else if (environmentValue != null && !environmentValue.isBlank()) {
            text = environmentValue;
            source = "the environment variable " + ENVIRONMENT_VARIABLE;
        } else {
            throw new IllegalStateException("A chain is configured (BOURSE_ETH_RPC_URL) but no hot wallet key: set "
                    + "BOURSE_ETH_HOT_WALLET_KEY_FILE or " + ENVIRONMENT_VARIABLE);
        }
        String hex = text.strip();
        hex = hex.startsWith("0x") ? hex.substring(2) : hex;
        if (!hex.matches("[0-9a-fA-F]{64}")) {
            throw new IllegalStateException("The hot wallet key in " + source + " is not 64 hexadecimal digits");
        }
        BigInteger key = new BigInteger(hex, 16);
        if (key.signum() == 0 || key.compareTo(Secp256k1.N) >= 0) {
            throw new IllegalStateException("The hot wallet key in " + source + " is not a valid secp256k1 key");
        }
        return new HotWallet(key);
    }

    Address address() {
        return address;
    }

    Transfer.Signed sign(Transfer transfer) {
        return transfer.sign(key);
    }

    @Override
    public String toString() {
        return "HotWallet[" + address + "]";
    }
}
