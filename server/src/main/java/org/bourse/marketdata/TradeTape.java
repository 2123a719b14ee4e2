package org.bourse.marketdata;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.bourse.exchange.CommandEvents;
import org.bourse.exchange.ExchangeEvent;
import org.bourse.exchange.MarketCatalog;
import org.bourse.exchange.MarketSpec;
import org.bourse.exchange.Projection;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The public record of every trade, per market. */
@Component
final class TradeTape implements Projection {

    private final MarketCatalog catalog;

    TradeTape(MarketCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public void project(List<CommandEvents> batch, JdbcTemplate jdbc) {
        List<Object[]> rows = new ArrayList<>();
        for (CommandEvents command : batch) {
            for (ExchangeEvent event : command.events()) {
                if (event instanceof ExchangeEvent.TradeExecuted t) {
                    MarketSpec market = catalog.market(t.symbol()).orElseThrow();
                    rows.add(new Object[] {t.tradeId(), t.symbol(), market.price(t.price()), market.quantity(t.quantity()),
                            market.quoteAmount(t.sellerReceived()), t.takerSide().name(), t.buyOrderId(),
                            t.sellOrderId(), Instant.ofEpochMilli(t.executedAt()).atOffset(ZoneOffset.UTC)});
                }
            }
        }
        if (!rows.isEmpty()) {
            jdbc.batchUpdate("""
                    INSERT INTO trades (id, symbol, price, quantity, quote_quantity, taker_side, buy_order_id,
                                        sell_order_id, executed_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""", rows);
        }
    }
}
