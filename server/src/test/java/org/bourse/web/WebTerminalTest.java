package org.bourse.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.bourse.testsupport.Browser;
import org.bourse.testsupport.HttpApi;
import org.bourse.testsupport.RequiresChromium;
import org.bourse.testsupport.Traders;
import org.bourse.web.TerminalUsers.Credentials;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The web terminal in a real browser (headless Chromium) against the whole server: what a trader does at
 * {@code /} and sees there. Every test trades on a market of its own, listed by an admin through the API,
 * so tests sharing the server never meet each other's orders; the demo bots are off (BOURSE_DEMO=false), so
 * the books hold only what the tests put there. Screenshots land in target/screenshots/.
 */
@TerminalServer
@RequiresChromium
class WebTerminalTest {

    @LocalServerPort
    int port;

    TerminalUsers users;
    String coin;
    String symbol;
    final List<Browser> browsers = new ArrayList<>();

    @BeforeEach
    void market() {
        users = new TerminalUsers(port);
        coin = new Traders(port).newMarket();
        symbol = coin + "-USD";
    }

    @AfterEach
    void closeBrowsers() {
        browsers.forEach(Browser::close);
    }

    Browser browser() {
        Browser browser = Browser.open(port);
        browsers.add(browser);
        return browser;
    }

    @Test
    void aNewUserRegistersLogsInAndDepositsThroughTheFaucet() {
        Browser browser = browser();
        String unique = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        browser.go("/");
        browser.click("#nav-account");
        browser.type("#register-username", "newbie_" + unique);
        browser.type("#register-email", "newbie_" + unique + "@example.com");
        browser.type("#register-password", "a long enough password");
        browser.click("#register-submit");

        browser.awaitText("#nav-account", "newbie_" + unique);
        browser.awaitText("#balances tr[data-asset='USD'] .available", "100,000.00");
        browser.choose("#deposit-asset", coin);
        browser.type("#deposit-amount", "0.5");
        browser.click("#deposit-form button[type='submit']");
        browser.awaitText("#deposit-result", "Deposited 0.50000000 " + coin);
        browser.awaitText("#balances tr[data-asset='" + coin + "'] .available", "0.50000000");
        String ledgerRow = browser.awaitText("#ledger tbody tr[data-type='deposit']", coin);
        assertThat(ledgerRow).as("the deposit's ledger line shows its trace id").containsPattern("[0-9a-f]{8}-[0-9a-f]{4}");
        browser.screenshot("wallet");

        browser.reload(); // the access token was only in memory: the tab logs in again from its refresh token
        browser.awaitText("#nav-account", "newbie_" + unique);
        browser.awaitText("#balances tr[data-asset='" + coin + "'] .available", "0.50000000");

        browser.route("#/account");
        browser.click("#logout");
        browser.awaitText("#nav-account", "Log in");
        assertThat(browser.script("return sessionStorage.length")).isEqualTo(0L);
    }

    @Test
    void aLimitSellInOneBrowserMeetsAMarketBuyInAnotherAndBothSeeTheTrade() {
        Credentials seller = users.newUser();
        Credentials buyer = users.newUser();
        deposit(seller, coin, "1");
        Browser sellerBrowser = browser();
        Browser buyerBrowser = browser();
        TerminalUsers.logIn(buyerBrowser, buyer);
        buyerBrowser.route("#/trade/" + symbol);
        buyerBrowser.awaitShown("#book-title");
        buyerBrowser.await("the book's snapshot", d -> "true".equals(buyerBrowser.element(".book").getAttribute("data-synced")));
        TerminalUsers.logIn(sellerBrowser, seller);
        sellerBrowser.route("#/trade/" + symbol);

        sellerBrowser.click("label[for='order-side-sell']");
        sellerBrowser.type("#order-price", "250.00");
        sellerBrowser.type("#order-quantity", "0.4");
        sellerBrowser.awaitText("#order-preview", "You receive");
        sellerBrowser.awaitText("#order-preview", "99.90"); // 100.00 less the 0.1 % fee
        sellerBrowser.click("#order-submit");
        sellerBrowser.awaitText("#order-result", "is open");
        sellerBrowser.awaitText("#open-orders", "250.00");

        // the buyer's book shows the new ask without a reload
        buyerBrowser.awaitText("#book-asks tr[data-price='250.00']", "0.40000");
        buyerBrowser.choose("#order-kind", "market");
        buyerBrowser.type("#order-quantity", "0.4");
        buyerBrowser.awaitText("#order-preview", "You pay");
        buyerBrowser.click("#order-submit");
        buyerBrowser.awaitText("#order-result", "executed");

        for (Browser b : List.of(sellerBrowser, buyerBrowser)) {
            b.awaitText("#market-trades tbody tr", "250.00");
            b.click("#tab-fills");
            b.awaitText("#fills tbody tr", "250.00");
            b.awaitGone("#book-asks tr[data-price='250.00']");
        }
        sellerBrowser.click("#tab-open");
        sellerBrowser.awaitShown("#open-orders-empty");
        buyerBrowser.screenshot("trade-view-after-trade");

        buyerBrowser.route("#/wallet");
        buyerBrowser.awaitText("#balances tr[data-asset='" + coin + "'] .available", "0.40000000");
        buyerBrowser.awaitText("#balances tr[data-asset='USD'] .available", "99,899.90"); // 100 000 − 100 − 0.10
        sellerBrowser.route("#/wallet");
        sellerBrowser.awaitText("#balances tr[data-asset='" + coin + "'] .available", "0.60000000");
        sellerBrowser.awaitText("#balances tr[data-asset='USD'] .available", "100,099.90");
    }

    @Test
    void cancellingAnOpenOrderTakesItOffTheBookAndReleasesTheHold() {
        Credentials trader = users.newUser();
        Browser browser = browser();
        TerminalUsers.logIn(browser, trader);
        browser.route("#/trade/" + symbol);
        browser.type("#order-price", "10.00");
        browser.type("#order-quantity", "2");
        browser.click("#order-submit");
        browser.awaitText("#order-result", "is open");
        browser.awaitText("#book-bids tr[data-price='10.00']", "2.00000");
        String orderId = browser.element("#open-orders tbody tr").getAttribute("data-order-id");

        browser.click("#open-orders button[data-cancel='" + orderId + "']");
        browser.awaitShown("#open-orders-empty");
        browser.awaitGone("#book-bids tr[data-price='10.00']");
        browser.click("#tab-history");
        browser.awaitText("#order-history tr[data-order-id='" + orderId + "']", "cancelled");
        browser.route("#/wallet");
        browser.awaitText("#balances tr[data-asset='USD'] .held", "0.00");
        browser.awaitText("#balances tr[data-asset='USD'] .available", "100,000.00");
    }

    @Test
    void reviewThenConfirmCreatesThePendingOrderAndExecutesItOnlyOnConfirmation() {
        Credentials trader = users.newUser();
        Browser browser = browser();
        TerminalUsers.logIn(browser, trader);
        browser.route("#/trade/" + symbol);
        browser.click("#order-review");
        browser.type("#order-price", "12.00");
        browser.type("#order-quantity", "1.5");
        browser.element("#order-quantity").sendKeys(Keys.ENTER); // the whole order from the keyboard

        String review = browser.awaitText("#order-review-box", "pending");
        assertThat(review).contains("Review your order", "12.00", "1.50000", "18.00");
        String orderId = browser.element("#order-review-box").getAttribute("data-order-id");
        assertThat(review).contains(orderId);
        assertThat(users.api(trader).get("/api/v1/orders/" + orderId).text("status"))
                .as("created, not yet executed").isEqualTo("pending");
        assertThat(browser.isShown("#book-bids tr[data-price='12.00']")).as("a pending order is not in the book").isFalse();

        browser.element("#order-confirm").sendKeys(Keys.ENTER); // the confirm button has the focus
        browser.awaitText("#order-result", "Order " + orderId + " is open");
        browser.awaitText("#book-bids tr[data-price='12.00']", "1.50000");
        assertThat(users.api(trader).get("/api/v1/orders/" + orderId).text("status")).isEqualTo("open");
    }

    @Test
    void aQuantityOffTheLotIsShownNextToTheQuantityField() {
        Credentials trader = users.newUser();
        Browser browser = browser();
        TerminalUsers.logIn(browser, trader);
        browser.route("#/trade/" + symbol);
        browser.type("#order-price", "10.00");
        browser.type("#order-quantity", "0.000001");
        browser.click("#order-submit");

        String error = browser.awaitText("[data-field='quantity'] [data-error-for='quantity']", "must be a multiple of 0.00001");
        assertThat(error).startsWith("Amount");
        assertThat(browser.element("#order-quantity").getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.isShown("#order-form [data-form-error]")).as("no general error: the field says it").isFalse();
        assertThat(browser.text("#order-result")).isEmpty();
    }

    @Test
    void anAdminHaltsTheMarketAndTheTradersOrderFormSaysSo() {
        Credentials trader = users.newUser();
        Browser traderBrowser = browser();
        TerminalUsers.logIn(traderBrowser, trader);
        traderBrowser.route("#/trade/" + symbol);
        traderBrowser.awaitShown("#order-submit");
        assertThat(traderBrowser.isShown("#order-halted")).isFalse();

        Browser adminBrowser = browser();
        TerminalUsers.logIn(adminBrowser, users.admin());
        adminBrowser.click("#nav-admin");
        adminBrowser.click("button[data-market-action='" + symbol + "']");
        adminBrowser.awaitText("#admin-markets tr[data-symbol='" + symbol + "']", "Halted");
        adminBrowser.click("#reconcile-now");
        adminBrowser.awaitText("#reconciliation-health", "Healthy");
        adminBrowser.screenshot("admin");

        traderBrowser.awaitText("#order-halted", "Trading is halted on " + symbol);
        assertThat(traderBrowser.element("#order-submit").isEnabled()).as("no order can be sent").isFalse();
        traderBrowser.awaitText("#ticker-status", "Halted");

        adminBrowser.click("button[data-market-action='" + symbol + "']");
        traderBrowser.awaitGone("#order-halted");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theBookIgnoresUpdatesAfterASequenceGapUntilAFreshSnapshot() {
        Browser browser = browser();
        browser.go("/#/markets");
        browser.awaitShown(".markets-table");
        // the terminal's own book model, fed a stream with a gap, in the browser that runs it
        List<Object> steps = (List<Object>) ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                import('/app/trade/book.js').then(({ BookModel }) => {
                  const book = new BookModel();
                  const out = [];
                  out.push(book.apply({ type: 'update', sequence: 5, data: { bids: [['1.00', '1']], asks: [] } }), book.bids.size);
                  out.push(book.apply({ type: 'snapshot', sequence: 10, data: { bids: [['1.00', '2']], asks: [['2.00', '1']] } }));
                  out.push(book.apply({ type: 'update', sequence: 11, data: { bids: [['1.00', '0']], asks: [] } }), book.bids.size);
                  out.push(book.apply({ type: 'update', sequence: 13, data: { bids: [], asks: [['2.00', '3']] } }), book.synced);
                  out.push(book.apply({ type: 'update', sequence: 14, data: { bids: [], asks: [['2.00', '4']] } }), book.asks.get('2.00'));
                  out.push(book.apply({ type: 'snapshot', sequence: 14, data: { bids: [], asks: [['2.00', '4']] } }), book.synced);
                  done(out);
                }, (e) => done(String(e)));""");
        assertThat(steps).containsExactly(
                true, 0L,      // an update before the snapshot is dropped
                true,          // the snapshot
                true, 0L,      // the next sequence applies: level 1.00 is gone
                false, false,  // 13 after 11: a gap, the book stops and asks for a resubscribe
                true, "1",     // nothing applies until the fresh snapshot
                true, true);   // the fresh snapshot
    }

    private void deposit(Credentials user, String asset, String amount) {
        HttpApi.Reply reply = users.api(user).post("/api/v1/deposits",
                Map.of("asset", asset, "amount", amount, "transaction_id", "dep-" + UUID.randomUUID()));
        assertThat(reply.status()).as("deposit: %s", reply).isEqualTo(201);
    }
}
