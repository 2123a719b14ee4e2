package org.bourse.marketdata.ws;

import java.math.BigDecimal;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.bourse.exchange.ExchangeEvent;
import org.bourse.exchange.MarketSpec;
import org.bourse.marketdata.TradeRow;

import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/** The server's messages and the payloads of the public channels, written once and shared by every socket. */
@Component
final class Messages {

    private final JsonMapper json;

    Messages(JsonMapper json) {
        this.json = json;
    }

    /** A channel's snapshot or update. */
    record ChannelMessage(String channel, String type, long sequence, Object data) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ErrorMessage(String type, String code, String message, String channel) {
    }

    record Acknowledgement(String type, List<String> channels) {
    }

    record Authenticated(String type, String userId, String expiresAt) {
    }

    record Pong(String type) {
    }

    /** {@code bids}/{@code asks}: {@code [price, quantity]} pairs, best first; quantity {@code "0"}: the level is gone. */
    record Book(String symbol, List<List<String>> bids, List<List<String>> asks) {
    }

    /** A row of {@code GET /balances}. */
    record Balance(String asset, String available, String held, String total) {
    }

    String write(Object message) {
        return json.writeValueAsString(message);
    }

    String snapshot(String channel, long sequence, Object data) {
        return write(new ChannelMessage(channel, "snapshot", sequence, data));
    }

    String update(String channel, long sequence, Object data) {
        return write(new ChannelMessage(channel, "update", sequence, data));
    }

    String error(String code, String message, String channel) {
        return write(new ErrorMessage("error", code, message, channel));
    }

    static Book level(MarketSpec market, ExchangeEvent.LevelChanged change) {
        List<List<String>> changed = List.of(level(market, change.price(), change.quantity()));
        return change.side() == org.bourse.engine.Side.BUY
                ? new Book(market.symbol(), changed, List.of())
                : new Book(market.symbol(), List.of(), changed);
    }

    private static List<String> level(MarketSpec market, long price, long quantity) {
        return List.of(market.price(price).toPlainString(), quantity == 0 ? "0" : market.quantity(quantity).toPlainString());
    }

    static TradeRow trade(MarketSpec market, ExchangeEvent.TradeExecuted t) {
        return TradeRow.of(market, t.tradeId(), t.price(), t.quantity(), t.takerSide(), t.executedAt());
    }

    static Balance balance(String asset, int scale, long available, long held) {
        return new Balance(asset, BigDecimal.valueOf(available, scale).toPlainString(),
                BigDecimal.valueOf(held, scale).toPlainString(), BigDecimal.valueOf(available + held, scale).toPlainString());
    }
}
