package org.bourse.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bourse.testsupport.ProblemAssertions.assertProblem;
import static org.bourse.testsupport.ProblemAssertions.assertValidationFailed;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

import org.bourse.testsupport.BourseHttpTest;
import org.bourse.testsupport.HttpApi;
import org.bourse.testsupport.Traders;
import org.bourse.testsupport.Traders.Trader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import tools.jackson.databind.JsonNode;

/**
 * Assets and withdrawals on the embedded default, where no chain is configured: no deposit addresses, and every
 * withdrawal is held at once and paid (with a reference) or rejected by an administrator, the way fiat
 * withdrawals work. After every test the engine's books balance.
 */
@BourseHttpTest
@TestPropertySource(properties = {"bourse.demo.enabled=false", "bourse.rate-limit.capacity=100000",
        "bourse.rate-limit.refill-per-second=100000"})
abstract class WithdrawalScenarios {

    /** A valid EIP-55 address (EIP-55's own first example). */
    static final String ADDRESS = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";
    static final String IBAN = "DE89 3704 0044 0532 0130 00";

    @LocalServerPort
    int port;

    Traders traders;
    Trader alice;
    Trader bob;

    @BeforeEach
    void users() {
        traders = new Traders(port);
        alice = traders.newTrader();
        bob = traders.newTrader();
    }

    /** The one way these tests become an administrator. */
    private HttpApi admin() {
        return traders.admin();
    }

    @AfterEach
    void theBooksBalance() {
        JsonNode run = admin().post("/api/v1/admin/reconciliation", "").json();
        assertThat(run.path("healthy").asBoolean()).as("%s", run).isTrue();
        assertThat(run.path("chain")).isEmpty();
    }

    static Map<String, Object> withdrawal(String asset, String amount, String address, String transactionId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("asset", asset);
        body.put("amount", amount);
        body.put("address", address);
        body.put("transaction_id", transactionId);
        return body;
    }

    @Test
    void everyAssetIsListedWithItsPrecisionAndWithoutANetworkWhenNoChainIsConfigured() {
        JsonNode assets = HttpApi.onPort(port).get("/api/v1/assets").json();

        assertThat(assets.findValuesAsString("asset")).contains("BTC", "ETH", "USD", "BRL");
        for (JsonNode asset : assets) {
            assertThat(asset.path("networks")).as("%s", asset).isEmpty();
            if (asset.path("asset").asString().equals("ETH")) {
                assertThat(asset.path("precision").asInt()).isEqualTo(8);
                assertThat(asset.path("withdrawal_fee").asString()).isEqualTo("0.00100000");
            }
            if (asset.path("asset").asString().equals("USD")) {
                assertThat(asset.path("precision").asInt()).isEqualTo(2);
                assertThat(asset.path("withdrawal_fee").asString()).isEqualTo("0.00");
            }
        }
    }

    @Test
    void noDepositAddressIsOfferedWithoutAChain() {
        assertProblem(alice.api().get("/api/v1/deposit-address?asset=ETH"), 404, "NETWORK_NOT_CONFIGURED");
        assertThat(alice.api().get("/api/v1/deposits").json().path("items")).isEmpty();
        assertProblem(HttpApi.onPort(port).get("/api/v1/deposit-address?asset=ETH"), 401, "UNAUTHORIZED");
    }

    @Test
    void aWithdrawalIsHeldAtOnceAndPaidOutWhenAnAdministratorMarksItPaid() {
        HttpApi.Reply created = alice.api().post("/api/v1/withdrawals", withdrawal("USD", "250", IBAN, "payout-1"));

        assertThat(created.status()).as("%s", created).isEqualTo(201);
        assertThat(created.text("status")).isEqualTo("requested");
        assertThat(created.text("amount")).isEqualTo("250.00");
        assertThat(created.text("fee")).isEqualTo("0.00");
        assertThat(created.json().path("tx_hash").isNull()).isTrue();
        assertThat(alice.balance("USD")).containsExactly(new BigDecimal("99750.00"), new BigDecimal("250.00"));
        JsonNode listed = admin().get("/api/v1/admin/withdrawals?status=requested").json().path("items");
        assertThat(listed.findValuesAsString("user_id")).contains(Long.toString(alice.id()));

        HttpApi.Reply paid = admin().post("/api/v1/admin/withdrawals/" + created.text("id") + "/paid",
                Map.of("reference", "SEPA-2026-0001"));

        assertThat(paid.status()).as("%s", paid).isEqualTo(200);
        assertThat(paid.text("status")).isEqualTo("confirmed");
        assertThat(paid.text("reference")).isEqualTo("SEPA-2026-0001");
        assertThat(alice.balance("USD")).containsExactly(new BigDecimal("99750.00"), new BigDecimal("0.00"));
        JsonNode line = alice.api().get("/api/v1/ledger?asset=USD&type=withdrawal").json().path("items").get(0);
        assertThat(line.path("amount").asString()).isEqualTo("-250.00");
        assertThat(line.path("transaction_id").asString()).isEqualTo("SEPA-2026-0001");
        assertThat(alice.api().get("/api/v1/withdrawals/" + created.text("id")).text("status")).isEqualTo("confirmed");
        assertProblem(admin().post("/api/v1/admin/withdrawals/" + created.text("id") + "/paid",
                Map.of("reference", "SEPA-2026-0001")), 409, "WITHDRAWAL_NOT_PENDING");
    }

    @Test
    void aRejectedWithdrawalGivesBackExactlyWhatWasHeldFeeIncluded() {
        alice.deposit("ETH", "1");
        HttpApi.Reply created = alice.api().post("/api/v1/withdrawals", withdrawal("ETH", "0.5", ADDRESS, "eth-out-1"));
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        assertThat(alice.balance("ETH")).containsExactly(new BigDecimal("0.49900000"), new BigDecimal("0.50100000"));

        HttpApi.Reply rejected = admin().post("/api/v1/admin/withdrawals/" + created.text("id") + "/reject",
                Map.of("reason", "please verify your e-mail first"));

        assertThat(rejected.text("status")).isEqualTo("rejected");
        assertThat(rejected.text("reason")).isEqualTo("please verify your e-mail first");
        assertThat(alice.balance("ETH")).containsExactly(new BigDecimal("1.00000000"), new BigDecimal("0E-8"));
        assertProblem(admin().post("/api/v1/admin/withdrawals/" + created.text("id") + "/paid",
                Map.of("reference", "late")), 409, "WITHDRAWAL_NOT_PENDING");
    }

    @Test
    void theSameTransactionIdAnswersTheFirstWithdrawalAndAnotherBodyIsAConflict() {
        HttpApi.Reply first = alice.api().post("/api/v1/withdrawals", withdrawal("USD", "10", IBAN, "again-1"));
        HttpApi.Reply again = alice.api().post("/api/v1/withdrawals", withdrawal("USD", "10.00", IBAN, "again-1"));

        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.text("id")).isEqualTo(first.text("id"));
        assertThat(again.text("created_at")).isEqualTo(first.text("created_at"));
        assertProblem(alice.api().post("/api/v1/withdrawals", withdrawal("USD", "11", IBAN, "again-1")), 409,
                "TRANSACTION_ID_REUSED");
        assertThat(alice.held("USD")).isEqualByComparingTo("10");
        // the same id belongs to alice only: bob may use it for his own withdrawal
        assertThat(bob.api().post("/api/v1/withdrawals", withdrawal("USD", "11", IBAN, "again-1")).status()).isEqualTo(201);
    }

    @Test
    void withdrawalsThatCannotHappenAreRefusedAndHoldNothing() {
        assertProblem(alice.api().post("/api/v1/withdrawals", withdrawal("USD", "100000.01", IBAN, "no-1")), 422,
                "INSUFFICIENT_FUNDS");
        alice.deposit("ETH", "0.5");
        // the fee counts: 0.5 available does not cover 0.5 plus a fee of 0.001
        assertProblem(alice.api().post("/api/v1/withdrawals", withdrawal("ETH", "0.5", ADDRESS, "no-2")), 422,
                "INSUFFICIENT_FUNDS");
        assertProblem(alice.api().post("/api/v1/withdrawals", withdrawal("ETH", "0.1", ADDRESS.toLowerCase(), "no-3")),
                400, "INVALID_ADDRESS");
        assertProblem(alice.api().post("/api/v1/withdrawals",
                withdrawal("ETH", "0.1", "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD", "no-4")), 400, "INVALID_ADDRESS");
        assertThat(assertValidationFailed(alice.api().post("/api/v1/withdrawals",
                withdrawal("ETH", "0.001", ADDRESS, "no-5")))).containsKey("amount");
        assertThat(assertValidationFailed(alice.api().post("/api/v1/withdrawals",
                withdrawal("USD", "-1", IBAN, "no-6")))).containsKey("amount");
        assertThat(assertValidationFailed(alice.api().post("/api/v1/withdrawals",
                withdrawal("USD", "1.001", IBAN, "no-7")))).containsKey("amount");
        assertThat(assertValidationFailed(alice.api().post("/api/v1/withdrawals",
                withdrawal("XYZ", "1", IBAN, "no-8")))).containsKey("asset");
        assertThat(assertValidationFailed(alice.api().post("/api/v1/withdrawals",
                withdrawal("USD", "1", null, "no-9")))).containsKey("address");
        assertThat(assertValidationFailed(alice.api().post("/api/v1/withdrawals",
                withdrawal("USD", "1", IBAN, "has spaces")))).containsKey("transaction_id");

        assertThat(alice.held("USD")).isZero();
        assertThat(alice.held("ETH")).isZero();
        assertThat(alice.api().get("/api/v1/withdrawals").json().path("items")).isEmpty();
    }

    @Test
    void theOpenApiDocumentDescribesAssetsDepositsAndWithdrawals() {
        JsonNode document = HttpApi.onPort(port).get("/v3/api-docs").json();

        assertThat(document.path("paths").propertyNames()).contains("/api/v1/assets", "/api/v1/deposit-address",
                "/api/v1/deposits", "/api/v1/withdrawals", "/api/v1/withdrawals/{id}", "/api/v1/admin/withdrawals",
                "/api/v1/admin/withdrawals/{id}/approve", "/api/v1/admin/withdrawals/{id}/reject",
                "/api/v1/admin/withdrawals/{id}/paid");
        JsonNode schemas = document.path("components").path("schemas");
        assertThat(schemas.path("WithdrawalResponse").path("properties").propertyNames())
                .contains("id", "asset", "amount", "fee", "address", "status", "tx_hash", "created_at");
        assertThat(schemas.path("DepositResponse").path("properties").propertyNames())
                .contains("tx_hash", "confirmations", "required_confirmations", "status", "credited_at");
        assertThat(schemas.path("AssetDescription").path("properties").propertyNames())
                .contains("asset", "precision", "networks");
        JsonNode post = document.path("paths").path("/api/v1/withdrawals").path("post");
        assertThat(post.path("responses").propertyNames()).contains("201", "200", "400", "409", "422");
        assertThat(post.path("responses").path("422").path("content").propertyNames())
                .containsExactly("application/problem+json");
        assertThat(document.path("paths").path("/api/v1/deposit-address").path("get").path("responses").path("404")
                .path("description").asString()).contains("NETWORK_NOT_CONFIGURED");
    }

    @Test
    void anotherUsersWithdrawalIsNotFoundAndAdministrationIsForAdministrators() {
        HttpApi.Reply mine = alice.api().post("/api/v1/withdrawals", withdrawal("USD", "5", IBAN, "private-1"));

        assertProblem(bob.api().get("/api/v1/withdrawals/" + mine.text("id")), 404, "WITHDRAWAL_NOT_FOUND");
        assertThat(bob.api().get("/api/v1/withdrawals").json().path("items")).isEmpty();
        assertProblem(bob.api().post("/api/v1/admin/withdrawals/" + mine.text("id") + "/reject", Map.of()), 404,
                "NOT_FOUND");
        assertProblem(admin().post("/api/v1/admin/withdrawals/999999999/approve", ""), 404, "WITHDRAWAL_NOT_FOUND");
        assertThat(admin().post("/api/v1/admin/withdrawals/" + mine.text("id") + "/approve", "").text("status"))
                .isEqualTo("approved");
        assertThat(alice.api().get("/api/v1/withdrawals?status=approved").json().path("items")).hasSize(1);
        assertValidationFailed(alice.api().get("/api/v1/withdrawals?status=lost"));
    }
}
