package org.bourse.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import org.bourse.testsupport.Browser;
import org.bourse.testsupport.HttpApi;
import org.bourse.testsupport.RequiresChromium;
import org.bourse.testsupport.Traders;
import org.bourse.web.TerminalUsers.Credentials;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The terminal's order history searches with {@code GET /orders/search}: a trader narrows it by status, side,
 * price and a client order id prefix, sorts it, sees the total of the whole result, and a bad filter is told
 * in the form, in a real browser.
 */
@TerminalServer
@RequiresChromium
class WebOrderSearchTest {

    @LocalServerPort
    int port;

    Browser browser;

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void theOrderHistorySearchesByStatusSidePriceAndClientOrderId() {
        TerminalUsers users = new TerminalUsers(port);
        String coin = new Traders(port).newMarket();
        Credentials trader = users.newUser();
        HttpApi api = users.api(trader);
        String open = place(api, coin, "10", "ui-open-1");
        String cheaper = place(api, coin, "9", "ui-open-2");
        String cancelled = place(api, coin, "11", "ui-gone-1");
        assertThat(api.post("/api/v1/orders/" + cancelled + "/cancel", "").status()).isEqualTo(200);

        browser = Browser.open(port);
        TerminalUsers.logIn(browser, trader);
        browser.route("#/trade/" + coin + "-USD");
        browser.click("#tab-history");
        browser.awaitText("#history-total", "3 orders");
        assertThat(rowIds()).containsExactly(cancelled, cheaper, open); // newest first

        browser.choose("#history-status", "cancelled");
        browser.click("#history-apply");
        browser.awaitText("#history-total", "1 order");
        assertThat(rowIds()).containsExactly(cancelled);

        browser.choose("#history-status", "");
        browser.type("#history-q", "ui-open");
        browser.choose("#history-sort", "price");
        browser.click("#history-apply");
        browser.awaitText("#history-total", "2 orders");
        assertThat(rowIds()).containsExactly(cheaper, open);
        assertThat(browser.text("#history-total")).contains("open 2");

        browser.type("#history-min-price", "9.50");
        browser.click("#history-apply");
        browser.awaitText("#history-total", "1 order");
        assertThat(rowIds()).containsExactly(open);

        browser.choose("#history-type", "sell");
        browser.click("#history-apply");
        browser.awaitText("#history-total", "0 orders");

        browser.type("#history-max-price", "5");
        browser.click("#history-apply");
        browser.awaitText("#history-filters [data-form-error]", "min_price");
        browser.screenshot("order-history-search");
    }

    private java.util.List<String> rowIds() {
        return browser.all("#order-history tbody tr").stream().map(r -> r.getAttribute("data-order-id")).toList();
    }

    private static String place(HttpApi api, String coin, String price, String clientOrderId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "buy");
        body.put("crypto_symbol", coin);
        body.put("quantity", "1");
        body.put("order_kind", "limit");
        body.put("price", price);
        body.put("execute", true);
        body.put("client_order_id", clientOrderId);
        HttpApi.Reply reply = api.post("/api/v1/orders", body);
        assertThat(reply.status()).as("%s", reply).isEqualTo(201);
        return reply.text("id");
    }
}
