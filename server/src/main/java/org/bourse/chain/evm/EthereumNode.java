package org.bourse.chain.evm;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A client of an EVM node's JSON-RPC API over HTTP: the dozen calls the deposit watcher and the withdrawal sender
 * make. A transport failure or an error answer throws {@link NodeException}; callers retry on their next round.
 */
public final class EthereumNode {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final URI url;
    private final HttpClient http;
    private final Duration timeout;
    private final AtomicLong ids = new AtomicLong();

    public EthereumNode(URI url, Duration timeout) {
        this.url = url;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
    }

    /** A failed call: {@code code} is the node's JSON-RPC error code, or 0 when the node could not be reached. */
    public static final class NodeException extends RuntimeException {
        private final long code;

        public NodeException(long code, String message) {
            super(message);
            this.code = code;
        }

        public long code() {
            return code;
        }
    }

    /** A transaction as a block lists it; {@code to} is null for contract creation. */
    public record Tx(String hash, Address from, Address to, BigInteger value) {
    }

    public record Block(long number, String hash, String parentHash, List<Tx> transactions) {
    }

    /** {@code success}: status 1; a reverted transaction still took its nonce and its gas. */
    public record Receipt(String transactionHash, long blockNumber, String blockHash, boolean success) {
    }

    public long chainId() {
        return Hex.number(call("eth_chainId").asString()).longValueExact();
    }

    public long blockNumber() {
        return Hex.number(call("eth_blockNumber").asString()).longValueExact();
    }

    /** The block with its transactions, or null when the chain is not that long. */
    public Block block(long number) {
        JsonNode block = call("eth_getBlockByNumber", Hex.quantity(number), true);
        if (block == null || block.isNull()) {
            return null;
        }
        List<Tx> transactions = new ArrayList<>();
        for (JsonNode tx : block.path("transactions")) {
            JsonNode to = tx.get("to");
            transactions.add(new Tx(tx.path("hash").asString(), Address.parse(tx.path("from").asString()),
                    to == null || to.isNull() ? null : Address.parse(to.asString()), Hex.number(tx.path("value").asString())));
        }
        return new Block(Hex.number(block.path("number").asString()).longValueExact(), block.path("hash").asString(),
                block.path("parentHash").asString(), transactions);
    }

    /** The receipt of a mined transaction, or null while it is not in the chain. */
    public Receipt receipt(String transactionHash) {
        JsonNode receipt = call("eth_getTransactionReceipt", transactionHash);
        if (receipt == null || receipt.isNull() || receipt.path("blockNumber").isNull()) {
            return null;
        }
        return new Receipt(receipt.path("transactionHash").asString(),
                Hex.number(receipt.path("blockNumber").asString()).longValueExact(), receipt.path("blockHash").asString(),
                Hex.number(receipt.path("status").asString("0x1")).signum() != 0);
    }

    /** Whether the node knows the transaction at all (in its pool or in the chain). */
    public boolean knows(String transactionHash) {
        JsonNode tx = call("eth_getTransactionByHash", transactionHash);
        return tx != null && !tx.isNull();
    }

    /** Wei, at the newest block. */
    public BigInteger balance(Address address) {
        return Hex.number(call("eth_getBalance", address.lowerCase(), "latest").asString());
    }

    /** The next nonce counting the node's pending pool. */
    public long pendingNonce(Address address) {
        return Hex.number(call("eth_getTransactionCount", address.lowerCase(), "pending").asString()).longValueExact();
    }

    public BigInteger gasPrice() {
        return Hex.number(call("eth_gasPrice").asString());
    }

    /** @return the transaction hash the node computed */
    public String sendRawTransaction(byte[] raw) {
        return call("eth_sendRawTransaction", Hex.of(raw)).asString();
    }

    /** Any call, for what this class does not wrap (tests drive a development node with it). */
    public JsonNode call(String method, Object... params) {
        ObjectNode request = JSON.createObjectNode().put("jsonrpc", "2.0").put("id", ids.incrementAndGet())
                .put("method", method);
        ArrayNode array = request.putArray("params");
        for (Object param : params) {
            array.add(JSON.valueToTree(param));
        }
        HttpRequest http = HttpRequest.newBuilder(url).timeout(timeout).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(request))).build();
        String body;
        try {
            HttpResponse<String> response = this.http.send(http, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new NodeException(0, method + ": HTTP " + response.statusCode());
            }
            body = response.body();
        } catch (IOException e) {
            throw new NodeException(0, method + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NodeException(0, method + ": interrupted");
        }
        JsonNode answer = JSON.readTree(body);
        JsonNode error = answer.get("error");
        if (error != null && !error.isNull()) {
            throw new NodeException(error.path("code").asLong(), method + ": " + error.path("message").asString());
        }
        return answer.get("result");
    }
}
