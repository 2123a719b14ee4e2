package org.bourse.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bourse.testsupport.ProblemAssertions.assertProblem;
import static org.bourse.testsupport.Traders.limit;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import org.bourse.testsupport.BourseHttpTest;
import org.bourse.testsupport.HttpApi;
import org.bourse.testsupport.Traders;
import org.bourse.testsupport.Traders.Trader;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * When the read models cannot be written (here: a row the projector must update is locked by another
 * transaction), the projector's queue fills, the engine waits for it, and callers are answered 503 with
 * Retry-After instead of waiting without end; once the lock goes, every applied command reaches the read
 * models and nothing was set aside.
 */
@BourseHttpTest
@DirtiesContext
@TestPropertySource(properties = {"bourse.demo.enabled=false", "bourse.rate-limit.capacity=100000",
        "bourse.rate-limit.refill-per-second=100000",
        "bourse.exchange.projector-queue=4", "bourse.exchange.projector-batch=2", "bourse.exchange.request-timeout=2s",
        "bourse.audit.initial-delay=1h"})
class ProjectorBackPressureTest {

    @LocalServerPort
    int port;

    @Autowired
    DataSource dataSource;

    @Autowired
    ExchangeGateway exchange;

    @Test
    void aStuckProjectorTurnsIntoServiceUnavailableAndCatchesUpOnceFreed() throws Exception {
        Traders traders = new Traders(port);
        HttpApi admin = traders.admin();
        String coin = traders.newMarket();
        Trader buyer = traders.newTrader();
        List<HttpApi.Reply> replies = new ArrayList<>();
        try (Connection locker = dataSource.getConnection();
             ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            locker.setAutoCommit(false);
            try (Statement lock = locker.createStatement();
                 ResultSet rows = lock.executeQuery("SELECT * FROM balances WHERE account_id = " + buyer.id()
                         + " AND asset = 'USD' FOR UPDATE")) {
                assertThat(rows.next()).as("the buyer's balance row exists and is now locked").isTrue();
            }
            List<Future<HttpApi.Reply>> placed = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                int n = i;
                placed.add(clients.submit(() -> buyer.order(limit(coin, "buy", "0.001", Integer.toString(10 + n)))));
            }
            for (Future<HttpApi.Reply> reply : placed) {
                replies.add(reply.get());
            }
            locker.rollback();
        }

        List<HttpApi.Reply> unavailable = replies.stream().filter(r -> r.status() == 503).toList();
        assertThat(unavailable).as("answers while the projector was stuck").isNotEmpty();
        for (HttpApi.Reply reply : unavailable) {
            // a placement whose outcome is not known by its deadline says so, so the client looks it up rather
            // than placing it again
            assertProblem(reply, 503, "ORDER_OUTCOME_UNKNOWN");
            assertThat(reply.header("Retry-After")).isNotBlank();
        }
        assertThat(replies).allSatisfy(r -> assertThat(r.status()).isIn(201, 503));

        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (exchange.projectedSequence() < exchange.lastAppliedSequence()) {
            assertThat(Instant.now()).as("the read models catch up once the lock is gone").isBefore(deadline);
            Thread.sleep(50);
        }
        assertThat(exchange.quarantinedCommands()).isEmpty();
        long acknowledged = replies.stream().filter(r -> r.status() == 201).count();
        int listed = buyer.api().get("/api/v1/orders?limit=1000").json().path("items").size();
        assertThat(listed).as("orders in the read models").isGreaterThanOrEqualTo((int) acknowledged);
        assertThat(admin.post("/api/v1/admin/reconciliation", Map.of()).json().path("healthy").asBoolean()).isTrue();
    }
}
