package org.bourse.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bourse.testsupport.ProblemAssertions.assertProblem;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.bourse.chain.evm.Address;
import org.bourse.chain.evm.Secp256k1;
import org.bourse.testsupport.Anvil;
import org.bourse.testsupport.BourseHttpTest;
import org.bourse.testsupport.HdKeys;
import org.bourse.testsupport.HttpApi;
import org.bourse.testsupport.RequiresAnvil;
import org.bourse.testsupport.Traders;
import org.bourse.testsupport.Traders.Trader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import tools.jackson.databind.JsonNode;

/**
 * Deposits and withdrawals of ETH against a real local EVM node (anvil, a fresh chain per class): addresses from an
 * xpub, confirmations, a reorganisation, a withdrawal signed by the hot wallet, mined and settled, and the
 * refusals. After every test the books must balance: users' balances plus fees (pending withdrawals are inside
 * the users' balances, as held funds) equal the deposits credited less the withdrawals paid out, and what the
 * engine holds for withdrawals equals what the withdrawals still pending ask.
 */
@BourseHttpTest
@RequiresAnvil
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestPropertySource(properties = {"bourse.demo.enabled=false", "bourse.rate-limit.capacity=100000",
        "bourse.rate-limit.refill-per-second=100000"})
class OnChainTest {

    static final int CONFIRMATIONS = 3;
    private static Anvil anvil;
    private static Path keyFile;
    private static Address hotWallet;

    @LocalServerPort
    int port;

    private Traders traders;

    @DynamicPropertySource
    static void chain(DynamicPropertyRegistry registry) throws IOException {
        anvil = Anvil.start();
        SecureRandom random = new SecureRandom();
        byte[] seed = new byte[32];
        random.nextBytes(seed);
        BigInteger key = new BigInteger(1, randomBytes(random));
        hotWallet = Address.ofPublicKey(Secp256k1.publicPoint(key).getEncoded(false));
        anvil.setBalance(hotWallet, Anvil.ETHER.multiply(BigInteger.valueOf(100)));
        keyFile = Files.createTempFile("bourse-hot-wallet-", ".key");
        Files.writeString(keyFile, HexFormat.of().formatHex(randomBytesOf(key)));
        registry.add("bourse.chain.rpc-url", anvil::url);
        registry.add("bourse.chain.chain-id", () -> Anvil.CHAIN_ID);
        registry.add("bourse.chain.confirmations", () -> CONFIRMATIONS);
        registry.add("bourse.chain.xpub", () -> HdKeys.accountXpub(seed));
        registry.add("bourse.chain.hot-wallet-key-file", keyFile::toString);
        registry.add("bourse.chain.withdrawal-fee", () -> "0.001");
        registry.add("bourse.chain.min-withdrawal", () -> "0.002");
        registry.add("bourse.chain.auto-approve-below", () -> "1");
        registry.add("bourse.chain.start-block", () -> 0);
        registry.add("bourse.chain.poll-interval", () -> "100ms");
    }

    @AfterAll
    static void stopChain() throws IOException {
        if (anvil != null) {
            anvil.close();
        }
        if (keyFile != null) {
            Files.deleteIfExists(keyFile);
        }
    }

    @BeforeEach
    void traders() {
        traders = new Traders(port);
    }

    /** The one way these tests become an administrator. */
    private HttpApi admin() {
        return traders.admin();
    }

    // ---- deposits ----

    @Test
    void aDepositIsCreditedAfterTheRequiredConfirmationsAndNotBefore() {
        Trader alice = traders.newTrader();
        Address address = depositAddress(alice);

        String tx = anvil.send(address, ether("1.5"));

        JsonNode seen = depositOf(alice, tx, d -> d.path("confirmations").asLong() == 1);
        assertThat(seen.path("status").asString()).isEqualTo("seen");
        assertThat(seen.path("required_confirmations").asInt()).isEqualTo(CONFIRMATIONS);
        assertThat(seen.path("amount").asString()).isEqualTo("1.50000000");
        assertThat(alice.available("ETH")).isZero();

        anvil.mine(1);
        JsonNode confirming = depositOf(alice, tx, d -> d.path("confirmations").asLong() == 2);
        assertThat(confirming.path("status").asString()).isEqualTo("confirming");
        assertThat(alice.available("ETH")).isZero();

        anvil.mine(1);
        JsonNode credited = depositOf(alice, tx, d -> d.path("status").asString().equals("credited"));
        assertThat(credited.path("credited_at").isNull()).isFalse();
        assertThat(alice.available("ETH")).isEqualByComparingTo("1.5");
        JsonNode line = alice.api().get("/api/v1/ledger?asset=ETH&type=deposit").json().path("items").get(0);
        assertThat(line.path("transaction_id").asString()).isEqualTo(tx + "/0");
        assertThat(line.path("amount").asString()).isEqualTo("1.50000000");
    }

    @Test
    void aReorganisationBeforeTheConfirmationsUnseesADepositAndItIsNeverCredited() {
        Trader bob = traders.newTrader();
        Address address = depositAddress(bob);
        String beforeTheDeposit = anvil.snapshot();
        String tx = anvil.send(address, ether("0.7"));
        depositOf(bob, tx, d -> d.path("status").asString().equals("seen"));

        anvil.revert(beforeTheDeposit); // the block with the deposit is gone
        anvil.mine(CONFIRMATIONS + 1);   // and a longer chain without it grows in its place

        Eventually.until("un-seen", () -> deposits(bob), items -> items.isEmpty());
        // a later deposit to someone else, once credited, shows the watcher went well past the lost block
        Trader carol = traders.newTrader();
        String marker = anvil.send(depositAddress(carol), ether("0.1"));
        anvil.mine(CONFIRMATIONS);
        depositOf(carol, marker, d -> d.path("status").asString().equals("credited"));
        assertThat(deposits(bob)).isEmpty();
        assertThat(bob.available("ETH")).isZero();
    }

    @Test
    void everyUserHasTheirOwnAddressAlwaysTheSame() {
        Trader alice = traders.newTrader();
        Trader bob = traders.newTrader();

        Address first = depositAddress(alice);

        assertThat(depositAddress(alice)).isEqualTo(first);
        assertThat(depositAddress(bob)).isNotEqualTo(first);
        assertThat(Address.problem(alice.api().get("/api/v1/deposit-address?asset=eth").text("address"))).isNull();
        assertProblem(alice.api().get("/api/v1/deposit-address?asset=USD"), 404, "NETWORK_NOT_CONFIGURED");
        JsonNode eth = asset("ETH");
        assertThat(eth.path("networks").get(0).path("network").asString()).isEqualTo("ethereum");
        assertThat(eth.path("networks").get(0).path("chain_id").asLong()).isEqualTo(Anvil.CHAIN_ID);
        assertThat(eth.path("networks").get(0).path("confirmations").asInt()).isEqualTo(CONFIRMATIONS);
        assertThat(eth.path("networks").get(0).path("withdrawal_fee").asString()).isEqualTo("0.00100000");
        assertThat(asset("USD").path("networks")).isEmpty();
    }

    // ---- withdrawals ----

    @Test
    void aWithdrawalIsHeldSignedMinedConfirmedAndSettled() {
        Trader alice = funded("2");
        Address to = freshAddress();

        HttpApi.Reply created = alice.api().post("/api/v1/withdrawals", withdrawal("0.5", to, "w-" + UUID.randomUUID()));

        assertThat(created.status()).as("%s", created).isEqualTo(201);
        assertThat(created.text("status")).isEqualTo("requested");
        assertThat(created.text("fee")).isEqualTo("0.00100000");
        assertThat(created.json().path("tx_hash").isNull()).isTrue();
        assertThat(alice.balance("ETH")).containsExactly(new BigDecimal("1.49900000"), new BigDecimal("0.50100000"));

        JsonNode broadcast = withdrawalOf(alice, created.text("id"), w -> w.path("status").asString().equals("broadcast"));
        String txHash = broadcast.path("tx_hash").asString();
        assertThat(anvil.node().balance(to)).isEqualTo(ether("0.5"));
        assertThat(anvil.node().receipt(txHash).success()).isTrue();
        assertThat(alice.held("ETH")).isEqualByComparingTo("0.501");

        anvil.mine(CONFIRMATIONS - 1);
        withdrawalOf(alice, created.text("id"), w -> w.path("status").asString().equals("confirmed"));
        Eventually.until("settled", () -> alice.balance("ETH"), b -> b[1].signum() == 0);
        assertThat(alice.available("ETH")).isEqualByComparingTo("1.499");
        JsonNode out = alice.api().get("/api/v1/ledger?asset=ETH&type=withdrawal").json().path("items").get(0);
        assertThat(out.path("amount").asString()).isEqualTo("-0.50000000");
        assertThat(out.path("transaction_id").asString()).isEqualTo(txHash);
        JsonNode fee = alice.api().get("/api/v1/ledger?asset=ETH&type=fee").json().path("items").get(0);
        assertThat(fee.path("amount").asString()).isEqualTo("-0.00100000");
        assertThat(anvil.node().balance(to)).isEqualTo(ether("0.5"));
    }

    @Test
    void aWithdrawalBeyondTheAvailableBalanceFeeIncludedIsRefusedAndHoldsNothing() {
        Trader alice = funded("1");

        assertProblem(alice.api().post("/api/v1/withdrawals", withdrawal("1", freshAddress(), "w-big")), 422,
                "INSUFFICIENT_FUNDS");

        assertThat(alice.balance("ETH")).containsExactly(new BigDecimal("1.00000000"), new BigDecimal("0E-8"));
        assertThat(alice.api().get("/api/v1/withdrawals").json().path("items")).isEmpty();
        // refused, so the transaction id is free for a request that fits
        assertThat(alice.api().post("/api/v1/withdrawals", withdrawal("0.5", freshAddress(), "w-big")).status())
                .isEqualTo(201);
    }

    @Test
    void anAddressWithABadChecksumIsRefusedBeforeAnythingIsHeld() {
        Trader alice = funded("1");
        String good = freshAddress().toString();
        int letter = firstLetter(good);
        char flipped = Character.isUpperCase(good.charAt(letter)) ? Character.toLowerCase(good.charAt(letter))
                : Character.toUpperCase(good.charAt(letter));
        String typo = good.substring(0, letter) + flipped + good.substring(letter + 1);

        // a typo in one letter's case, a digit missing, not hex, no 0x
        for (String bad : new String[] {typo, good.substring(0, 41), "0xnot-an-address", good.substring(2)}) {
            Map<String, Object> body = withdrawal("0.1", null, "w-" + UUID.randomUUID());
            body.put("address", bad);
            HttpApi.Reply refused = assertProblem(alice.api().post("/api/v1/withdrawals", body), 400, "INVALID_ADDRESS");
            assertThat(refused.json().path("errors").get(0).path("field").asString()).isEqualTo("address");
        }
        assertThat(alice.held("ETH")).isZero();
    }

    @Test
    void theSameTransactionIdAnswersTheFirstWithdrawalAndAnotherBodyIsAConflict() {
        Trader alice = funded("2");
        Address to = freshAddress();
        Map<String, Object> body = withdrawal("1.2", to, "w-once");

        HttpApi.Reply first = alice.api().post("/api/v1/withdrawals", body);
        HttpApi.Reply again = alice.api().post("/api/v1/withdrawals", body);

        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.text("id")).isEqualTo(first.text("id"));
        assertProblem(alice.api().post("/api/v1/withdrawals", withdrawal("1.3", to, "w-once")), 409,
                "TRANSACTION_ID_REUSED");
        assertThat(alice.held("ETH")).isEqualByComparingTo("1.201");
        assertThat(alice.api().get("/api/v1/withdrawals").json().path("items")).hasSize(1);
        assertThat(admin().post("/api/v1/admin/withdrawals/" + first.text("id") + "/reject",
                Map.of("reason", "tidy up")).status()).isEqualTo(200);
    }

    @Test
    void aWithdrawalAboveTheThresholdWaitsForAnAdministratorWhoApprovesIt() {
        Trader alice = funded("3");
        Address large = freshAddress();
        Address small = freshAddress();
        HttpApi.Reply big = alice.api().post("/api/v1/withdrawals", withdrawal("1.5", large, "w-large"));
        HttpApi.Reply little = alice.api().post("/api/v1/withdrawals", withdrawal("0.2", small, "w-small"));

        // the small one goes out on its own; by then the sender has looked at the large one and left it
        withdrawalOf(alice, little.text("id"), w -> w.path("status").asString().equals("broadcast"));
        assertThat(withdrawalOf(alice, big.text("id"), w -> true).path("status").asString()).isEqualTo("requested");
        assertThat(anvil.node().balance(large)).isZero();
        JsonNode listed = admin().get("/api/v1/admin/withdrawals?status=requested").json().path("items");
        assertThat(listed.findValuesAsString("id")).contains(big.text("id"));
        assertProblem(alice.api().post("/api/v1/admin/withdrawals/" + big.text("id") + "/approve", ""), 404, "NOT_FOUND");

        HttpApi.Reply approved = admin().post("/api/v1/admin/withdrawals/" + big.text("id") + "/approve", "");

        assertThat(approved.status()).as("%s", approved).isEqualTo(200);
        assertThat(approved.text("status")).isEqualTo("approved");
        withdrawalOf(alice, big.text("id"), w -> w.path("status").asString().equals("broadcast"));
        anvil.mine(CONFIRMATIONS);
        withdrawalOf(alice, big.text("id"), w -> w.path("status").asString().equals("confirmed"));
        assertThat(anvil.node().balance(large)).isEqualTo(ether("1.5"));
        assertProblem(admin().post("/api/v1/admin/withdrawals/" + big.text("id") + "/reject", Map.of("reason", "late")),
                409, "WITHDRAWAL_NOT_PENDING");
        assertProblem(admin().post("/api/v1/admin/withdrawals/" + big.text("id") + "/paid", Map.of("reference", "x")),
                409, "WITHDRAWAL_ON_CHAIN");
    }

    @Test
    void aRejectedWithdrawalReleasesItsHoldExactlyAndIsNeverSent() {
        Trader alice = funded("2");
        Address to = freshAddress();
        HttpApi.Reply big = alice.api().post("/api/v1/withdrawals", withdrawal("1.25", to, "w-no"));

        HttpApi.Reply rejected = admin().post("/api/v1/admin/withdrawals/" + big.text("id") + "/reject",
                Map.of("reason", "address on a sanctions list"));

        assertThat(rejected.text("status")).isEqualTo("rejected");
        assertThat(rejected.text("reason")).isEqualTo("address on a sanctions list");
        assertThat(alice.balance("ETH")).containsExactly(new BigDecimal("2.00000000"), new BigDecimal("0E-8"));
        assertProblem(admin().post("/api/v1/admin/withdrawals/" + big.text("id") + "/approve", ""), 409,
                "WITHDRAWAL_NOT_PENDING");
        assertThat(anvil.node().balance(to)).isZero();
    }

    // ---- the books ----

    @AfterEach
    void theBooksBalance() {
        Eventually.until("balanced", this::imbalance, problem -> problem == null);
    }

    /** What does not add up, or null when users + fees = deposits - withdrawals and the holds match, for ETH. */
    private String imbalance() {
        JsonNode run = admin().post("/api/v1/admin/reconciliation", "").json();
        if (!run.path("healthy").asBoolean()) {
            return "unhealthy: " + run;
        }
        JsonNode eth = null;
        for (JsonNode asset : run.path("assets")) {
            if (asset.path("asset").asString().equals("ETH")) {
                eth = asset;
            }
        }
        JsonNode chain = run.path("chain").get(0);
        BigDecimal usersAndFees = new BigDecimal(eth.path("sum_of_balances").asString());
        BigDecimal expected = new BigDecimal(chain.path("credited_deposits").asString())
                .subtract(new BigDecimal(chain.path("confirmed_withdrawals").asString()));
        BigDecimal held = new BigDecimal(eth.path("held_for_withdrawals").asString());
        BigDecimal pending = new BigDecimal(chain.path("pending_withdrawals_recorded").asString());
        if (usersAndFees.compareTo(expected) != 0 || held.compareTo(pending) != 0) {
            return "users + fees " + usersAndFees + " vs deposits - withdrawals " + expected + "; held " + held
                    + " vs pending " + pending;
        }
        return null;
    }

    // ---- helpers ----

    private Trader funded(String ether) {
        Trader trader = traders.newTrader();
        String tx = anvil.send(depositAddress(trader), ether(ether));
        anvil.mine(CONFIRMATIONS);
        depositOf(trader, tx, d -> d.path("status").asString().equals("credited"));
        Eventually.until("credited", () -> trader.available("ETH"), a -> a.compareTo(new BigDecimal(ether)) == 0);
        return trader;
    }

    private static Address depositAddress(Trader trader) {
        HttpApi.Reply reply = trader.api().get("/api/v1/deposit-address?asset=ETH");
        assertThat(reply.status()).as("%s", reply).isEqualTo(200);
        assertThat(reply.text("network")).isEqualTo("ethereum");
        return Address.parseChecksummed(reply.text("address"));
    }

    private static JsonNode deposits(Trader trader) {
        return trader.api().get("/api/v1/deposits?asset=ETH").json().path("items");
    }

    private static JsonNode depositOf(Trader trader, String txHash, java.util.function.Predicate<JsonNode> done) {
        return Eventually.until("deposit " + txHash + " as expected", () -> {
            for (JsonNode item : deposits(trader)) {
                if (item.path("tx_hash").asString().equals(txHash)) {
                    return item;
                }
            }
            return null;
        }, item -> item != null && done.test(item));
    }

    private static JsonNode withdrawalOf(Trader trader, String id, java.util.function.Predicate<JsonNode> done) {
        return Eventually.until("withdrawal " + id + " as expected",
                () -> trader.api().get("/api/v1/withdrawals/" + id).json(), done);
    }

    private JsonNode asset(String code) {
        for (JsonNode asset : HttpApi.onPort(port).get("/api/v1/assets").json()) {
            if (asset.path("asset").asString().equals(code)) {
                return asset;
            }
        }
        throw new AssertionError("no asset " + code);
    }

    static Map<String, Object> withdrawal(String amount, Address to, String transactionId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("asset", "ETH");
        body.put("amount", amount);
        body.put("address", to == null ? null : to.toString());
        body.put("transaction_id", transactionId);
        return body;
    }

    static Address freshAddress() {
        return Address.ofPublicKey(Secp256k1.publicPoint(new BigInteger(1, randomBytes(new SecureRandom())))
                .getEncoded(false));
    }

    static BigInteger ether(String amount) {
        return new BigDecimal(amount).movePointRight(18).toBigIntegerExact();
    }

    private static int firstLetter(String address) {
        for (int i = 2; i < address.length(); i++) {
            if (Character.isLetter(address.charAt(i))) {
                return i;
            }
        }
        throw new IllegalStateException("no letter in " + address);
    }

    private static byte[] randomBytes(SecureRandom random) {
        while (true) {
            byte[] bytes = new byte[32];
            random.nextBytes(bytes);
            BigInteger key = new BigInteger(1, bytes);
            if (key.signum() > 0 && key.compareTo(Secp256k1.N) < 0) {
                return bytes;
            }
        }
    }

    private static byte[] randomBytesOf(BigInteger key) {
        byte[] bytes = key.toByteArray();
        byte[] out = new byte[32];
        int length = Math.min(bytes.length, 32);
        System.arraycopy(bytes, bytes.length - length, out, 32 - length, length);
        return out;
    }
}
