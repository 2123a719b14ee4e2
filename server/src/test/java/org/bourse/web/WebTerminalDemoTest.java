package org.bourse.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.bourse.testsupport.Browser;
import org.bourse.testsupport.BourseHttpTest;
import org.bourse.testsupport.RequiresChromium;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * The terminal with the demo bots on (BOURSE_DEMO=true), as someone opening {@code ./run}'s address sees it:
 * a live book, trades and candles from the first seconds, on a desktop and on a phone-sized screen, and
 * nothing the page's Content-Security-Policy had to refuse. Its screenshots go into target/screenshots/.
 */
@BourseHttpTest
@RequiresChromium
@TestPropertySource(properties = {"bourse.demo.enabled=true", "bourse.demo.quote-interval=300ms",
        "bourse.demo.taker-interval=300ms", "bourse.rate-limit.capacity=100000",
        "bourse.rate-limit.refill-per-second=100000"})
class WebTerminalDemoTest {

    @LocalServerPort
    int port;

    final List<Browser> browsers = new ArrayList<>();

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
    void theAddressOpensALiveTradeViewWithBookTradesAndCandlesAndNothingRefusedByThePolicy() {
        Browser browser = browser();
        browser.go("/");

        browser.awaitText("#connection", "Live");
        browser.awaitText("#ticker-status", "Trading");
        browser.await("five levels on each side of the book",
                d -> browser.all("#book-bids tbody tr").size() >= 5 && browser.all("#book-asks tbody tr").size() >= 5);
        browser.await("a level flashing after an update", d -> browser.all(".book-side tr.flash").isEmpty() ? null : true);
        browser.await("recent trades", d -> browser.all("#market-trades tbody tr").size() >= 1);
        browser.await("candles", d -> !"0".equals(browser.element(".panel.chart").getAttribute("data-candles"))
                && browser.element(".panel.chart").getAttribute("data-candles") != null);
        browser.screenshot("trade-view");

        browser.click("button[data-interval='5m']");
        browser.await("the 5m candles", d -> "5m".equals(browser.element(".panel.chart").getAttribute("data-interval")));
        assertThat(browser.element("button[data-interval='5m']").getAttribute("aria-pressed")).isEqualTo("true");

        List<String> refused = browser.console().stream()
                .filter(line -> line.contains("Content Security Policy") || line.contains("Refused to")).toList();
        assertThat(refused).as("console lines about the Content-Security-Policy").isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void atPhoneWidthTheTradeViewFitsTheScreenWithoutSidewaysScrolling() {
        Browser browser = browser();
        browser.resize(390, 844);
        browser.go("/#/trade/ETH-USD");
        browser.await("the book", d -> browser.all("#book-bids tbody tr").size() >= 3);
        browser.awaitShown("#order-submit");

        Object overflow = browser.script("return document.documentElement.scrollWidth - window.innerWidth");
        assertThat(((Number) overflow).longValue()).as("pixels the page is wider than the screen").isLessThanOrEqualTo(0);
        for (String panel : List.of(".panel.chart", ".book", ".order-entry", ".trades")) {
            Object share = browser.script("return document.querySelector(arguments[0]).getBoundingClientRect().width / window.innerWidth", panel);
            assertThat(((Number) share).doubleValue()).as("the width of %s, stacked in one column, as a share of the screen", panel)
                    .isGreaterThan(0.9);
        }
        browser.screenshot("trade-view-phone");

        browser.route("#/markets");
        browser.await("every start-up market with a last price", d -> ((Number) browser.script(
                "return [...document.querySelectorAll('.markets-table tbody tr')].filter(r => /\\d/.test(r.cells[1].textContent)).length"))
                .intValue() >= 5);
        assertThat((List<Object>) browser.script("return [...document.querySelectorAll('.markets-table tbody tr')].map(r => r.dataset.symbol)"))
                .contains("BTC-USD", "ETH-USD", "SOL-USD", "ETH-BTC", "VIB-BRL");
        overflow = browser.script("return document.documentElement.scrollWidth - window.innerWidth");
        assertThat(((Number) overflow).longValue()).as("the markets page at phone width").isLessThanOrEqualTo(0);
    }
}
