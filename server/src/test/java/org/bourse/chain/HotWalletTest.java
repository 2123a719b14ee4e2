package org.bourse.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hot wallet's key is used, never shown: not in its text, not in any error about it. */
class HotWalletTest {

    /** Anvil's development account 0: a key everybody knows, fine for a test. */
    private static final String KEY = "ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

    @Test
    void aKeyFromAFileGivesItsAddressAndNeverShowsItself(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("hot.key"), "0x" + KEY + "\n");

        HotWallet wallet = HotWallet.load(file, null);

        assertThat(wallet.address().toString()).isEqualTo("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266");
        assertThat(wallet.toString()).contains("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266").doesNotContainIgnoringCase(KEY);
        assertThat(HotWallet.load(null, KEY).address()).isEqualTo(wallet.address());
    }

    @Test
    void aMalformedKeyIsRefusedWithoutRepeatingIt(@TempDir Path dir) throws IOException {
        String almost = KEY.substring(0, 63) + "z";
        Path file = Files.writeString(dir.resolve("hot.key"), almost);

        assertThatThrownBy(() -> HotWallet.load(file, null)).hasMessageContaining(file.toString())
                .hasMessageNotContaining(almost).hasMessageNotContaining(KEY.substring(0, 20));
        assertThatThrownBy(() -> HotWallet.load(null, almost)).hasMessageContaining("BOURSE_ETH_HOT_WALLET_KEY")
                .hasMessageNotContaining(almost.substring(0, 20));
        assertThatThrownBy(() -> HotWallet.load(null, "0".repeat(64))).hasMessageContaining("not a valid");
        assertThatThrownBy(() -> HotWallet.load(null, null)).hasMessageContaining("BOURSE_ETH_HOT_WALLET_KEY_FILE");
    }
}
