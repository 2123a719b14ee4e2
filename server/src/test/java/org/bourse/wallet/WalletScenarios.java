package org.bourse.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bourse.testsupport.ProblemAssertions.assertProblem;
import static org.bourse.testsupport.ProblemAssertions.assertValidationFailed;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.bourse.testsupport.BourseHttpTest;
import org.bourse.testsupport.HttpApi;
import org.bourse.testsupport.TestClock;
import org.bourse.testsupport.Traders;
import org.bourse.testsupport.Traders.Trader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import tools.jackson.databind.JsonNode;

/** API.md's Wallet section through real HTTP: balances, the faucet, transfers and the ledger. */
@BourseHttpTest
@TestPropertySource(properties = {"bourse.demo.enabled=false", "bourse.rate-limit.capacity=100000",
        "bourse.rate-limit.refill-per-second=100000"})
abstract class WalletScenarios {

    @LocalServerPort
    int port;

    @Autowired
    TestClock clock;

    Trader alice;
    Trader bob;

    @BeforeEach
    void users() {
        Traders traders = new Traders(port);
        alice = traders.newTrader();
        bob = traders.newTrader();
    }


    static BigDecimal balance(Trader user, String asset, String field) {
        for (JsonNode row : user.api().get("/api/v1/balances").json()) {
            if (row.path("asset").asString().equals(asset)) {
                return new BigDecimal(row.path(field).asString());
            }
        }
        throw new AssertionError("no " + asset + " balance");
    }

    static Map<String, Object> transfer(String id, String to, String asset, String amount) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("transaction_id", id);
        body.put("to_username", to);
        body.put("asset", asset);
        body.put("amount", amount);
        body.put("memo", "for the coffee");
        return body;
    }

    @Test
    void aNewAccountHoldsTheInitialBalanceAndEveryAssetIsListed() {
        HttpApi.Reply reply = alice.api().get("/api/v1/balances");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().findValuesAsString("asset")).contains("BTC", "ETH", "SOL", "USD", "BRL", "VIB");
        assertThat(balance(alice, "USD", "available")).isEqualByComparingTo("100000.00");
        assertThat(balance(alice, "USD", "total")).isEqualByComparingTo("100000.00");
        assertThat(balance(alice, "BTC", "available")).isZero();
        JsonNode opening = alice.api().get("/api/v1/ledger").json().path("items").get(0);
        assertThat(opening.path("type").asString()).isEqualTo("deposit");
        assertThat(opening.path("amount").asString()).isEqualTo("100000.00");
        assertThat(opening.path("balance_after").asString()).isEqualTo("100000.00");
    }

    @Test
    void aDepositIsIdempotentOnItsTransactionId() {
        Map<String, Object> deposit = Map.of("asset", "BTC", "amount", "0.25", "transaction_id", "faucet-1");
        HttpApi.Reply first = alice.api().post("/api/v1/deposits", deposit);
        HttpApi.Reply again = alice.api().post("/api/v1/deposits", deposit);

        assertThat(first.status()).as("%s", first).isEqualTo(201);
        assertThat(again.status()).as("%s", again).isEqualTo(200);
        assertThat(again.text("created_at")).isEqualTo(first.text("created_at"));
        assertThat(balance(alice, "BTC", "available")).isEqualByComparingTo("0.25");
        assertProblem(alice.api().post("/api/v1/deposits", Map.of("asset", "BTC", "amount", "0.5",
                "transaction_id", "faucet-1")), 409, "TRANSACTION_ID_REUSED");
    }

    @Test
    void theFaucetGivesOneUserAtMostTheDailyLimitOfAnAssetInAny24Hours() {
        alice.deposit("BTC", "12"); // BOURSE_FAUCET_DAILY_LIMIT's default for BTC

        HttpApi.Reply refused = alice.api().post("/api/v1/deposits", Map.of("asset", "BTC", "amount", "0.00000001",
                "transaction_id", "one-satoshi-too-many"));

        assertProblem(refused, 422, "FAUCET_LIMIT_REACHED");
        assertThat(refused.text("detail")).contains("12 BTC").contains("0 BTC is left");
        assertThat(balance(alice, "BTC", "total")).isEqualByComparingTo("12");
        bob.deposit("BTC", "12"); // an allowance per user
        clock.advance(Duration.ofHours(24).plusMinutes(1));
        new Traders(port).logInAgain(alice).deposit("BTC", "12");
    }

    @Test
    void theOpeningBalanceIsNotTakenFromTheFaucetsAllowanceAndEachAssetHasItsOwn() {
        alice.deposit("USD", "1000000"); // ten opening balances, on top of the opening balance itself

        assertProblem(alice.api().post("/api/v1/deposits", Map.of("asset", "USD", "amount", "0.01",
                "transaction_id", "one-cent-too-many")), 422, "FAUCET_LIMIT_REACHED");
        alice.deposit("ETH", "350");
    }

    @Test
    void anAdminCreditsAUserBeyondTheFaucetsLimit() {
        HttpApi admin = new Traders(port).admin();

        HttpApi.Reply credited = admin.post("/api/v1/deposits", Map.of("asset", "BTC", "amount", "100",
                "transaction_id", "admin-credit", "user_id", Long.toString(alice.id())));

        assertThat(credited.status()).as("%s", credited).isEqualTo(201);
        assertThat(balance(alice, "BTC", "total")).isEqualByComparingTo("100");
    }

    @Test
    void aTransferDebitsOneAccountAndCreditsTheOther() {
        HttpApi.Reply reply = alice.api().post("/api/v1/transfers", transfer("t-1", bob.username(), "USD", "1234.56"));

        assertThat(reply.status()).as("%s", reply).isEqualTo(201);
        assertThat(reply.text("status")).isEqualTo("completed");
        assertThat(reply.text("from_user_id")).isEqualTo(Long.toString(alice.id()));
        assertThat(reply.text("to_user_id")).isEqualTo(Long.toString(bob.id()));
        assertThat(reply.text("amount")).isEqualTo("1234.56");
        assertThat(balance(alice, "USD", "available")).isEqualByComparingTo("98765.44");
        assertThat(balance(bob, "USD", "available")).isEqualByComparingTo("101234.56");
        JsonNode in = bob.api().get("/api/v1/ledger?type=transfer_in").json().path("items").get(0);
        assertThat(in.path("amount").asString()).isEqualTo("1234.56");
        assertThat(in.path("transaction_id").asString()).isEqualTo("t-1");
    }

    @Test
    void resendingATransferAnswersTheFirstResultAndAnotherBodyIsAConflict() {
        Map<String, Object> body = transfer("t-2", bob.username(), "USD", "10");
        HttpApi.Reply first = alice.api().post("/api/v1/transfers", body);
        HttpApi.Reply again = alice.api().post("/api/v1/transfers", body);

        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.text("trace_id")).isEqualTo(first.text("trace_id"));
        assertThat(balance(bob, "USD", "available")).isEqualByComparingTo("100010.00");
        assertProblem(alice.api().post("/api/v1/transfers", transfer("t-2", bob.username(), "USD", "11")), 409,
                "TRANSACTION_ID_REUSED");
    }

    @Test
    void transfersThatCannotHappenAreRefusedClearly() {
        assertProblem(alice.api().post("/api/v1/transfers", transfer("t-3", bob.username(), "USD", "100000.01")), 422,
                "INSUFFICIENT_FUNDS");
        assertProblem(alice.api().post("/api/v1/transfers", transfer("t-4", "nobody_at_all", "USD", "1")), 404,
                "USER_NOT_FOUND");
        assertThat(assertValidationFailed(alice.api().post("/api/v1/transfers",
                transfer("t-5", alice.username(), "USD", "1")))).containsKey("to_username");
        assertThat(assertValidationFailed(alice.api().post("/api/v1/transfers",
                transfer("t-6", bob.username(), "USD", "-1")))).containsKey("amount");
        assertThat(assertValidationFailed(alice.api().post("/api/v1/transfers",
                transfer("t-7", bob.username(), "USD", "0.001")))).containsKey("amount");
        assertThat(assertValidationFailed(alice.api().post("/api/v1/transfers",
                transfer("t-8", bob.username(), "XYZ", "1")))).containsKey("asset");
        Map<String, Object> wrongType = transfer("t-9", bob.username(), "USD", "1");
        wrongType.put("amount", Map.of("value", 1));
        assertThat(assertValidationFailed(alice.api().post("/api/v1/transfers", wrongType))).containsKey("amount");
        Map<String, Object> missing = transfer("t-10", bob.username(), "USD", "1");
        missing.remove("transaction_id");
        assertThat(assertValidationFailed(alice.api().post("/api/v1/transfers", missing))).containsKey("transaction_id");
        assertThat(balance(alice, "USD", "available")).isEqualByComparingTo("100000.00");
    }

    @Test
    void theLedgerPagesNewestFirstAndSumsToTheBalance() {
        for (int i = 0; i < 5; i++) {
            alice.api().post("/api/v1/transfers", transfer("p-" + i, bob.username(), "USD", "1.0" + i));
        }
        HttpApi.Reply page = alice.api().get("/api/v1/ledger?asset=USD&limit=4");
        assertThat(page.json().path("items")).hasSize(4);
        HttpApi.Reply rest = alice.api().get("/api/v1/ledger?asset=USD&limit=4&cursor="
                + page.json().path("next_cursor").asString());
        assertThat(rest.json().path("items")).hasSize(2);

        BigDecimal sum = BigDecimal.ZERO;
        for (HttpApi.Reply p : new HttpApi.Reply[] {page, rest}) {
            for (JsonNode line : p.json().path("items")) {
                sum = sum.add(new BigDecimal(line.path("amount").asString()));
            }
        }
        assertThat(sum).isEqualByComparingTo(balance(alice, "USD", "total"));
        assertValidationFailed(alice.api().get("/api/v1/ledger?type=gift"));
    }

    @Test
    void walletCallsNeedAToken() {
        assertProblem(HttpApi.onPort(port).post("/api/v1/transfers", transfer("x", "y", "USD", "1")), 401, "UNAUTHORIZED");
        assertProblem(HttpApi.onPort(port).get("/api/v1/ledger"), 401, "UNAUTHORIZED");
    }
}
