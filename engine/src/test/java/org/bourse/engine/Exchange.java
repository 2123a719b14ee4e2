package org.bourse.engine;

import org.bourse.engine.command.CancelOrder;
import org.bourse.engine.command.Command;
import org.bourse.engine.command.DefineAsset;
import org.bourse.engine.command.Deposit;
import org.bourse.engine.command.ExecuteOrder;
import org.bourse.engine.command.ListMarket;
import org.bourse.engine.command.OpenAccount;
import org.bourse.engine.command.PlaceOrder;

/**
 * A test exchange: an engine with USD (cents), BTC and ETH (8 decimals), and the BTC-USD market (tick one
 * cent, lot 0.00001 BTC, fees 0.1 % maker and taker), driven with readable helpers.
 */
final class Exchange {

    static final long USD = 100;           // cents per dollar
    static final long BTC = 100_000_000;   // satoshis per bitcoin
    static final long LOT = 1_000;         // 0.00001 BTC
    static final String BTC_USD = "BTC-USD";

    final Engine engine;
    final Recorder events = new Recorder();
    private long sequence;
    long clock = 1_700_000_000_000L;

    Exchange() {
        this(EngineConfig.DEFAULT);
    }

    Exchange(EngineConfig config) {
        engine = new Engine(config);
        engine.listener(events);
        apply(new DefineAsset("USD", 2, null));
        apply(new DefineAsset("BTC", 8, null));
        apply(new DefineAsset("ETH", 8, null));
        apply(btcUsd(1_000, 1_000));
    }

    static ListMarket btcUsd(long makerPpm, long takerPpm) {
        return new ListMarket(BTC_USD, "BTC", "USD", 1, LOT, LOT, 0, makerPpm, takerPpm, 10_000_000_000L,
                100_000_000_000_000L, null);
    }

    Result apply(Command command) {
        clock += 1;
        return engine.apply(++sequence, clock, command);
    }

    /** Opens the account and deposits the amounts (minor units) of USD and BTC. */
    long user(long id, long usd, long btc) {
        apply(new OpenAccount(id, null));
        if (usd > 0) {
            apply(new Deposit("seed-usd-" + id, id, "USD", usd, null));
        }
        if (btc > 0) {
            apply(new Deposit("seed-btc-" + id, id, "BTC", btc, null));
        }
        return id;
    }

    Result limit(long user, Side side, long price, long quantity) {
        return place(user, side, OrderKind.LIMIT, null, price, 0, quantity);
    }

    Result place(long user, Side side, OrderKind kind, TimeInForce tif, long price, long stop, long quantity) {
        return apply(new PlaceOrder(user, null, BTC_USD, side, kind, tif, false, price, stop, quantity, 0, true,
                "trace-" + (sequence + 1)));
    }

    Result market(long user, Side side, long quantity) {
        return place(user, side, OrderKind.MARKET, null, 0, 0, quantity);
    }

    Result cancel(long user, long orderId) {
        return apply(new CancelOrder(user, orderId, null));
    }

    Result execute(long user, long orderId) {
        return apply(new ExecuteOrder(user, orderId, null));
    }

    long available(long user, String asset) {
        return engine.account(user).available(engine.asset(asset).index());
    }

    long held(long user, String asset) {
        return engine.account(user).held(engine.asset(asset).index());
    }

    Market btcUsd() {
        return engine.market(BTC_USD);
    }

    OrderStatus status(long orderId) {
        return events.lastChangeOf(orderId).status();
    }
}
