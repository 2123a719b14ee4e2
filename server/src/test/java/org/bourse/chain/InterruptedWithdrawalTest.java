package org.bourse.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;

import org.bourse.BourseApplication;
import org.bourse.engine.command.HoldWithdrawal;
import org.bourse.engine.command.SettleWithdrawal;
import org.bourse.exchange.ExchangeGateway;
import org.bourse.testsupport.Traders;
import org.bourse.testsupport.Traders.Trader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import tools.jackson.databind.JsonNode;

/**
 * A server stopped in the middle of a withdrawal finishes it on the next start, from what the engine has: a request
 * recorded but never held disappears (nothing was taken, nothing was answered); one the engine did hold becomes a
 * requested withdrawal; one an administrator paid whose hold was still held is settled.
 */
class InterruptedWithdrawalTest {

    @TempDir
    Path data;

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(BourseApplication.class).run("--server.port=0", "--bourse.data-dir=" + data,
                "--spring.datasource.url=", "--spring.datasource.username=", "--spring.datasource.password=",
                "--bourse.redis.url=", "--bourse.jwt.secret=", "--bourse.demo.enabled=false",
                "--server.forward-headers-strategy=native", "--bourse.accounts.require-verified-email=false", "--bourse.rate-limit.capacity=100000",
                "--bourse.rate-limit.refill-per-second=100000");
    }

    @Test
    void whatACrashInterruptedIsFinishedFromTheEnginesStateAtTheNextStart() {
        Trader alice;
        try (ConfigurableApplicationContext server = start()) {
            alice = new Traders(port(server)).newTrader();
            JdbcTemplate jdbc = server.getBean(JdbcTemplate.class);
            ExchangeGateway exchange = server.getBean(ExchangeGateway.class);
            // recorded, then the crash before the engine held anything
            insert(jdbc, alice.id(), "never-held", "holding", "none", null);
            // recorded and held, then the crash before the row said so
            insert(jdbc, alice.id(), "held", "holding", "none", null);
            assertThat(exchange.execute(new HoldWithdrawal("held", alice.id(), "USD", 30_00, 0, null)).accepted()).isTrue();
            // paid by an administrator, then the crash before the engine paid the hold out
            insert(jdbc, alice.id(), "paid", "confirmed", "held", "BANK-7");
            assertThat(exchange.execute(new HoldWithdrawal("paid", alice.id(), "USD", 30_00, 0, null)).accepted()).isTrue();
            assertThat(alice.balance("USD")).containsExactly(new BigDecimal("99940.00"), new BigDecimal("60.00"));
        }
        try (ConfigurableApplicationContext restarted = start()) {
            Trader again = new Trader(alice.id(), alice.username(), alice.api().withPort(port(restarted)));
            JsonNode items = again.api().get("/api/v1/withdrawals").json().path("items");

            assertThat(items.findValuesAsString("transaction_id")).containsExactlyInAnyOrder("held", "paid");
            for (JsonNode w : items) {
                assertThat(w.path("status").asString()).isEqualTo(w.path("transaction_id").asString().equals("held")
                        ? "requested" : "confirmed");
            }
            assertThat(again.balance("USD")).containsExactly(new BigDecimal("99940.00"), new BigDecimal("30.00"));
            JsonNode paidOut = again.api().get("/api/v1/ledger?asset=USD&type=withdrawal").json().path("items").get(0);
            assertThat(paidOut.path("transaction_id").asString()).isEqualTo("BANK-7");
            // the engine settled it exactly once: asked again, it answers a replay
            assertThat(restarted.getBean(ExchangeGateway.class)
                    .execute(new SettleWithdrawal("paid", alice.id(), "BANK-7", null)).replayed()).isTrue();
        }
    }

    private static void insert(JdbcTemplate jdbc, long userId, String transactionId, String status, String holdState,
                               String reference) {
        var now = Instant.now().minusSeconds(5).atOffset(ZoneOffset.UTC);
        jdbc.update("""
                INSERT INTO withdrawals (user_id, transaction_id, asset, amount, fee, address, network, status, hold_state,
                                         reference, created_at, updated_at)
                VALUES (?, ?, 'USD', 30, 0, 'DE89 3704 0044 0532 0130 00', NULL, ?, ?, ?, ?, ?)""",
                userId, transactionId, status, holdState, reference, now, now);
    }

    private static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }
}
