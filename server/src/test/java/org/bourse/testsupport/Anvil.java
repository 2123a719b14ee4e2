package org.bourse.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

import org.bourse.chain.evm.Address;
import org.bourse.chain.evm.EthereumNode;
import org.bourse.chain.evm.Hex;

/**
 * A local EVM development node for the chain tests: anvil, from the npm package {@code @foundry-rs/anvil} (its
 * Linux binary ships in {@code @foundry-rs/anvil-linux-<arch>}), started on a free port and stopped with
 * {@link #close()}. Where the binary is: the environment variable {@code BOURSE_ANVIL} (the binary's path), else
 * {@code ~/.cache/bourse-tools/node_modules/@foundry-rs/anvil-linux-<arch>/bin/anvil} (where {@code .ci/run}
 * installs it with npm), else {@code anvil} on the {@code PATH}. See {@link RequiresAnvil}.
 */
public final class Anvil implements AutoCloseable {

    public static final long CHAIN_ID = 31_337;
    public static final BigInteger ETHER = BigInteger.TEN.pow(18);

    private final Process process;
    private final URI url;
    private final EthereumNode node;

    private Anvil(Process process, URI url) {
        this.process = process;
        this.url = url;
        this.node = new EthereumNode(url, Duration.ofSeconds(10));
    }

    /** The binary, if this machine has one. */
    public static Optional<Path> locate() {
        String configured = System.getenv("BOURSE_ANVIL");
        if (configured != null && !configured.isBlank()) {
            Path path = Path.of(configured);
            return Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
        }
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT).contains("aarch64") ? "arm64" : "amd64";
        Path cached = Path.of(System.getProperty("user.home"), ".cache", "bourse-tools", "node_modules", "@foundry-rs",
                "anvil-linux-" + arch, "bin", "anvil");
        if (Files.isExecutable(cached)) {
            return Optional.of(cached);
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, "anvil");
            if (!dir.isBlank() && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Starts a fresh chain (automatic mining: one block per transaction) and waits until it answers. */
    public static Anvil start() {
        Path binary = locate().orElseThrow(() -> new IllegalStateException("no anvil binary: see RequiresAnvil"));
        int port = freePort();
        try {
            Process process = new ProcessBuilder(binary.toString(), "--host", "127.0.0.1", "--port", Integer.toString(port),
                    "--chain-id", Long.toString(CHAIN_ID), "--quiet")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            Anvil anvil = new Anvil(process, URI.create("http://127.0.0.1:" + port));
            anvil.awaitReady();
            return anvil;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + binary, e);
        }
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                node.blockNumber();
                return;
            } catch (EthereumNode.NodeException notYet) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    close();
                    throw new IllegalStateException("anvil did not start: " + notYet.getMessage());
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    public String url() {
        return url.toString();
    }

    public EthereumNode node() {
        return node;
    }

    /** Mines {@code blocks} empty blocks. */
    public void mine(int blocks) {
        node.call("anvil_mine", Hex.quantity(blocks));
    }

    public String snapshot() {
        return node.call("evm_snapshot").asString();
    }

    /** Goes back to the snapshot: the blocks since are gone, as in a reorganisation. */
    public void revert(String snapshot) {
        if (!node.call("evm_revert", snapshot).asBoolean()) {
            throw new IllegalStateException("anvil did not revert to " + snapshot);
        }
    }

    public void setBalance(Address address, BigInteger wei) {
        node.call("anvil_setBalance", address.lowerCase(), Hex.quantity(wei));
    }

    /** Sends {@code wei} from one of anvil's own unlocked accounts. @return the transaction hash */
    public String send(Address to, BigInteger wei) {
        String from = node.call("eth_accounts").get(1).asString();
        return node.call("eth_sendTransaction", java.util.Map.of("from", from, "to", to.lowerCase(),
                "value", Hex.quantity(wei))).asString();
    }

    public long transactionCount(Address address) {
        return Hex.number(node.call("eth_getTransactionCount", address.lowerCase(), "latest").asString()).longValueExact();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
