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
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The portfolio page in a real browser: holdings, P&L, FIFO lots, allocation and metrics after a trade. */
@TerminalServer
@RequiresChromium
class WebPortfolioTest {

    @LocalServerPort
    int port;

    final List<Browser> browsers = new ArrayList<>();

    @AfterEach
    void closeBrowsers() {
        browsers.forEach(Browser::close);
    }

    @Test
    void aTraderSeesWhatTheyBoughtItsLotsItsProfitAndTheMetrics() {
        TerminalUsers users = new TerminalUsers(port);
        String coin = new Traders(port).newMarket();
        Credentials seller = users.newUser();
        Credentials buyer = users.newUser();
        HttpApi sellerApi = users.api(seller);
        HttpApi buyerApi = users.api(buyer);
        assertThat(sellerApi.post("/api/v1/deposits", Map.of("asset", coin, "amount", "3",
                "transaction_id", "dep-" + UUID.randomUUID())).status()).isEqualTo(201);
        assertThat(sellerApi.post("/api/v1/orders", Traders.limit(coin, "sell", "1", "200")).status()).isEqualTo(201);
        assertThat(buyerApi.post("/api/v1/orders", Traders.limit(coin, "buy", "1", "200")).status()).isEqualTo(201);
        assertThat(sellerApi.post("/api/v1/orders", Traders.limit(coin, "sell", "1", "250")).status()).isEqualTo(201);
        assertThat(buyerApi.post("/api/v1/orders", Traders.limit(coin, "buy", "1", "250")).status()).isEqualTo(201);

        Browser browser = Browser.open(port);
        browsers.add(browser);
        TerminalUsers.logIn(browser, buyer);
        browser.click("#nav-portfolio");
        String row = browser.awaitText("#holdings tr[data-asset='" + coin + "'] .quantity", "2");
        assertThat(row).isEqualTo("2");
        // bought 1 at 200 and 1 at 250, priced at the last trade, 250: value 500, invested 450, P&L +50
        browser.awaitText("#holdings tr[data-asset='" + coin + "'] .value", "500.00");
        browser.awaitText("#holdings tr[data-asset='" + coin + "'] .pnl", "+50.00");
        assertThat(browser.all("#lots tbody tr[data-asset='" + coin + "']")).hasSize(2);
        assertThat(browser.text("#lots tbody")).contains("200", "250");
        // 100 000 - 450 - 0.45 of fees in cash, 500 in the coin
        browser.awaitText("#total-value", "100,049.55");
        browser.awaitText("#profit-loss", "+49.55");
        browser.awaitShown("#allocation li[data-slice='" + coin + "'] progress");
        browser.awaitText("#portfolio-metrics dd[data-metric='herfindahl_index']", "0.");
        browser.awaitText("#portfolio-metrics dd[data-metric='sharpe_ratio']", "fewer than");
        browser.screenshot("portfolio");
        assertThat(browser.console()).as("no script errors").noneMatch(line -> line.contains("SEVERE"));
    }
}
