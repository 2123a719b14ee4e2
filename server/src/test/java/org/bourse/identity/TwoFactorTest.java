package org.bourse.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bourse.testsupport.ProblemAssertions.assertProblem;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.bourse.testsupport.BourseHttpTest;
import org.bourse.testsupport.HttpApi;
import org.bourse.testsupport.TestClock;
import org.bourse.testsupport.Traders;
import org.bourse.testsupport.Traders.Trader;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import tools.jackson.databind.JsonNode;

/**
 * Two-factor authentication through real HTTP: enrol, confirm, then every login needs a code that was not used
 * before (or an unused recovery code), and so does a key that may withdraw; refresh does not.
 */
@BourseHttpTest
@TestPropertySource(properties = {"bourse.demo.enabled=false", "bourse.rate-limit.capacity=100000",
        "bourse.rate-limit.refill-per-second=100000"})
class TwoFactorTest {

    @LocalServerPort
    int port;

    @Autowired
    TestClock clock;

    @Test
    void onceConfirmedLoginNeedsAFreshCodeAndRefreshDoesNot() {
        Traders traders = new Traders(port);
        Trader alice = traders.newTrader();
        HttpApi.Reply enrolled = alice.api().post("/api/v1/users/me/2fa", Map.of());
        assertThat(enrolled.status()).as("%s", enrolled).isEqualTo(200);
        String uri = enrolled.text("otpauth_uri");
        String secret = enrolled.text("secret");
        assertThat(uri).startsWith("otpauth://totp/Bourse%3A" + alice.username() + "?secret=" + secret)
                .contains("issuer=Bourse", "digits=6", "period=30");
        byte[] seed = TwoFactor.base32Decode(secret);
        long step = Totp.step(clock.instant().getEpochSecond());

        assertProblem(alice.api().post("/api/v1/users/me/2fa/confirm", Map.of("code", code(seed, step - 5))), 401,
                "OTP_INVALID");
        HttpApi.Reply confirmed = alice.api().post("/api/v1/users/me/2fa/confirm", Map.of("code", code(seed, step)));
        assertThat(confirmed.status()).as("%s", confirmed).isEqualTo(200);
        List<String> recovery = new ArrayList<>();
        confirmed.json().get("recovery_codes").forEach(c -> recovery.add(c.asString()));
        assertThat(recovery).hasSize(10).doesNotHaveDuplicates();
        assertProblem(alice.api().post("/api/v1/users/me/2fa", Map.of()), 409, "TWO_FACTOR_ENABLED");

        assertProblem(login(alice, null), 401, "OTP_REQUIRED");
        assertProblem(login(alice, code(seed, step - 5)), 401, "OTP_INVALID");
        assertProblem(login(alice, code(seed, step)), 401, "OTP_INVALID"); // the code confirm used: never twice
        HttpApi.Reply withCode = login(alice, code(seed, step + 1));
        assertThat(withCode.status()).as("%s", withCode).isEqualTo(200);
        assertProblem(login(alice, code(seed, step + 1)), 401, "OTP_INVALID");

        assertThat(login(alice, recovery.getFirst()).status()).isEqualTo(200);
        assertProblem(login(alice, recovery.getFirst()), 401, "OTP_INVALID");

        HttpApi.Reply refreshed = HttpApi.onPort(port).post("/api/v1/auth/refresh",
                Map.of("refresh_token", withCode.text("refresh_token")));
        assertThat(refreshed.status()).as("refresh needs no code: %s", refreshed).isEqualTo(200);
    }

    @Test
    void aKeyThatMayWithdrawAndEveryWithdrawalNeedACodeOnceTwoFactorIsOn() {
        Trader bob = new Traders(port).newTrader();
        Map<String, Object> withdrawKey = Map.of("label", "payouts", "permissions", List.of("read", "withdraw"));
        assertThat(bob.api().post("/api/v1/api-keys", withdrawKey).status()).as("no 2FA, no code needed").isEqualTo(201);

        String secret = bob.api().post("/api/v1/users/me/2fa", Map.of()).text("secret");
        byte[] seed = TwoFactor.base32Decode(secret);
        long step = Totp.step(clock.instant().getEpochSecond());
        JsonNode recovery = bob.api().post("/api/v1/users/me/2fa/confirm", Map.of("code", code(seed, step)))
                .json().get("recovery_codes");

        assertProblem(bob.api().post("/api/v1/api-keys", withdrawKey), 401, "OTP_REQUIRED");
        assertProblem(bob.api().post("/api/v1/api-keys", with(withdrawKey, code(seed, step))), 401, "OTP_INVALID");
        assertThat(bob.api().post("/api/v1/api-keys", Map.of("label", "reader", "permissions", List.of("read")))
                .status()).as("read needs no code").isEqualTo(201);
        assertThat(bob.api().post("/api/v1/api-keys", with(withdrawKey, code(seed, step + 1))).status()).isEqualTo(201);
        assertThat(bob.api().post("/api/v1/api-keys", with(withdrawKey, recovery.get(0).asString())).status())
                .isEqualTo(201);

        Map<String, Object> withdrawal = Map.of("asset", "USD", "amount", "10", "address", "DE89370400440532013000",
                "transaction_id", "payout-" + bob.id());
        assertProblem(bob.api().post("/api/v1/withdrawals", withdrawal), 401, "OTP_REQUIRED");
        assertProblem(bob.api().post("/api/v1/withdrawals", with(withdrawal, code(seed, step + 1))), 401, "OTP_INVALID");
        HttpApi.Reply withdrawn = bob.api().post("/api/v1/withdrawals", with(withdrawal, recovery.get(1).asString()));
        assertThat(withdrawn.status()).as("%s", withdrawn).isEqualTo(201);
    }

    private HttpApi.Reply login(Trader trader, String otp) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("email", trader.username() + "@example.com",
                "password", "correct horse " + trader.username().substring("trader_".length())));
        if (otp != null) {
            body.put("otp", otp);
        }
        return HttpApi.onPort(port).post("/api/v1/auth/login", body);
    }

    private static Map<String, Object> with(Map<String, Object> body, String otp) {
        Map<String, Object> out = new java.util.HashMap<>(body);
        out.put("otp", otp);
        return out;
    }

    private static String code(byte[] seed, long step) {
        return Totp.code(seed, step, Totp.DIGITS, Totp.ALGORITHM);
    }
}
