package org.bourse.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bourse.testsupport.ProblemAssertions.assertProblem;
import static org.bourse.testsupport.Traders.limit;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.mail.internet.MimeMessage;

import org.bourse.testsupport.BourseHttpTest;
import org.bourse.testsupport.HttpApi;
import org.bourse.testsupport.TestClock;
import org.bourse.testsupport.Traders;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import tools.jackson.databind.JsonNode;

/**
 * Issue 23 through real HTTP and a real SMTP server (GreenMail): the confirmation mail and its link, password
 * reset end to end, password change, execution mails gathered a minute at a time, a retry after the SMTP
 * server was unreachable, and the stable codes of bad input.
 */
@BourseHttpTest
@TestPropertySource(properties = {"bourse.demo.enabled=false", "bourse.rate-limit.capacity=100000",
        "bourse.rate-limit.refill-per-second=100000", "bourse.notify.poll-interval=50ms",
        "bourse.notify.retry-backoff=30s", "bourse.notify.max-attempts=3"})
abstract class NotifyScenarios {

    @LocalServerPort
    int port;

    @Autowired
    TestClock clock;

    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry registry) {
        registry.add("bourse.notify.smtp-url", Mailbox::smtpUrl);
        registry.add("bourse.accounts.require-verified-email", () -> "true"); // the default, which tests turn off
    }

    record Account(long id, String username, String email, String password, HttpApi api) {
    }

    Account register() {
        String username = "n_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String email = username + "@example.com";
        String password = "a fine passphrase " + username;
        HttpApi api = HttpApi.onPort(port);
        HttpApi.Reply registered = api.post("/api/v1/auth/register",
                Map.of("username", username, "email", email, "password", password));
        assertThat(registered.status()).as("register: %s", registered).isEqualTo(201);
        return new Account(Long.parseLong(registered.text("id")), username, email, password, api);
    }

    HttpApi.Reply login(Account account, String password) {
        return account.api().post("/api/v1/auth/login", Map.of("email", account.email(), "password", password));
    }

    HttpApi loggedIn(Account account) {
        HttpApi.Reply login = login(account, account.password());
        assertThat(login.status()).as("login: %s", login).isEqualTo(200);
        return account.api().withBearer(login.text("access_token"));
    }

    @Test
    void registrationMailsAConfirmationLinkThatConfirmsTheAddressOnce() {
        Account alice = register();
        HttpApi api = loggedIn(alice);
        assertThat(api.get("/api/v1/users/me").json().path("email_verified").asBoolean()).isFalse();

        MimeMessage mail = Mailbox.await(alice.email(), 1).getFirst();
        assertThat(Mailbox.subject(mail)).isEqualTo("Confirm your e-mail address");
        String token = Mailbox.token(mail);
        assertThat(Mailbox.text(mail)).contains("http://localhost:8080/#/verify-email?token=" + token);
        assertThat(Mailbox.html(mail)).contains("<a href=\"http://localhost:8080/#/verify-email?token=" + token + "\"");

        assertThat(alice.api().post("/api/v1/auth/verify-email", Map.of("token", token)).status()).isEqualTo(204);
        assertThat(api.get("/api/v1/users/me").json().path("email_verified").asBoolean()).isTrue();
        assertProblem(alice.api().post("/api/v1/auth/verify-email", Map.of("token", token)), 400, "TOKEN_INVALID");
        assertProblem(alice.api().post("/api/v1/auth/verify-email", Map.of("token", "not-a-token")), 400, "TOKEN_INVALID");
    }

    @Test
    void aPasswordResetMailSetsANewPasswordOnceAndEndsEverySession() {
        Account bob = register();
        HttpApi.Reply session = login(bob, bob.password());
        String refresh = session.text("refresh_token");
        Mailbox.await(bob.email(), 1); // the confirmation mail

        assertThat(bob.api().post("/api/v1/auth/password-reset", Map.of("email", bob.email().toUpperCase())).status())
                .isEqualTo(202);
        MimeMessage mail = Mailbox.await(bob.email(), 2).get(1);
        assertThat(Mailbox.subject(mail)).isEqualTo("Reset your password");
        String token = Mailbox.token(mail);

        assertProblem(bob.api().post("/api/v1/auth/password-reset/confirm",
                Map.of("token", token, "new_password", "password123")), 400, "WEAK_PASSWORD");
        assertProblem(bob.api().post("/api/v1/auth/password-reset/confirm",
                Map.of("token", token, "new_password", "short")), 400, "VALIDATION_FAILED");
        String fresh = "a brand new passphrase";
        assertThat(bob.api().post("/api/v1/auth/password-reset/confirm",
                Map.of("token", token, "new_password", fresh)).status()).isEqualTo(204);

        assertProblem(bob.api().post("/api/v1/auth/refresh", Map.of("refresh_token", refresh)), 401, "UNAUTHORIZED");
        assertProblem(login(bob, bob.password()), 401, "INVALID_CREDENTIALS");
        assertThat(login(bob, fresh).status()).isEqualTo(200);
        assertProblem(bob.api().post("/api/v1/auth/password-reset/confirm",
                Map.of("token", token, "new_password", "yet another passphrase")), 400, "TOKEN_INVALID");
        assertThat(Mailbox.subject(Mailbox.await(bob.email(), 3).get(2))).isEqualTo("Your password was changed");
    }

    @Test
    void aPasswordResetAnswersTheSameForAnUnknownEmailAndSendsNothing() {
        String nobody = "nobody_" + UUID.randomUUID() + "@example.com";
        HttpApi.Reply reply = HttpApi.onPort(port).post("/api/v1/auth/password-reset", Map.of("email", nobody));

        assertThat(reply.status()).isEqualTo(202);
        assertThat(reply.body()).isEmpty();
        Mailbox.sleep(300);
        assertThat(Mailbox.to(nobody)).isEmpty();
    }

    @Test
    void resetMailsAreLimitedPerEmailAndRequestsPerAddress() {
        Account carol = register();
        Mailbox.await(carol.email(), 1);
        for (int i = 0; i < 5; i++) {
            // a new client address each time: only the limit per e-mail applies
            assertThat(HttpApi.onPort(port).post("/api/v1/auth/password-reset", Map.of("email", carol.email())).status())
                    .isEqualTo(202);
        }
        Mailbox.sleep(500);
        assertThat(Mailbox.to(carol.email())).hasSize(1 + 3); // the confirmation, then three reset mails

        HttpApi oneAddress = HttpApi.onPort(port);
        for (int i = 0; i < 20; i++) {
            assertThat(oneAddress.post("/api/v1/auth/password-reset", Map.of("email", "x" + i + "@example.com")).status())
                    .isEqualTo(202);
        }
        HttpApi.Reply limited = oneAddress.post("/api/v1/auth/password-reset", Map.of("email", "y@example.com"));
        assertProblem(limited, 429, "RATE_LIMITED");
        assertThat(limited.header("Retry-After")).isNotNull();
    }

    @Test
    void anExpiredResetTokenIsRefused() {
        Account dave = register();
        Mailbox.await(dave.email(), 1);
        dave.api().post("/api/v1/auth/password-reset", Map.of("email", dave.email()));
        String token = Mailbox.token(Mailbox.await(dave.email(), 2).get(1));

        clock.advance(Duration.ofMinutes(61));

        assertProblem(dave.api().post("/api/v1/auth/password-reset/confirm",
                Map.of("token", token, "new_password", "a brand new passphrase")), 400, "TOKEN_INVALID");
        assertThat(login(dave, dave.password()).status()).isEqualTo(200);
    }

    @Test
    void changingThePasswordNeedsTheCurrentOneAndRevokesRefreshTokens() {
        Account erin = register();
        HttpApi.Reply session = login(erin, erin.password());
        HttpApi api = erin.api().withBearer(session.text("access_token"));

        assertProblem(api.post("/api/v1/users/me/password", Map.of("current_password", "not my password",
                "new_password", "a brand new passphrase")), 400, "INVALID_CREDENTIALS");
        assertProblem(api.post("/api/v1/users/me/password", Map.of("current_password", erin.password(),
                "new_password", "12345678")), 400, "WEAK_PASSWORD");
        assertProblem(api.post("/api/v1/users/me/password", Map.of("current_password", erin.password(),
                "new_password", "my name is " + erin.username())), 400, "WEAK_PASSWORD");
        assertThat(api.post("/api/v1/users/me/password", Map.of("current_password", erin.password(),
                "new_password", "a brand new passphrase")).status()).isEqualTo(204);

        assertProblem(erin.api().post("/api/v1/auth/refresh", Map.of("refresh_token", session.text("refresh_token"))),
                401, "UNAUTHORIZED");
        assertThat(login(erin, "a brand new passphrase").status()).isEqualTo(200);
        List<MimeMessage> mails = Mailbox.await(erin.email(), 2);
        assertThat(mails).extracting(Mailbox::subject).contains("Your password was changed");
    }

    @Test
    void fillsWithinAMinuteAreGatheredIntoOneExecutionMail() {
        Traders traders = new Traders(port);
        String coin = traders.newMarket();
        Account maker = register();
        Account taker = register();
        HttpApi makerApi = loggedIn(maker);
        HttpApi takerApi = loggedIn(taker);
        Mailbox.await(taker.email(), 1); // the confirmation
        assertThat(makerApi.post("/api/v1/deposits", Map.of("asset", coin, "amount", "1", "transaction_id",
                "dep-" + UUID.randomUUID())).status()).isEqualTo(201);
        assertThat(makerApi.post("/api/v1/orders", limit(coin, "sell", "0.5", "100")).status()).isEqualTo(201);

        assertThat(takerApi.post("/api/v1/orders", limit(coin, "buy", "0.1", "100")).status()).isEqualTo(201);
        MimeMessage first = Mailbox.await(taker.email(), 2).get(1);
        assertThat(Mailbox.subject(first)).isEqualTo("Your order was filled");
        assertThat(Mailbox.text(first)).contains("buy 0.10000000 " + coin + "-USD at 100.00");

        assertThat(takerApi.post("/api/v1/orders", limit(coin, "buy", "0.2", "100")).status()).isEqualTo(201);
        assertThat(takerApi.post("/api/v1/orders", limit(coin, "buy", "0.05", "100")).status()).isEqualTo(201);
        JsonNode inApp = takerApi.get("/api/v1/notifications").json().path("items");
        assertThat(inApp.findValuesAsString("kind").stream().filter("order_executed"::equals)).hasSize(3);
        Mailbox.sleep(500);
        assertThat(Mailbox.to(taker.email())).as("no second mail within the minute").hasSize(2);

        clock.advance(Duration.ofSeconds(61));

        MimeMessage second = Mailbox.await(taker.email(), 3).get(2);
        assertThat(Mailbox.subject(second)).isEqualTo("2 fills of your orders");
        assertThat(Mailbox.text(second)).contains("buy 0.20000000 " + coin + "-USD at 100.00").contains("buy 0.05000000 " + coin + "-USD at 100.00");
        Mailbox.sleep(300);
        assertThat(Mailbox.to(taker.email())).hasSize(3);
    }

    @Test
    void anExecutionMailIsNotSentWhenTheUserTurnedItOff() {
        Traders traders = new Traders(port);
        String coin = traders.newMarket();
        Account maker = register();
        Account taker = register();
        HttpApi makerApi = loggedIn(maker);
        HttpApi takerApi = loggedIn(taker);
        HttpApi.Reply changed = takerApi.patch("/api/v1/users/me/notification-settings", Map.of("order_executed", false));
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.json().path("order_executed").asBoolean()).isFalse();
        assertThat(takerApi.get("/api/v1/users/me/notification-settings").json().path("deposit_credited").asBoolean())
                .isTrue();
        makerApi.post("/api/v1/deposits", Map.of("asset", coin, "amount", "1", "transaction_id", "dep-" + UUID.randomUUID()));
        makerApi.post("/api/v1/orders", limit(coin, "sell", "0.5", "100"));

        assertThat(takerApi.post("/api/v1/orders", limit(coin, "buy", "0.1", "100")).status()).isEqualTo(201);

        assertThat(takerApi.get("/api/v1/notifications").json().path("items").findValuesAsString("kind"))
                .contains("order_executed");
        Mailbox.await(maker.email(), 3); // confirmation, deposit, fill: the maker's settings are the defaults
        assertThat(Mailbox.to(taker.email())).extracting(Mailbox::subject).containsExactly("Confirm your e-mail address");
    }

    @Test
    void aMailIsSentAgainAfterTheSmtpServerWasUnreachableAndGivenUpAfterTheLastAttempt() {
        Mailbox.PROXY.cut();
        Account frank;
        try {
            frank = register();
            Mailbox.sleep(500);
            assertThat(Mailbox.to(frank.email())).isEmpty();
            JsonNode queued = outbox(frank.email());
            assertThat(queued.path("status").asString()).isEqualTo("queued");
            assertThat(queued.path("attempts").asInt()).isEqualTo(1);
            assertThat(queued.path("last_error").asString()).isNotBlank();
        } finally {
            Mailbox.PROXY.restore();
        }
        clock.advance(Duration.ofSeconds(31));

        assertThat(Mailbox.subject(Mailbox.await(frank.email(), 1).getFirst())).isEqualTo("Confirm your e-mail address");
        JsonNode sent = awaitOutboxStatus(frank.email(), "sent");
        assertThat(sent.path("attempts").asInt()).isEqualTo(2);
        assertThat(sent.path("sent_at").asString()).isNotBlank();

        Mailbox.PROXY.cut();
        Account grace;
        try {
            grace = register();
            awaitOutboxAttempts(grace.email(), 1);
            clock.advance(Duration.ofSeconds(31));
            awaitOutboxAttempts(grace.email(), 2);
            clock.advance(Duration.ofSeconds(61));
            JsonNode failed = awaitOutboxStatus(grace.email(), "failed");
            assertThat(failed.path("attempts").asInt()).isEqualTo(3);
        } finally {
            Mailbox.PROXY.restore();
        }
        clock.advance(Duration.ofMinutes(5));
        Mailbox.sleep(300);
        assertThat(Mailbox.to(grace.email())).as("a failed mail is not tried again").isEmpty();
    }

    @Test
    void moneyLeavesOnlyAnAccountWhoseAddressIsConfirmedAndTheRecipientIsTold() {
        Account judy = register();
        Account kim = register();
        HttpApi api = loggedIn(judy);
        Map<String, Object> transfer = Map.of("transaction_id", "t-" + UUID.randomUUID(), "to_username", kim.username(),
                "asset", "USD", "amount", "12.50", "memo", "lunch");
        assertProblem(api.post("/api/v1/transfers", transfer), 403, "EMAIL_NOT_VERIFIED");
        assertProblem(api.post("/api/v1/withdrawals", Map.of("asset", "USD", "amount", "1", "address", "somewhere",
                "transaction_id", "w-" + UUID.randomUUID())), 403, "EMAIL_NOT_VERIFIED");

        String token = Mailbox.token(Mailbox.await(judy.email(), 1).getFirst());
        assertThat(judy.api().post("/api/v1/auth/verify-email", Map.of("token", token)).status()).isEqualTo(204);

        assertThat(api.post("/api/v1/transfers", transfer).status()).isEqualTo(201);
        JsonNode received = loggedIn(kim).get("/api/v1/notifications").json().path("items").get(0);
        assertThat(received.path("kind").asString()).isEqualTo("transfer_received");
        assertThat(received.path("body").asString()).contains("12.50 USD").contains(judy.username()).contains("lunch");
        assertThat(Mailbox.await(kim.email(), 2)).extracting(Mailbox::subject).contains("Transfer received");
    }

    @Test
    void usersAtInvalidAddressesLikeTheDemoBotsGetNoFillNotices() {
        Traders traders = new Traders(port);
        String coin = traders.newMarket();
        String username = "bot_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        HttpApi anon = HttpApi.onPort(port);
        assertThat(anon.post("/api/v1/auth/register", Map.of("username", username, "email", username + "@demo.bourse.invalid",
                "password", "a fine passphrase")).status()).isEqualTo(201);
        HttpApi bot = anon.withBearer(anon.post("/api/v1/auth/login", Map.of("email", username + "@demo.bourse.invalid",
                "password", "a fine passphrase")).text("access_token"));
        Account human = register();
        HttpApi humanApi = loggedIn(human);
        bot.post("/api/v1/deposits", Map.of("asset", coin, "amount", "1", "transaction_id", "dep-" + UUID.randomUUID()));
        assertThat(bot.post("/api/v1/orders", limit(coin, "sell", "0.1", "100")).status()).isEqualTo(201);

        assertThat(humanApi.post("/api/v1/orders", limit(coin, "buy", "0.1", "100")).status()).isEqualTo(201);

        assertThat(humanApi.get("/api/v1/notifications").json().path("items").findValuesAsString("kind"))
                .contains("order_executed");
        assertThat(bot.get("/api/v1/notifications").json().path("items").findValuesAsString("kind"))
                .doesNotContain("order_executed");
    }

    @Test
    void theOutboxIsForAdminsOnly() {
        Account henry = register();
        assertProblem(loggedIn(henry).get("/api/v1/admin/outbox"), 404, "NOT_FOUND");
    }

    @Test
    void notificationsAreListedNewestFirstAndMarkedRead() {
        Account ivy = register();
        HttpApi api = loggedIn(ivy);
        api.post("/api/v1/deposits", Map.of("asset", "USD", "amount", "5", "transaction_id", "dep-" + UUID.randomUUID()));
        api.post("/api/v1/deposits", Map.of("asset", "USD", "amount", "7", "transaction_id", "dep-" + UUID.randomUUID()));

        JsonNode page = api.get("/api/v1/notifications?limit=1").json();
        assertThat(page.path("items")).hasSize(1);
        JsonNode newest = page.path("items").get(0);
        assertThat(newest.path("kind").asString()).isEqualTo("deposit_credited");
        assertThat(newest.path("body").asString()).contains("7.00 USD");
        assertThat(newest.path("read_at").isNull()).isTrue();
        JsonNode older = api.get("/api/v1/notifications?limit=1&cursor=" + page.path("next_cursor").asString()).json();
        assertThat(older.path("items").get(0).path("body").asString()).contains("5.00 USD");

        String id = newest.path("id").asString();
        assertThat(api.post("/api/v1/notifications/" + id + "/read", Map.of()).status()).isEqualTo(204);
        assertThat(api.get("/api/v1/notifications?limit=1").json().path("items").get(0).path("read_at").asString())
                .isNotBlank();
        assertProblem(loggedIn(register()).post("/api/v1/notifications/" + id + "/read", Map.of()), 404,
                "NOTIFICATION_NOT_FOUND");
        assertProblem(api.get("/api/v1/notifications?cursor=garbage"), 400, "VALIDATION_FAILED");
    }

    @Test
    void aPriceAlertFiresOnceOnTheTradeThatMeetsIt() {
        Traders traders = new Traders(port);
        String coin = traders.newMarket();
        String symbol = coin + "-USD";
        Account maker = register();
        Account watcher = register();
        HttpApi makerApi = loggedIn(maker);
        HttpApi watcherApi = loggedIn(watcher);
        HttpApi.Reply above = watcherApi.post("/api/v1/alerts", Map.of("symbol", symbol, "condition", "price_above",
                "value", "105.50"));
        assertThat(above.status()).as("%s", above).isEqualTo(201);
        assertThat(above.json().path("status").asString()).isEqualTo("active");
        assertThat(above.json().path("value").asString()).isEqualTo("105.5");
        String below = watcherApi.post("/api/v1/alerts", Map.of("symbol", symbol, "condition", "price_below",
                "value", "90")).text("id");
        makerApi.post("/api/v1/deposits", Map.of("asset", coin, "amount", "1", "transaction_id", "dep-" + UUID.randomUUID()));

        makerApi.post("/api/v1/orders", limit(coin, "sell", "0.1", "100"));
        makerApi.post("/api/v1/orders", limit(coin, "sell", "0.1", "106"));
        HttpApi buyer = loggedIn(register());
        assertThat(buyer.post("/api/v1/orders", limit(coin, "buy", "0.1", "100")).status()).isEqualTo(201);
        assertThat(watcherApi.get("/api/v1/alerts").json().findValuesAsString("status")).containsOnly("active");
        assertThat(buyer.post("/api/v1/orders", limit(coin, "buy", "0.1", "106")).status()).isEqualTo(201);

        JsonNode alerts = watcherApi.get("/api/v1/alerts").json();
        JsonNode fired = alerts.get(1);
        assertThat(fired.path("id").asString()).isEqualTo(above.text("id"));
        assertThat(fired.path("status").asString()).isEqualTo("triggered");
        assertThat(fired.path("triggered_at").asString()).isNotBlank();
        assertThat(alerts.get(0).path("status").asString()).isEqualTo("active");
        MimeMessage mail = Mailbox.await(watcher.email(), 2).get(1);
        assertThat(Mailbox.subject(mail)).isEqualTo("Price alert");
        assertThat(Mailbox.text(mail)).contains(symbol).contains("price_above 105.5");

        makerApi.post("/api/v1/orders", limit(coin, "sell", "0.1", "107"));
        buyer.post("/api/v1/orders", limit(coin, "buy", "0.1", "107"));
        assertThat(watcherApi.get("/api/v1/notifications").json().path("items").findValuesAsString("kind")
                .stream().filter("price_alert"::equals)).as("fires once").hasSize(1);
        assertThat(watcherApi.delete("/api/v1/alerts/" + below).status()).isEqualTo(204);
        assertProblem(watcherApi.delete("/api/v1/alerts/" + below), 404, "ALERT_NOT_FOUND");
    }

    @Test
    void badAlertsGetStableCodesAndAUserHasAtMostFiftyActive() {
        HttpApi api = loggedIn(register());
        assertProblem(api.post("/api/v1/alerts", Map.of("symbol", "BTC-USD", "condition", "price_sideways",
                "value", "1")), 400, "VALIDATION_FAILED");
        assertProblem(api.post("/api/v1/alerts", Map.of("symbol", "NOPE-USD", "condition", "price_above",
                "value", "1")), 404, "MARKET_NOT_FOUND");
        assertProblem(api.post("/api/v1/alerts", Map.of("symbol", "BTC-USD", "condition", "price_above",
                "value", "-5")), 400, "VALIDATION_FAILED");
        assertProblem(api.post("/api/v1/alerts", Map.of("symbol", "BTC-USD", "condition", "change_percent_24h",
                "value", "0")), 400, "VALIDATION_FAILED");
        assertProblem(api.post("/api/v1/alerts", Map.of("symbol", "BTC-USD", "condition", "price_above",
                "value", "lots")), 400, "VALIDATION_FAILED");
        for (int i = 0; i < 50; i++) {
            assertThat(api.post("/api/v1/alerts", Map.of("symbol", "BTC-USD", "condition", "change_percent_24h",
                    "value", i % 2 == 0 ? "5" : "-5")).status()).isEqualTo(201);
        }
        assertProblem(api.post("/api/v1/alerts", Map.of("symbol", "BTC-USD", "condition", "price_below",
                "value", "1")), 422, "ALERT_LIMIT");
        HttpApi other = loggedIn(register());
        String mine = api.get("/api/v1/alerts").json().get(0).path("id").asString();
        assertProblem(other.delete("/api/v1/alerts/" + mine), 404, "ALERT_NOT_FOUND");
    }

    JsonNode outbox(String to) {
        JsonNode items = new Traders(port).admin().get("/api/v1/admin/outbox?to=" + to).json().path("items");
        assertThat(items).as("outbox of %s", to).hasSize(1);
        return items.get(0);
    }

    JsonNode awaitOutboxStatus(String to, String status) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        JsonNode mail = outbox(to);
        while (!mail.path("status").asString().equals(status) && System.nanoTime() < deadline) {
            Mailbox.sleep(50);
            mail = outbox(to);
        }
        assertThat(mail.path("status").asString()).as("%s", mail).isEqualTo(status);
        return mail;
    }

    void awaitOutboxAttempts(String to, int attempts) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        JsonNode mail = outbox(to);
        while (!(mail.path("attempts").asInt() == attempts && mail.path("status").asString().equals("queued")
                || mail.path("status").asString().equals("failed")) && System.nanoTime() < deadline) {
            Mailbox.sleep(50);
            mail = outbox(to);
        }
        assertThat(mail.path("attempts").asInt()).as("%s", mail).isEqualTo(attempts);
    }
}
