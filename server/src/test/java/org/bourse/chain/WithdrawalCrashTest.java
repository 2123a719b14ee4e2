package org.bourse.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import org.bourse.BourseApplication;
import org.bourse.chain.evm.Address;
import org.bourse.chain.evm.Hex;
import org.bourse.chain.evm.Keccak;
import org.bourse.chain.evm.Secp256k1;
import org.bourse.testsupport.Anvil;
import org.bourse.testsupport.HdKeys;
import org.bourse.testsupport.HttpApi;
import org.bourse.testsupport.RequiresAnvil;
import org.bourse.testsupport.Traders;
import org.bourse.testsupport.Traders.Trader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The server stops between signing withdrawals and getting them on the chain, and starts again: each withdrawal
 * is on the chain exactly once. The first server reaches the node through a proxy that loses broadcasts: the
 * first transaction never reaches the node, the second does but its answer is lost, so the server cannot know.
 * The second server talks to the node directly and finds both signed transactions where the first one left them.
 */
@RequiresAnvil
class WithdrawalCrashTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path data;

    @Test
    void aCrashBetweenSigningAndBroadcastingNeverSendsAWithdrawalTwice() throws Exception {
        try (Anvil anvil = Anvil.start(); LossyProxy proxy = new LossyProxy(URI.create(anvil.url()))) {
            SecureRandom random = new SecureRandom();
            byte[] seed = new byte[32];
            random.nextBytes(seed);
            BigInteger key = new BigInteger(1, keyBytes(random));
            Address hotWallet = Address.ofPublicKey(Secp256k1.publicPoint(key).getEncoded(false));
            anvil.setBalance(hotWallet, Anvil.ETHER.multiply(BigInteger.TEN));
            Path keyFile = Files.writeString(data.resolve("hot-wallet.key"), HexFormat.of().formatHex(keyBytes(key)));
            String xpub = HdKeys.accountXpub(seed);
            Address first = OnChainTest.freshAddress();
            Address second = OnChainTest.freshAddress();
            String firstId;
            String secondId;
            Trader alice;

            try (ConfigurableApplicationContext server = start(proxy.url(), xpub, keyFile)) {
                alice = new Traders(port(server)).newTrader();
                String address = alice.api().get("/api/v1/deposit-address?asset=ETH").text("address");
                String deposit = anvil.send(Address.parseChecksummed(address), OnChainTest.ether("2"));
                anvil.mine(2);
                Eventually.until("deposit " + deposit + " credited", () -> alice.available("ETH"), a -> a.signum() > 0);

                firstId = requested(alice, "0.3", first, "crash-1");
                Eventually.until("the first broadcast tried", proxy::distinctSends, n -> n >= 1);
                secondId = requested(alice, "0.4", second, "crash-2");
                Eventually.until("the second broadcast tried", proxy::distinctSends, n -> n >= 2);
                assertThat(status(alice, firstId)).isEqualTo("approved"); // signed, not known to be sent
                assertThat(status(alice, secondId)).isEqualTo("approved");
            } // the server stops here, its answers from the node lost

            assertThat(anvil.transactionCount(hotWallet)).isZero();
            assertThat(anvil.node().balance(first)).isZero();

            try (ConfigurableApplicationContext restarted = start(anvil.url(), xpub, keyFile)) {
                Trader again = new Trader(alice.id(), alice.username(), alice.api().withPort(port(restarted)));
                Eventually.until("both on the chain", () -> List.of(status(again, firstId), status(again, secondId)),
                        s -> s.stream().allMatch(status -> status.equals("broadcast") || status.equals("confirmed")));
                anvil.mine(2);
                Eventually.until("both confirmed", () -> List.of(status(again, firstId), status(again, secondId)),
                        s -> s.equals(List.of("confirmed", "confirmed")));

                assertThat(anvil.transactionCount(hotWallet)).isEqualTo(2);
                assertThat(anvil.node().balance(first)).isEqualTo(OnChainTest.ether("0.3"));
                assertThat(anvil.node().balance(second)).isEqualTo(OnChainTest.ether("0.4"));
                assertThat(txHash(again, firstId)).isEqualTo(proxy.sent().get(0));
                assertThat(txHash(again, secondId)).isEqualTo(proxy.sent().get(1));
                Eventually.until("settled", () -> again.balance("ETH"), b -> b[1].signum() == 0);
                assertThat(again.available("ETH")).isEqualByComparingTo("1.298");
            }
        }
    }

    private ConfigurableApplicationContext start(String rpcUrl, String xpub, Path keyFile) {
        return new SpringApplicationBuilder(BourseApplication.class).run("--server.port=0", "--bourse.data-dir=" + data,
                "--spring.datasource.url=", "--spring.datasource.username=", "--spring.datasource.password=",
                "--bourse.redis.url=", "--bourse.jwt.secret=", "--bourse.demo.enabled=false",
                "--server.forward-headers-strategy=native", "--bourse.accounts.require-verified-email=false", "--bourse.rate-limit.capacity=100000",
                "--bourse.rate-limit.refill-per-second=100000", "--bourse.chain.rpc-url=" + rpcUrl,
                "--bourse.chain.chain-id=" + Anvil.CHAIN_ID, "--bourse.chain.confirmations=2",
                "--bourse.chain.xpub=" + xpub, "--bourse.chain.hot-wallet-key-file=" + keyFile,
                "--bourse.chain.start-block=0", "--bourse.chain.poll-interval=100ms", "--bourse.chain.rpc-timeout=5s");
    }

    private static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    private static String requested(Trader trader, String amount, Address to, String transactionId) {
        HttpApi.Reply reply = trader.api().post("/api/v1/withdrawals", OnChainTest.withdrawal(amount, to, transactionId));
        assertThat(reply.status()).as("%s", reply).isEqualTo(201);
        return reply.text("id");
    }

    private static String status(Trader trader, String id) {
        return trader.api().get("/api/v1/withdrawals/" + id).text("status");
    }

    private static String txHash(Trader trader, String id) {
        return trader.api().get("/api/v1/withdrawals/" + id).text("tx_hash");
    }

    private static byte[] keyBytes(SecureRandom random) {
        while (true) {
            byte[] bytes = new byte[32];
            random.nextBytes(bytes);
            BigInteger key = new BigInteger(1, bytes);
            if (key.signum() > 0 && key.compareTo(Secp256k1.N) < 0) {
                return bytes;
            }
        }
    }

    private static byte[] keyBytes(BigInteger key) {
        byte[] bytes = key.toByteArray();
        byte[] out = new byte[32];
        int length = Math.min(bytes.length, 32);
        System.arraycopy(bytes, bytes.length - length, out, 32 - length, length);
        return out;
    }

    /**
     * Passes JSON-RPC calls to the node, except broadcasts: the first transaction is never passed on, the second is
     * passed on once, and every broadcast is answered 503, as a node that went away would.
     */
    private static final class LossyProxy implements AutoCloseable {

        private final URI node;
        private final HttpServer server;
        private final HttpClient http = HttpClient.newHttpClient();
        private final List<String> sent = new CopyOnWriteArrayList<>();

        LossyProxy(URI node) throws IOException {
            this.node = node;
            this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", this::handle);
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        /** The hashes of the distinct transactions broadcast, in order. */
        List<String> sent() {
            return sent;
        }

        int distinctSends() {
            return sent.size();
        }

        private void handle(HttpExchange exchange) throws IOException {
            try (exchange) {
                String body;
                try (InputStream in = exchange.getRequestBody()) {
                    body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
                JsonNode call = JSON.readTree(body);
                if (call.path("method").asString().equals("eth_sendRawTransaction")) {
                    String hash = Hex.of(Keccak.hash256(Hex.bytes(call.path("params").get(0).asString())));
                    boolean passOn;
                    synchronized (sent) {
                        passOn = !sent.contains(hash) && sent.size() == 1;
                        if (!sent.contains(hash)) {
                            sent.add(hash);
                        }
                    }
                    if (passOn) {
                        forward(body);
                    }
                    exchange.sendResponseHeaders(503, -1);
                    return;
                }
                HttpResponse<byte[]> answer = forward(body);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(answer.statusCode(), answer.body().length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer.body());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private HttpResponse<byte[]> forward(String body) throws IOException, InterruptedException {
            return http.send(HttpRequest.newBuilder(node).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
