package org.bourse.trading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bourse.testsupport.ProblemAssertions.assertProblem;
import static org.bourse.testsupport.Traders.limit;
import static org.bourse.testsupport.Traders.market;
import static org.bourse.testsupport.Traders.with;

import java.util.Map;

import org.bourse.testsupport.HttpApi;
import org.bourse.testsupport.Traders;
import org.bourse.testsupport.Traders.Trader;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** One user's working orders (pending ones included) are bounded, per market and in all. */
@TightExchange
class OrderLimitsTest {

    @LocalServerPort
    int port;

    /** A pending buy far below any price: it stays working and holds nothing. */
    private static Map<String, Object> pending(String coin) {
        return with(limit(coin, "buy", "0.01", "100"), "execute", false);
    }

    @Test
    void pendingOrdersCountTowardsTheBoundOfOneMarket() {
        Trader trader = new Traders(port).newTrader();
        String[] ids = new String[TightExchange.PER_MARKET];
        for (int i = 0; i < TightExchange.PER_MARKET; i++) {
            HttpApi.Reply placed = trader.order(pending("BTC"));
            assertThat(placed.status()).as("%s", placed).isEqualTo(201);
            ids[i] = placed.text("id");
        }

        HttpApi.Reply refused = trader.order(pending("BTC"));

        assertProblem(refused, 422, "OPEN_ORDER_LIMIT");
        assertThat(trader.order(pending("ETH")).status()).as("another market").isEqualTo(201);
        assertThat(trader.api().post("/api/v1/orders/" + ids[0] + "/cancel", "").status()).isEqualTo(200);
        assertThat(trader.order(pending("BTC")).status()).as("after a cancel").isEqualTo(201);
    }

    @Test
    void theBoundInAllMarketsHoldsToo() {
        Trader trader = new Traders(port).newTrader();
        for (int i = 0; i < TightExchange.IN_ALL; i++) {
            String coin = i < TightExchange.PER_MARKET ? "BTC" : "ETH";
            assertThat(trader.order(pending(coin)).status()).as("order %d", i).isEqualTo(201);
        }

        assertProblem(trader.order(pending("SOL")), 422, "OPEN_ORDER_LIMIT");
    }

    @Test
    void anOrderThatCannotStayInTheBookNeedsNoSlot() {
        Trader trader = new Traders(port).newTrader();
        for (int i = 0; i < TightExchange.PER_MARKET; i++) {
            assertThat(trader.order(pending("BTC")).status()).isEqualTo(201);
        }

        HttpApi.Reply immediate = trader.order(with(market("BTC", "buy", "0.001"), "time_in_force", "ioc"));

        assertThat(immediate.status()).as("%s", immediate).isEqualTo(201);
    }

    @Test
    void resendingAPlacedOrderAtTheBoundAnswersThatOrder() {
        Trader trader = new Traders(port).newTrader();
        for (int i = 0; i < TightExchange.PER_MARKET - 1; i++) {
            assertThat(trader.order(pending("BTC")).status()).isEqualTo(201);
        }
        Map<String, Object> last = with(pending("BTC"), "client_order_id", "the-last-one");
        HttpApi.Reply placed = trader.order(last);

        HttpApi.Reply again = trader.order(last);

        assertThat(again.status()).as("%s", again).isEqualTo(200);
        assertThat(again.text("id")).isEqualTo(placed.text("id"));
    }
}
